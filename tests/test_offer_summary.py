"""The offer summary: its rows carry the figures the page shows; the CSV and the one-page PDF
carry the rows."""

import csv
import io
from datetime import date

import pytest

from paybench.domain import offer
from paybench.domain.offer import OfferInputs, RankCounts
from paybench.domain.prevailing_wage import OflcWages
from paybench.present import offer_summary
from paybench.present.export_stamp import ExportStamp
from paybench.query import market_cell
from paybench.query.filters import Filters
from tests.helpers import BAND, MLE, check_pdf_structure, pdf_page_count, pdf_text

WAGES = {("Seattle", "15-1252"): OflcWages("Seattle", "Seattle-Tacoma-Bellevue, WA", "15-1252",
                                            117_749, 180_710, 212_202)}
PROVENANCE = ExportStamp("sample", "Calibrated sample", "calibrated sample, not real people's pay",
                         "this project", "199bfe0f9371", "Amounts aged to 1 January 2026.",
                         date(2026, 1, 15), "http://localhost:8501/offer?offer_x=1")


CELL = market_cell.MarketCell(Filters(role=MLE, level=("Senior",), city=("Seattle",)), 400,
                              Filters(role=MLE), 400)


def evaluate(inputs: OfferInputs) -> offer.OfferResult:
    return offer.evaluate(inputs, BAND, RankCounts(400, 262, 0), WAGES)


# Base 181k, bonus 10% = 18.1k, grant 120k over 4 years = 30k a year (30k in year 1), sign-on
# 20k: annualized 229.1k, year 1 249.1k. Percentile 262/400 = 65.5 -> P66. Compa-ratio
# 181/160 = 1.13125 -> 1.13. Penetration (181 - 153)/(187 - 153) = 28/34 = 82%. Floor level III
# $180,710: clears it by $290. Cost: 229,100 + 0.42 x 199,100 (83,622) = $312,722; year 1
# 249,100 + 0.42 x 219,100 (92,022) = $341,122.
OFFER = OfferInputs(role=MLE, level="Senior", city="Seattle", target_percentile=60,
                    base_salary=181_000, grant_value=120_000, sign_on=20_000)
EXPECTED = {
    "Base salary": "$181,000",
    "Annualized total comp": "$229,100",
    "Year-1 total comp": "$249,100",
    "Market percentile (annualized total comp)": "P66",
    "Compa-ratio (base / market median base)": "1.13",
    "Range penetration": "82%",
    "Verdict": "Competitive",
    "Recommended base range": "$153,000 – $187,000",
    "Prevailing wage floor": "$180,710",
    "Base salary against the floor": "Clears it by $290",
    "Fully loaded cost per year": "$312,722",
    "Fully loaded cost in year 1": "$341,122",
    "Employer taxes and benefits per year": "$83,622",
    "Total comp P75": "$245,000",
    "Dataset version": "199bfe0f9371",
    "Made on": "2026-01-15",
    "Kind of records": "calibrated sample, not real people's pay",
    "Amounts": "Amounts aged to 1 January 2026.",
}


def values_by_field(rows: list[offer_summary.SummaryRow]) -> dict[str, str]:
    return {row.field: row.value for row in rows}


def test_rows_carry_every_figure_worked_by_hand():
    values = values_by_field(offer_summary.rows(evaluate(OFFER), CELL, PROVENANCE))
    for field, value in EXPECTED.items():
        assert values[field] == value, field
    assert values["Equity"] == "grant of $120,000 over 4 years, 12-month cliff, even vesting"


def test_an_empty_base_says_it_is_the_middle_of_the_range():
    result = evaluate(OfferInputs(city="Seattle"))
    values = values_by_field(offer_summary.rows(result, CELL, PROVENANCE))
    assert values["Base salary"] == "$170,000 (middle of the range)"  # P60 base


def test_a_broader_cell_is_explained_in_the_rows():
    exact = Filters(role=MLE, level=("Senior",), city=("Madison",))
    cell = market_cell.MarketCell(Filters(role=MLE, level=("Senior",)), 900, exact, 3, "without city")
    values = values_by_field(offer_summary.rows(evaluate(OFFER), cell, PROVENANCE))
    assert "has n = 3, fewer than 5" in values["Why this cell"]
    assert values["Why this cell"].endswith("without city.")
    assert values["Records in the cell"] == "n = 900"


def test_csv_has_one_row_per_field_with_the_number():
    rows = offer_summary.rows(evaluate(OFFER), CELL, PROVENANCE)
    table = list(csv.DictReader(io.StringIO(offer_summary.to_csv(rows).decode("utf-8"))))
    assert len(table) == len(rows)
    by_field = {row["field"]: row for row in table}
    assert by_field["Fully loaded cost per year"]["value"] == "$312,722"
    assert float(by_field["Fully loaded cost per year"]["number"]) == pytest.approx(312_722)
    assert by_field["Verdict"]["number"] == ""
    assert by_field["Link"]["value"] == PROVENANCE.link


def test_pdf_opens_is_one_page_and_shows_the_figures():
    result = evaluate(OFFER)
    rows = offer_summary.rows(result, CELL, PROVENANCE)
    data = offer_summary.to_pdf(rows, offer_summary.title(result))
    check_pdf_structure(data)
    assert pdf_page_count(data) == 1
    text = pdf_text(data)
    assert "Offer summary: Machine Learning Engineer, Senior, Seattle (Onsite)" in text
    for value in EXPECTED.values():
        assert value.replace("–", "-") in text, value  # the PDF's fonts have no en dash


def test_a_crowded_summary_still_fits_one_page():
    long_city = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch " * 2
    inputs = OfferInputs(role="Principal Machine Learning Research Engineer " * 2, city=long_city,
                         level="Principal", industry="Transportation & Logistics",
                         company_size="Medium", grant_value=1_000_000, vesting="Front-loaded",
                         sign_on=100_000, base_salary=400_000)
    exact = Filters(role=inputs.role, level=("Principal",), city=(long_city,),
                    metro=(long_city,), industry=("Transportation & Logistics",),
                    company_size=("Medium",), work_arrangement=("Remote",))
    cell = market_cell.MarketCell(Filters(role=inputs.role), 40, exact, 1,
                            "without industry, company size, city, metro area, work arrangement")
    provenance = ExportStamp("sample", "Calibrated sample", "calibrated sample", "", "abc",
                             "Amounts as reported.", date(2026, 1, 1),
                             "http://example.org/offer?" + "x" * 900)
    data = offer_summary.to_pdf(offer_summary.rows(evaluate(inputs), cell, provenance), "Title")
    assert pdf_page_count(data) == 1


def test_text_outside_latin1_does_not_break_the_pdf():
    inputs = OfferInputs(city="Kraków ≥ 𝕊eattle", role="Ingénieur “ML” — Engineer")
    data = offer_summary.to_pdf(offer_summary.rows(evaluate(inputs), CELL, PROVENANCE), "Ünïcode ✓")
    check_pdf_structure(data)
    text = pdf_text(data)
    assert "Kraków >= ?eattle" in text and 'Ingénieur "ML" - Engineer' in text


def test_file_stem_is_plain():
    assert offer_summary.file_stem(evaluate(OFFER)) == "offer-machine-learning-engineer-senior-seattle"
