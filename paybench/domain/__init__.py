"""Pure maths: no Streamlit, no files, no SQL. Dataclasses and frames in, dataclasses out."""
