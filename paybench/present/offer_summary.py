"""The offer in words: the texts the page, the CSV and the PDF share, so a download carries
exactly the figures on screen. No Streamlit here; the PDF is made with fpdf2 (pure Python)."""

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paybench.domain import offer, prevailing_wage, ranges
from paybench.domain.offer import InputWarning, OfferResult
from paybench.domain.prevailing_wage import WageCheck
from paybench.present.export_stamp import ExportStamp
from paybench.present.formatting import count, money, percent
from paybench.query import catalog
from paybench.query.market_cell import MarketCell

if TYPE_CHECKING:
    from fpdf import FPDF

WAGE_FLOOR_NOTE = "A legal floor for H-1B and PERM filings, not a market figure."
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
COST_RATE_BASIS = (
    "BLS Employer Costs for Employee Compensation, June 2025 (released 12 September 2025): in "
    "private industry, wages and salaries cost $32.07 an hour and benefits (paid leave, "
    "supplemental pay, insurance, retirement, legally required payroll taxes) $13.58, 29.8% of "
    "total compensation, i.e. 42% on top of wages. The rate loads cash pay (base, bonus, "
    "sign-on); equity is not loaded, since benefits do not scale with it and at these salaries "
    "the only payroll tax on vesting stock is Medicare's 1.45%. BLS counts bonuses among "
    "benefits (supplemental pay, $1.84 an hour), so loading the bonus errs on the high side.")


@dataclass(frozen=True)
class SummaryRow:
    section: str
    field: str
    value: str  # as the page shows it
    number: float | None = None


# ---- texts the page shows as well ------------------------------------------------------------

def percentile_text(percentile: float) -> str:
    """P65 (a percentile rank, to the nearest whole percentile)."""
    return f"P{round(percentile)}"


def target_text(target: float) -> str:
    return f"P{target:g}"


def ratio_text(ratio: float) -> str:
    return f"{ratio:.2f}"


def base_range_text(base_range: offer.BaseRange) -> str:
    return f"{money(base_range.low)} – {money(base_range.high)}"


def base_range_definition(inputs: offer.OfferInputs, base_range: offer.BaseRange) -> str:
    return (f"market base salary at {target_text(inputs.target_percentile)} "
            f"({money(base_range.midpoint)}) ± {percent(offer.RANGE_HALF_WIDTH)}; spread "
            f"(max − min) / min = {percent(base_range.spread)}")


MARKET_DEFAULT = "the market's"  # said of a figure the user left to the market package


def bonus_pct_text(pct: float) -> str:
    """A bonus target: '12.5%' (one decimal at most)."""
    return f"{round(pct, 1):g}%"


def base_salary_text(result: OfferResult) -> str:
    text = money(result.package.base_salary)
    return (f"{text} (market base at {target_text(result.inputs.target_percentile)}, the middle "
            "of the range)" if result.inputs.base_salary is None else text)


def bonus_text(result: OfferResult) -> str:
    text = f"{bonus_pct_text(result.terms.bonus_target_pct)} of base"
    return f"{text} ({MARKET_DEFAULT}: the cell's mean bonus / mean base)" if (
        result.inputs.bonus_target_pct is None) else text


def equity_text(result: OfferResult) -> str:
    inputs, terms = result.inputs, result.terms
    if terms.grant is None:
        market = f" ({MARKET_DEFAULT} at {target_text(inputs.target_percentile)})" if (
            inputs.equity_per_year is None) else ""
        return f"{money(terms.equity_per_year)} a year{market}"
    schedule = "even vesting"
    if inputs.vesting == "Front-loaded":
        weights = offer.vesting_weights(inputs.vesting_years, front_loaded=True)
        schedule = "front-loaded vesting (" + "/".join(f"{100 * w:.0f}" for w in weights) + ")"
    years = f"{inputs.vesting_years} year{'s' if inputs.vesting_years > 1 else ''}"
    market = f" ({MARKET_DEFAULT}: its equity a year × the years)" if (
        inputs.grant_value is None) else ""
    return (f"grant of {money(terms.grant.value)}{market} over {years}, "
            f"{inputs.cliff_months}-month cliff, {schedule}")


def market_package_text(band: offer.MarketBand) -> str:
    """Where a fresh offer starts, in a sentence: the market package at the target percentile."""
    return (f"base {money(band.base_at_target)}, bonus target "
            f"{bonus_pct_text(band.mean_bonus_pct_of_base)} of base, equity "
            f"{money(band.market_equity_per_year)} a year")


