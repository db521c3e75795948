"""The Streamlit glue the pages share. The only layer (with tools) that imports Streamlit."""
