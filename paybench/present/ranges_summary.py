"""Pay ranges in words: the captions, the posting's pay text, the laws and why each applies,
and the two exports (the structure as CSV, the posting as text). The page and the exports use
the same functions, so a download says what the page says. No Streamlit here.

Every caption and export that shows market figures takes the aging phrase as an argument
("as reported" or "aged to 1 January 2026": present/aging_text.amounts_phrase)."""

import csv
import io
from datetime import date

from paybench.domain import pay_laws, ranges, vocabulary
from paybench.domain.pay_laws import Finding, PayLaw, Reason, WidthLimitCheck
from paybench.domain.ranges import GoodFaithCheck, LevelRange, PostedRange, Structure
from paybench.domain.stats import confidence_grade
from paybench.present.export_stamp import ExportStamp
from paybench.present.formatting import count, money, percent
from paybench.query.market_cell import StructureCell

NOT_LEGAL_ADVICE = ("Not legal advice: the law file gathers public sources, and points it "
                    "marks unsettled are shown as such. Check with counsel before posting.")
STATUS_LABELS = {
    pay_laws.APPLIES: "Applies",
    pay_laws.APPLIES_IF: "Applies if",
    pay_laws.MAY_APPLY: "May apply (unsettled)",
    pay_laws.NOT_YET: "Not yet in force",
    pay_laws.DOES_NOT_APPLY: "Does not apply",
}
NEED_LABELS = {
    pay_laws.REQUIRED: "required", pay_laws.NOT_REQUIRED: "not required",
    pay_laws.NEED_UNSETTLED: "unsettled", pay_laws.NOT_NAMED: "not named",
    pay_laws.PARTLY: "partly",
}
DISCLOSURE_LABELS = {"range": "pay range", "benefits": "benefits", "bonus": "bonus",
                     "equity": "equity"}
BENEFITS_PLACEHOLDER = ("[Describe the benefits in general terms: health insurance, retirement "
                        "plan, paid time off, and any others.]")


# ---- the market ------------------------------------------------------------------------------

def cell_fallback_text(cell: StructureCell, market: str) -> str:
    """Why the structure comes from a broader market; empty when it comes from its own."""
    if not cell.broadened:
        return ""
    thin = ", ".join(f"{level} ({cell.exact_counts.get(level, 0):,})"
                     for level in cell.thin_in_exact)
    return (f"The structure's own market ({market}) has fewer than {vocabulary.MIN_CELL_SIZE} "
            f"records for {thin}, so every level uses the nearest broader market: "
            f"{cell.broadened}. A structure takes all its levels from one market, so that the "
            "progression between levels compares like with like.")


def structure_caption(market: str, cell: StructureCell, midpoint_percentile: float,
                      aging: str) -> str:
    """What the structure's figures are, from which records."""
    return (f"Base salary per year, {aging}: {market} ({count(cell.n)}, all years in the "
            f"selection). Midpoints at the market's P{midpoint_percentile:g}; each level's "
            "confidence grade is by its n (high from 100 records, medium from 30, low from "
            f"{vocabulary.MIN_CELL_SIZE}).")


def thin_levels_text(structure: Structure) -> str:
    thin = [f"{level.level} ({count(level.market.n)})" for level in structure.levels
            if level.pay_range is None]
    if not thin:
        return ""
    return (f"No range for {', '.join(thin)}: fewer than {vocabulary.MIN_CELL_SIZE} records even "
            "in the broadest market, so no figure is shown.")


def inverted_minimums_text(structure: Structure) -> str:
    """A warning for each level whose minimum is below the level below's; empty when none."""
    lines = [f"{higher.level}'s minimum ({money(higher.pay_range.minimum)}) is below "
             f"{lower.level}'s ({money(lower.pay_range.minimum)}): its midpoint is only "
             f"{percent(higher.progression)} higher and its spread is wider."
             for lower, higher in structure.inverted_minimums]
    if not lines:
        return ""
    return (" ".join(lines) + " A structure keeps each level's minimum above the one below; "
            "narrow the higher level's spread or choose a higher midpoint percentile.")