def warning_text(warning: InputWarning) -> str:
    """What looks wrong in the inputs, in a sentence."""
    if warning.kind == offer.BASE_BELOW_MINIMUM_WAGE:
        return (f"A base salary of {money(warning.amount)} is below the US federal minimum "
                f"wage for a full-time year ({money(warning.limit)}).")
    if warning.kind == offer.EQUITY_OVER_BASE_MULTIPLE:
        return (f"Equity of {money(warning.amount)} a year is more than "
                f"{offer.EQUITY_WARNING_MULTIPLE} times the base salary ({money(warning.limit)}). "
                "Check the amount: is a whole grant entered as a yearly value, or a yearly value "
                "as a grant?")
    years = int(warning.limit)
    return (f"The cliff ({warning.amount:.0f} months) is longer than the vesting period "
            f"({years} year{'s' if years > 1 else ''}); the whole grant is counted as vesting "
            "at the end of the period.")


def cell_fallback_text(cell: MarketCell) -> str:
    """Why the band comes from a broader cell; empty when it comes from the offer's own."""
    if not cell.broadened:
        return ""
    return (f"The offer's own cell ({cell.exact.describe()}) has {count(cell.exact_n)}, fewer "
            f"than {cell.min_n}, so the band uses the nearest broader cell: "
            f"{cell.broadened}.")


def posted_range_text(against: offer.AgainstPosted) -> str:
    return f"{money(against.posted.low)} – {money(against.posted.high)}"


def against_posted_text(against: offer.AgainstPosted) -> str:
    """Inside the posted range and where, or outside and by how much."""
    place = against.placement
    if place.inside:
        return f"Inside, at {percent(place.penetration)} of it"
    if place.below_by > 0:
        return f"Below it by {money(place.below_by)}"
    return f"Above it by {money(place.above_by)}"


def posted_range_basis(against: offer.AgainstPosted, level: str) -> str:
    structure_range = against.posted.structure
    return (f"the range the Pay ranges page posts for this cell by default: the hiring range "
            f"(from the minimum to the midpoint) of the {level} structure range "
            f"{money(structure_range.minimum)} – {money(structure_range.maximum)}, whose "
            f"midpoint is the cell's median base salary ({money(structure_range.midpoint)}) and "
            f"spread {percent(structure_range.spread)}; ends rounded outward to "
            f"{money(ranges.POSTING_ROUNDING)}")


def verdict_thresholds_text(verdict: offer.Verdict) -> str:
    return (f"below market under {money(verdict.low)} (P25 of total comp), competitive "
            f"from P25 to P75, top of market above {money(verdict.high)} (P75)")


def wage_level_text(check: WageCheck, level: str) -> str:
    return f"{ROMAN[check.wage_level]} ({level})" if check.wage_level else "–"


def wage_missing_text(check: WageCheck) -> str:
    """Why a check has no floor; empty when it has one."""
    return {
        prevailing_wage.NO_OCCUPATION: f"{check.role} does not map to 15-1252 or 15-2051.",
        prevailing_wage.NO_WAGE_LEVEL: f"Level {check.level} does not map to a DOL wage level.",
        prevailing_wage.NO_CITY: "No city chosen: the prevailing wage is set for a metro.",
        prevailing_wage.NO_WAGE_FOR_CITY: f"No prevailing wage on file for {check.city}.",
    }.get(check.missing, "")


def wage_result_text(check: WageCheck) -> str:
    if check.floor is None:
        return "No floor to check"
    if check.clears:
        return f"Clears it by {money(check.margin)}"
    return f"Below it by {money(-check.margin)}"


def title(result: OfferResult) -> str:
    inputs = result.inputs
    return (f"Offer summary: {inputs.role}, {inputs.level}, {inputs.city} "
            f"({inputs.work_arrangement})")


def file_stem(result: OfferResult) -> str:
    """offer-machine-learning-engineer-senior-seattle"""
    words = f"offer {result.inputs.role} {result.inputs.level} {result.inputs.city}".lower()
    return "-".join("".join(c if c.isalnum() else " " for c in words).split())


# ---- the rows --------------------------------------------------------------------------------

def rows(result: OfferResult, cell: MarketCell, provenance: ExportStamp) -> list[SummaryRow]:
    """Inputs and every output, one row per field."""
    return [*_input_rows(result), *_market_rows(result, cell), *_recommendation_rows(result),
            *_package_rows(result), *_position_rows(result), *_wage_rows(result),
            *_cost_rows(result), *_provenance_rows(provenance)]


