"""Salary benchmarks: everything that can be tested without Streamlit.

Modules: paths (where things live), calibration (published figures), sample (the
calibrated sample generator), catalog (dimensions and measures), filters (the global
filter state and its SQL parameters), queries and db (the SQL registry and runner),
dataset (the current dataset and its version), stats, charts, formatting.
"""