def spread_basis_text() -> str:
    defaults = ", ".join(f"{level} {percent(spread)}"
                         for level, spread in ranges.DEFAULT_SPREADS.items())
    return (f"Default spreads ((max − min) / min): {defaults}. Basis: WorldatWork and "
            "Deloitte's 2012 survey of salary structures, as SHRM reported it (market-based "
            "structures 30–80%), and the WorldatWork Handbook's benchmarks by job level "
            "(30–40% technical, 40–50% professional, 50%+ managerial and executive). The split "
            "by level is common practice that these sources support only in general, and "
            "Staff and Principal are placed on the director and executive spreads by judgment: "
            "edit any of them.")


HIRING_RANGE_BASIS = (
    "Hiring range: by default from the structure's minimum to its midpoint, where university "
    "HR policies (Stony Brook, Mississippi State, Santa Clara, Houston, Northeastern) place new "
    "hires, leaving the upper half for growth in the role. California's SB 642 asks for the "
    "range the employer expects to pay upon hire, which supports posting a hiring range.")
GOOD_FAITH_BASIS = (
    "Default limit 60%: New Jersey's proposed rule (15 September 2025, not adopted as of "
    "26 November 2026) caps a posted spread at 60% of the minimum. No US law in force sets a "
    "number: most ask for a good-faith estimate, and a minimum below half the maximum (a spread "
    "above 100%) is where published reviews of New York City postings found outliers.")


# ---- the structure table and its export ------------------------------------------------------

def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def share_text(value: float | None) -> str:
    return "–" if value is None else percent(value)


def overlap_text(value: float | None) -> str:
    if value is None:
        return "–"
    return percent(value) if value >= 0 else f"none (gap of {percent(-value)})"


def structure_rows(structure: Structure) -> list[dict]:
    """One row per level, as the page's table and the CSV show it (numbers kept for the CSV)."""
    rows = []
    for level in structure.levels:
        pay_range, market = level.pay_range, level.market
        rows.append({
            "level": level.level, "n": market.n, "confidence": confidence_grade(market.n) or "–",
            "spread": level.spread,
            "min": None if pay_range is None else pay_range.minimum,
            "midpoint": None if pay_range is None else pay_range.midpoint,
            "max": None if pay_range is None else pay_range.maximum,
            **{f"market_{point}": None if pay_range is None else market.base_at(point)
               for point in ranges.MARKET_POINTS},
            **{f"market_{point}_penetration": level.market_penetration(point)
               for point in ranges.MARKET_POINTS},
            "market_p50_compa_ratio": level.median_compa_ratio,
            "progression": level.progression, "overlap": level.overlap,
        })
    return rows


def structure_csv(structure: Structure, market: str, cell: StructureCell, aging: str,
                  provenance: ExportStamp) -> bytes:
    """The structure, one row per level, each row carrying where it comes from: tidy, so it
    reads straight into a spreadsheet or pandas."""
    fallback = cell_fallback_text(cell, market)
    about = {
        "midpoint_percentile": f"{structure.midpoint_percentile:g}", "market": market,
        "market_fallback": fallback, "figures": f"base salary per year, {aging}",
        "dataset": provenance.dataset, "dataset_title": provenance.title,
        "dataset_version": provenance.version, "dataset_kind": provenance.kind,
        "made_on": provenance.made_on.isoformat(), "link": provenance.link,
    }
    buffer = io.StringIO()
    rows = structure_rows(structure)
    writer = csv.DictWriter(buffer, fieldnames=[*rows[0], *about], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**{key: _csv_number(value) for key, value in row.items()}, **about})
    return buffer.getvalue().encode("utf-8")


def _csv_number(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) < 10 else f"{value:.0f}"
    return value


# ---- the posting ----------------------------------------------------------------------------

def posted_range_text(posted: PostedRange) -> str:
    return f"{money(posted.low)} – {money(posted.high)}"


def posted_range_definition(posted: PostedRange, level: LevelRange) -> str:
    structure_range = posted.structure
    if posted.kind == ranges.STRUCTURE_RANGE:
        how = "the whole structure range"
    else:
        how = (f"the hiring range, {percent(posted.start)} to {percent(posted.end)} of the way "
               "through the structure range")
    return (f"{how} of {level.level} ({money(structure_range.minimum)} – "
            f"{money(structure_range.maximum)}, midpoint {money(structure_range.midpoint)}); "
            f"spread {percent(posted.spread)}; ends rounded outward to "
            f"{money(ranges.POSTING_ROUNDING)}, so the range holds every amount it was cut from")