def _input_rows(result: OfferResult) -> list[SummaryRow]:
    inputs, section = result.inputs, "Inputs"
    return [
        SummaryRow(section, "Role", inputs.role),
        SummaryRow(section, "Level", inputs.level),
        SummaryRow(section, "Work arrangement", inputs.work_arrangement),
        SummaryRow(section, "City (worksite; remote: the candidate's)", inputs.city),
        SummaryRow(section, "Company size", inputs.company_size),
        SummaryRow(section, "Industry", inputs.industry),
        SummaryRow(section, "Target percentile", target_text(inputs.target_percentile),
                   inputs.target_percentile),
        SummaryRow(section, "Base salary", base_salary_text(result), result.package.base_salary),
        SummaryRow(section, "Bonus target", bonus_text(result), result.terms.bonus_target_pct),
        SummaryRow(section, "Equity", equity_text(result)),
        SummaryRow(section, "Sign-on bonus (year 1 only)", money(inputs.sign_on), inputs.sign_on),
        SummaryRow(section, "Employer taxes and benefits rate",
                   f"{inputs.cost_rate_pct:g}% of cash pay", inputs.cost_rate_pct),
    ]


def _market_rows(result: OfferResult, cell: MarketCell) -> list[SummaryRow]:
    band, section = result.band, "Market band"
    found = [
        SummaryRow(section, "Cell", cell.filters.describe()),
        SummaryRow(section, "Records in the cell", count(cell.n), cell.n),
    ]
    if cell.broadened:
        found.append(SummaryRow(section, "Why this cell", cell_fallback_text(cell)))
    for measure, percentiles in (("base_salary", band.base), ("total_comp", band.total_comp)):
        for p in (25, 50, 75):
            value = getattr(percentiles, f"p{p}")
            found.append(SummaryRow(section, f"{catalog.label(measure)} P{p}", money(value), value))
    return found


def _recommendation_rows(result: OfferResult) -> list[SummaryRow]:
    inputs, base_range, band, section = result.inputs, result.base_range, result.band, "Recommendation"
    target = target_text(inputs.target_percentile)
    return [
        SummaryRow(section, "Recommended base range", base_range_text(base_range)),
        SummaryRow(section, "Range low", money(base_range.low), base_range.low),
        SummaryRow(section, "Range high", money(base_range.high), base_range.high),
        SummaryRow(section, "Range definition", base_range_definition(inputs, base_range)),
        SummaryRow(section, f"Market total comp at {target}", money(band.total_comp_at_target),
                   band.total_comp_at_target),
    ]


def _package_rows(result: OfferResult) -> list[SummaryRow]:
    package, section = result.package, "The offer"
    return [
        SummaryRow(section, "Target bonus", money(package.bonus), package.bonus),
        SummaryRow(section, "Equity per year (annualized)", money(package.equity_per_year),
                   package.equity_per_year),
        SummaryRow(section, "Equity vesting in year 1", money(package.equity_year_one),
                   package.equity_year_one),
        SummaryRow(section, "Year-1 total comp", money(package.year_one), package.year_one),
        SummaryRow(section, "Annualized total comp", money(package.annualized),
                   package.annualized),
    ]


def _position_rows(result: OfferResult) -> list[SummaryRow]:
    position, section = result.position, "Where the offer falls"
    return [
        SummaryRow(section, "Market percentile (annualized total comp)",
                   percentile_text(position.percentile), position.percentile),
        SummaryRow(section, "Compa-ratio (base / market median base)",
                   ratio_text(position.compa_ratio), position.compa_ratio),
        SummaryRow(section, "Range penetration", percent(position.range_penetration),
                   position.range_penetration),
        SummaryRow(section, "Verdict", position.verdict.label),
        SummaryRow(section, "Verdict thresholds", verdict_thresholds_text(position.verdict)),
        SummaryRow(section, "Posted range for the cell", posted_range_text(result.against_posted)),
        SummaryRow(section, "Base against the posted range",
                   against_posted_text(result.against_posted),
                   result.against_posted.placement.penetration),
    ]


def _wage_rows(result: OfferResult) -> list[SummaryRow]:
    check, section = result.wage_check, "DOL prevailing wage"
    occupation = f"{check.soc} {prevailing_wage.SOC_TITLES[check.soc]}" if check.soc else "–"
    return [
        SummaryRow(section, "Occupation (SOC)", occupation),
        SummaryRow(section, "Wage level", wage_level_text(check, result.inputs.level)),
        SummaryRow(section, "Worksite metro", check.metro or "–"),
        SummaryRow(section, "Prevailing wage floor", money(check.floor), check.floor),
        SummaryRow(section, "Base salary against the floor", wage_result_text(check),
                   check.margin),
        SummaryRow(section, "Note", wage_missing_text(check) or WAGE_FLOOR_NOTE),
    ]


