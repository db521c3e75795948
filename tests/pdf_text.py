"""Test-only reading of the offer summary PDF: fpdf2 writes it uncompressed, with each line of
text as a "(...) Tj" string, so the text can be read back without a PDF library."""

import re

_TEXT = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
_ESCAPE = re.compile(rb"\\(.)")


def check_structure(data: bytes) -> None:
    """A PDF a reader opens: the header, the end marker, and a cross-reference table where
    startxref says it is."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    offset = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[offset:offset + 4] == b"xref"


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def text(data: bytes) -> str:
    """Every line of text on the pages, joined by spaces (a wrapped value reads whole again)."""
    lines = [_ESCAPE.sub(rb"\1", match).decode("latin-1") for match in _TEXT.findall(data)]
    return " ".join(" ".join(lines).split())
