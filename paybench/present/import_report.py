"""An import's report in words: pay columns left out first (as warnings), then rows read, kept,
rejected by reason and duplicates, what the titles and places became, how amounts were read,
and every source column with the field it fills or "not used". The command line prints these
lines; the Data page shows them and the mapping as a table."""

import pandas as pd

from paybench.datasets.importer import ImportReport

TITLES_SHOWN = 8
PLACES_SHOWN = 8
DUPLICATES_SHOWN = 5
def counted(n: int, word: str = "row") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


STYLE_WORDS = {"point": "a decimal point (185,000.00)", "comma": "a decimal comma (185.000,00)"}


def field_label(name: str) -> str:
    return name.replace("_", " ").replace("pct", "percent")


def warning_lines(report: ImportReport) -> list[str]:
    return [f"Warning: column “{column}” looks like pay and is not used, so no kept row counts "
            "it. Map it to a field (base_salary, bonus, bonus_pct, equity, grant_value, "
            f"hourly_rate, total_comp) if it is part of pay, or leave it out knowingly."
            for column in report.pay_columns_not_used]


def summary_lines(report: ImportReport) -> list[str]:
    lines = warning_lines(report)
    lines += [f"rows read: {report.rows_read:,}",
              f"rows kept: {report.rows_kept:,}",
              f"rows rejected: {report.rows_rejected:,}"
              + (" (a row may have several reasons)" if report.rows_rejected else "")]
    lines += [f"  {count:,} × {reason}" for reason, count in report.rejected.most_common()]
    lines += _duplicate_lines(report)
    lines.append(f"exact duplicates dropped: {report.duplicates_dropped:,}")
    if report.ranges_collapsed:
        lines.append(f"posting ranges collapsed to their midpoint: {report.ranges_collapsed:,}")
    lines += _title_lines(report) + _place_lines(report)
    lines.append(f"amounts read with {STYLE_WORDS[report.number_style]}"
                 + (", as the file writes them" if report.number_style_found else "")
                 + f"; an hourly rate is a year of {report.hours_per_year:,.0f} hours")
    lines += mapping_lines(report)
    return lines + report.notes


def _duplicate_lines(report: ImportReport) -> list[str]:
    if not report.duplicate_employees:
        return []
    count = len(report.duplicate_employees)
    if report.duplicate_policy == "reject-both":
        head = f"duplicate employee ids: {count:,}, every row of each rejected"
    else:
        head = (f"duplicate employee ids: {count:,}; the latest row of each kept, "
                f"{counted(report.employee_duplicates, 'earlier row')} dropped")
    lines = [head]
    for duplicate in report.duplicate_employees[:DUPLICATES_SHOWN]:
        rows = ", ".join(map(str, duplicate.rows))
        if report.duplicate_policy == "reject-both":
            what = "both rejected"
        elif duplicate.kept is None:
            what = "the latest row was rejected, so none is kept"
        else:
            what = (f"kept row {duplicate.kept}, the latest "
                    + ("by effective date" if duplicate.by_date else "in the file"))
        lines.append(f"  {duplicate.employee_id} on rows {rows}: {what}")
    if count > DUPLICATES_SHOWN:
        lines.append(f"  … and {count - DUPLICATES_SHOWN:,} more")
    return lines


def _title_lines(report: ImportReport) -> list[str]:
    lines = []
    unknown = sum(report.unknown_titles.values())
    if unknown:
        shown = ", ".join(f"{title} ({n:,})"
                          for title, n in report.unknown_titles.most_common(TITLES_SHOWN))
        lines.append(f"titles not in the role table, kept as written: {counted(unknown)}: {shown}")
    if report.level_conflicts:
        lines.append(f"level conflicts: {counted(report.level_conflicts)} whose title names "
                     "another level than the level column (the column wins)")
    return lines


def _place_lines(report: ImportReport) -> list[str]:
    line = (f"places: {counted(report.places_matched)} matched to a metro, "
            f"{counted(report.places_unmatched)} with a city not in the metro table (state and "
            f"country kept), {counted(report.places_without_city)} without a city")
    if report.unmatched_places:
        line += ": " + "; ".join(f"{place} ({n:,})" for place, n
                                 in report.unmatched_places.most_common(PLACES_SHOWN))
    return [line]


def mapping_lines(report: ImportReport) -> list[str]:
    used = [f"{use.column} → {', '.join(map(field_label, use.fields))}"
            for use in report.columns if use.fields]
    unused = [use.column for use in report.columns if not use.fields]
    lines = ["columns used: " + "; ".join(used)]
    if unused:
        lines.append("columns not used: " + "; ".join(unused))
    return lines


def mapping_frame(report: ImportReport) -> pd.DataFrame:
    """One row per source column: what it fills, or not used, and a warning for pay left out."""
    return pd.DataFrame({
        "column": [use.column for use in report.columns],
        "used as": [", ".join(map(field_label, use.fields)) or "not used"
                    for use in report.columns],
        "note": ["looks like pay: not used" if use.pay_like and not use.fields else ""
                 for use in report.columns],
    })
