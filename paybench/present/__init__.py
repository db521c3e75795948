"""What a user sees and sends, without Streamlit: formatting, charts, tables, the offer's words
and exports, and links (the page keys, what a link may carry, and tables carried as text)."""
