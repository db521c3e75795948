"""Maps drawn without the internet: Plotly's geo charts fetch their base map (topojson) from
a CDN unless told where it is; the app serves it itself from static/topojson/ (Streamlit's
static serving, .streamlit/config.toml), and every map is drawn with this config."""

import plotly.graph_objects as go
import streamlit as st

TOPOJSON_FOLDER = "topojson"


def topojson_url() -> str:
    """Where the app serves the base maps, under the server's base path if it has one."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/{TOPOJSON_FOLDER}/"


def show_map(figure: go.Figure, key: str, alt: str) -> None:
    """A Plotly geo figure whose base map comes from this server, never from a CDN."""
    st.plotly_chart(figure, key=key, alt=alt,
                    config={"topojsonURL": topojson_url(), "displaylogo": False})