def good_faith_text(check: GoodFaithCheck) -> str:
    if check.too_wide:
        return (f"The posted spread, {percent(check.spread)}, is above the {percent(check.threshold)}"
                " limit: a range this wide is unlikely to pass as a good-faith estimate of what "
                "the role pays. Post the hiring range, or narrow it.")
    return (f"The posted spread, {percent(check.spread)}, is within the "
            f"{percent(check.threshold)} limit.")


def width_limit_text(check: WidthLimitCheck) -> str:
    law, limit = check.law, check.limit
    proposed = " (a proposed rule, not adopted as of the file's check)" \
        if limit.status == "proposed" else ""
    if limit.max_spread is not None:
        rule = f"a spread of at most {percent(limit.max_spread)}"
    else:
        rule = (f"a width (max − min) of at most {limit.max_width:,.0f} {limit.currency} "
                f"({money(check.max_width_usd)} at {check.usd_per_unit:.4g} USD per "
                f"{limit.currency})")
        if limit.exempt_above is not None:
            rule += (f", unless the range's top is above {limit.exempt_above:,.0f} "
                     f"{limit.currency} ({money(check.exempt_above_usd)})")
    verdict = ("exempt: the top is above the exemption" if check.exempt
               else "exceeded" if check.exceeded else "met")
    return f"{law.jurisdiction}: {rule}{proposed}. This range: {verdict}."


def posting_text(posted: PostedRange, bonus_pct: float, equity: bool,
                 needs: dict[str, str]) -> str:
    """The posting's pay text: the base salary range, a sentence on bonus and equity, and a
    place for the benefits where a law that reaches the posting asks for them."""
    lines = [f"Base salary: {money(posted.low)} to {money(posted.high)} a year, the range we "
             "expect in good faith to pay at hire."]
    extras = []
    if bonus_pct > 0:
        extras.append(f"an annual bonus (target: {bonus_pct:g}% of base salary)")
    if equity:
        extras.append("equity")
    if extras:
        lines.append(f"This role is also eligible for {' and for '.join(extras)}.")
    else:
        lines.append("Base salary is the whole of the pay: there is no bonus or equity.")
    if needs.get("benefits") in (pay_laws.REQUIRED, pay_laws.NEED_UNSETTLED):
        lines.append(f"Benefits: {BENEFITS_PLACEHOLDER}")
    return "\n".join(lines)


# ---- the laws -------------------------------------------------------------------------------

def reason_text(reason: Reason, law: PayLaw) -> str:
    place = law.jurisdiction
    detail = reason.detail
    texts = {
        pay_laws.OUTSIDE: f"the work location is not in {place}",
        pay_laws.REMOTE_EXCLUDED: "it does not reach remote roles that can be done anywhere",
        pay_laws.BELOW_THRESHOLD: f"it covers employers of {detail} or more employees",
        pay_laws.STARTS_LATER: f"it takes effect on {detail}",
        pay_laws.REMOTE_UNSETTLED: "whether it reaches a remote role open anywhere is unsettled",
        pay_laws.COUNT_UNSETTLED: f"whether its {detail} employees must work in {place} is "
                                  "unsettled",
        pay_laws.PRESENCE_UNSETTLED: f"whether the employer needs an employee in {place} is "
                                     "unsettled",
        pay_laws.THRESHOLD_UNKNOWN: "its employer-size threshold was not found",
        pay_laws.DATE_UNKNOWN: "its effective date was not confirmed",
        pay_laws.IN_FORCE_UNSETTLED: "whether it is in force is unsettled",
        pay_laws.THROUGH_NATIONAL_LAW: "a directive binds employers through each member "
                                       "state's own law",
        pay_laws.EMPLOYEES_THERE: (f"at least one employee works in {place}" if detail == 1
                                   else f"at least {detail} of the employees work in {place}"),
        pay_laws.PRESENCE: f"the employer has an employee in, or is based in, {place}",
    }
    return texts[reason.kind]