def _cost_rows(result: OfferResult) -> list[SummaryRow]:
    cost, section = result.cost, "Cost for finance"
    return [
        SummaryRow(section, "Employer taxes and benefits per year", money(cost.loading_per_year),
                   cost.loading_per_year),
        SummaryRow(section, "Fully loaded cost per year", money(cost.per_year), cost.per_year),
        SummaryRow(section, "Fully loaded cost in year 1", money(cost.year_one), cost.year_one),
    ]


def _provenance_rows(provenance: ExportStamp) -> list[SummaryRow]:
    section = "Data"
    found = [SummaryRow(section, field, value) for field, value in provenance.rows()]
    return [*found, SummaryRow(section, "Cost rate basis", COST_RATE_BASIS)]


# ---- the files -------------------------------------------------------------------------------

def to_csv(summary: list[SummaryRow]) -> bytes:
    """section, field, value (as shown), number (blank for text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "field", "value", "number"])
    for row in summary:
        writer.writerow([row.section, row.field, row.value,
                         "" if row.number is None else f"{row.number:.2f}"])
    return buffer.getvalue().encode("utf-8")


PDF_MARGIN = 12
PDF_COLUMN_GAP = 6
PDF_FONT_SIZES = (8.0, 7.0, 6.0, 5.0)  # the first that fits the summary on one page
LEFT_COLUMN = ("Inputs", "Market band", "Recommendation")
FULL_WIDTH = ("Data",)


def to_pdf(summary: list[SummaryRow], title: str) -> bytes:
    """One Letter page: the title, the sections in two columns, then the data source; in
    the largest font size that keeps it on one page."""
    for size in PDF_FONT_SIZES:
        pdf = _pdf(summary, title, size)
        if pdf.page == 1:
            break
    return bytes(pdf.output())


def _pdf(summary: list[SummaryRow], title: str, size: float) -> "FPDF":
    # imported here: fpdf2 takes 0.2 to 0.4 s to import, which every page's first run on a
    # fresh server would otherwise wait for (issue 16)
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_compression(False)  # keeps the text readable in the file
    pdf.set_margins(PDF_MARGIN, PDF_MARGIN)
    pdf.set_auto_page_break(True, margin=PDF_MARGIN)
    pdf.add_page()
    pdf.set_font("helvetica", "B", size + 6)
    pdf.multi_cell(0, (size + 6) * 0.5, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 2
    column_width = (pdf.epw - PDF_COLUMN_GAP) / 2
    sections = _sections(summary)
    left = [s for s in sections if s[0] in LEFT_COLUMN]
    right = [s for s in sections if s[0] not in LEFT_COLUMN + FULL_WIDTH]
    bottom = [s for s in sections if s[0] in FULL_WIDTH]
    left_end = _column(pdf, PDF_MARGIN, top, column_width, left, size)
    right_end = _column(pdf, PDF_MARGIN + column_width + PDF_COLUMN_GAP, top, column_width,
                        right, size)
    _column(pdf, PDF_MARGIN, max(left_end, right_end) + 2, pdf.epw, bottom, size)
    return pdf


def _sections(summary: list[SummaryRow]) -> list[tuple[str, list[SummaryRow]]]:
    grouped: dict[str, list[SummaryRow]] = {}
    for row in summary:
        grouped.setdefault(row.section, []).append(row)
    return list(grouped.items())


def _column(pdf: "FPDF", x: float, y: float, width: float,
            sections: list[tuple[str, list[SummaryRow]]], size: float) -> float:
    """Sections as label/value rows from (x, y); returns the y below the last row."""
    label_width = min(44, width * 0.4)
    for section, section_rows in sections:
        pdf.set_xy(x, y + 1.5)
        pdf.set_font("helvetica", "B", size + 2)
        pdf.cell(width, size * 0.6, _latin1(section))
        y += size * 0.85
        for row in section_rows:
            y = _row(pdf, x, y, label_width, width - label_width, row, size)
    return y


def _row(pdf: "FPDF", x: float, y: float, label_width: float, value_width: float,
         row: SummaryRow, size: float) -> float:
    line = size * 0.45
    pdf.set_font("helvetica", "", size)
    pdf.set_xy(x, y)
    pdf.multi_cell(label_width, line, _latin1(row.field), align="L")
    label_end = pdf.get_y()
    pdf.set_font("helvetica", "B", size)
    pdf.set_xy(x + label_width, y)
    pdf.multi_cell(value_width, line, _latin1(row.value), align="L")
    return max(label_end, pdf.get_y()) + size * 0.075
_PLAIN = str.maketrans({"–": "-", "—": "-", "−": "-", "“": '"', "”": '"', "’": "'",
                        "…": "...", "≥": ">=", "≤": "<="})


def _latin1(text: str) -> str:
    """The PDF's built-in fonts cover Latin-1: plain punctuation for typographic, '?' for the
    rest (a city name from imported data, say)."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
