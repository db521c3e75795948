"""Import each export of the test corpus (tests/data/exports/) with the options its
expectations name and print a Markdown table: layout x rows read, kept, rejected by reason,
duplicates, columns not used. Run: python -m paybench.tools.import_corpus"""

import json
import tempfile
from pathlib import Path

from paybench.datasets import importer
from paybench.paths import PROJECT_ROOT

EXPORTS = PROJECT_ROOT / "tests" / "data" / "exports"


def corpus_rows(duplicate_ids: str = "keep-latest") -> list[dict]:
    expected = json.loads((EXPORTS / "expected.json").read_text(encoding="utf-8"))["files"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, spec in expected.items():
            constants = {k: str(v) for k, v in
                         (spec.get("options", {}).get("constants") or {}).items()}
            report = importer.import_file(
                EXPORTS / name, Path(folder) / f"{name}.parquet",
                importer.ImportOptions(constants=constants, duplicate_ids=duplicate_ids))
            rows.append({"layout": f"{spec['vendor']} ({name})", "report": report})
    return rows


def markdown_table(rows: list[dict]) -> str:
    lines = ["| layout | read | kept | rejected | rejected by reason (rows) | duplicates | "
             "columns not used (⚠ looks like pay) |", "|---|---:|---:|---:|---|---:|---|"]
    for row in rows:
        report = row["report"]
        reasons = "; ".join(f"{reason} {n}" for reason, n in sorted(report.rejected.items()))
        unused = ", ".join(("⚠ " if use.pay_like else "") + use.column
                           for use in report.columns if not use.fields)
        lines.append(f"| {row['layout']} | {report.rows_read} | {report.rows_kept} | "
                     f"{report.rows_rejected} | {reasons} | {report.duplicates} | {unused} |")
    return "\n".join(lines)


if __name__ == "__main__":
    for policy in importer.DUPLICATE_POLICIES:
        print(f"\nduplicate employee ids: {policy}\n")
        print(markdown_table(corpus_rows(policy)))