def finding_reasons_text(finding: Finding) -> str:
    """Why a law has its status: its conditions for "applies if", else every reason."""
    law = finding.law
    if finding.status == pay_laws.APPLIES:
        return "it reaches this posting"
    if finding.status == pay_laws.APPLIES_IF:
        return " and ".join(reason_text(r, law) for r in finding.reasons
                            if r.kind in pay_laws.CONDITIONS)
    if finding.status == pay_laws.DOES_NOT_APPLY:
        return "; ".join(reason_text(r, law) for r in finding.reasons
                         if r.kind in pay_laws.EXCLUSIONS)
    text = "; ".join(reason_text(r, law) for r in finding.reasons
                     if r.kind not in pay_laws.CONDITIONS)
    conditions = " and ".join(reason_text(r, law) for r in finding.reasons
                              if r.kind in pay_laws.CONDITIONS)
    return f"{text}; and only if {conditions}" if conditions else text


def requirements_text(law: PayLaw) -> str:
    """What the law asks a posting to disclose, as the file codes it."""
    if not law.posting_duty:
        return f"no pay range ({law.disclosures['range']})"
    parts = [f"{DISCLOSURE_LABELS[item]} {NEED_LABELS[pay_laws.disclosure_need(text)]}"
             for item, text in law.disclosures.items()]
    where = "" if law.in_posting else "not in the posting itself: "
    return f"{', '.join(parts)}; when: {where}{law.when_disclosed}"


def finding_line(finding: Finding) -> str:
    """One law in a line: jurisdiction, name, status and why, what it asks, its source."""
    return f"{finding.law.jurisdiction}, {finding_detail(finding)}"


def finding_detail(finding: Finding) -> str:
    """finding_line without the jurisdiction, which the page shows in bold."""
    law = finding.law
    status = STATUS_LABELS[finding.status]
    why = finding_reasons_text(finding)
    joined = f"{status} {why}" if finding.status == pay_laws.APPLIES_IF else f"{status}: {why}"
    since = f"in force since {law.effective_date}" if law.effective_date and \
        finding.status != pay_laws.NOT_YET else ""
    return (f"{law.name}{f' ({since})' if since else ''}. {joined}. "
            f"Asks for: {requirements_text(law)}. Source: {law.source_title}, "
            f"{law.source_url} (checked {law.date_checked}).")


def excluded_line(finding: Finding) -> str:
    law = finding.law
    return f"{law.jurisdiction}, {law.name}: {finding_reasons_text(finding)}"


def needs_text(needs: dict[str, str]) -> str:
    """What the posting itself must show, over the laws that ask for it in the posting."""
    return "; ".join(f"{DISCLOSURE_LABELS[item]}: {NEED_LABELS[need]}"
                     for item, need in needs.items())


def no_laws_text(place_label: str, law_count: int, checked: date | None) -> str:
    return (f"No law in the file reaches a posting for {place_label}. The file holds "
            f"{law_count} laws checked on {checked}; it does not cover every place (the United "
            "Kingdom, for one, was not researched), so no law found is not no law.")


# ---- the posting export --------------------------------------------------------------------

def posting_export(title: str, text: str, posted: PostedRange, level: LevelRange,
                   findings: list[Finding], employees: int, on: date, market: str, aging: str,
                   provenance: ExportStamp) -> bytes:
    """The posting as a text file: the pay text, how the range was made, every law that
    reaches the posting and why, and the data it comes from."""
    relevant = pay_laws.relevant(findings)
    coming = [f for f in findings if f.status == pay_laws.NOT_YET]
    lines = [title, "", text, "",
             f"How the range was made: {posted_range_definition(posted, level)}. Market: "
             f"{market}, {level.market.n:,} {level.level} records, base salary {aging}.", "",
             f"Laws for this posting (an employer of {employees:,} employees, on {on}):"]
    lines += [f"- {finding_line(f)}" for f in relevant] or ["- none in the file"]
    if coming:
        lines += ["", "Coming into force:"] + [f"- {finding_line(f)}" for f in coming]
    lines += ["", NOT_LEGAL_ADVICE, "",
              f"Data: dataset {provenance.dataset} ({provenance.title}), version "
              f"{provenance.version}: {provenance.kind}. {provenance.amounts}",
              f"Made on {provenance.made_on}."]
    if provenance.link:
        lines.append(f"Link: {provenance.link}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def file_stem(role: str, level: str, place: str) -> str:
    """posting-machine-learning-engineer-senior-remote-anywhere-in-the-us"""
    words = f"posting {role} {level} {place}".lower()
    return "-".join("".join(c if c.isalnum() else " " for c in words).split())
