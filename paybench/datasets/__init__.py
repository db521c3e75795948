"""Dataset files: their schema, versions and file summary; the calibrated sample and the
figures it is made from; importing other files. No Streamlit."""
