"""How numbers and user-supplied text are shown."""

import math
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
SHOWN_TEXT_LIMIT = 40


def money(value: float | None) -> str:
    """$167,627"""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"${value:,.0f}" if value >= 0 else f"-${-value:,.0f}"


def money_short(value: float | None) -> str:
    """$168k, $1.2M"""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign, value = ("-" if value < 0 else ""), abs(value)
    if value >= 999_500:
        return f"{sign}${value / 1e6:.1f}M"
    if value >= 1_000:
        return f"{sign}${value / 1e3:.0f}k"
    return f"{sign}${value:.0f}"


def count(n: int) -> str:
    return f"n = {n:,}"


def percent(share: float, digits: int = 0) -> str:
    return f"{share * 100:.{digits}f}%"


def signed_percent(share: float, digits: int = 1) -> str:
    return f"{share * 100:+.{digits}f}%"


def shown(text: str, limit: int | None = SHOWN_TEXT_LIMIT) -> str:
    """User-supplied text, cut to a readable length and escaped so Markdown shows it as text."""
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def gap(estimate: float, low: float, high: float) -> str:
    """-9.7% (95% CI -13.3% to -6.1%)"""
    return (f"{signed_percent(estimate)} (95% CI {signed_percent(low)} to "
            f"{signed_percent(high)})")


def signed_money(value: float) -> str:
    """+$2,500 or -$2,500"""
    return ("+" if value >= 0 else "-") + money(abs(value))


def factor(value: float | None) -> str:
    """A ratio such as a pay factor: '1.22×'; '–' when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.2f}×"
