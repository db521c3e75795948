"""The pages of the app, in menu order: one list that dashboard.py builds its navigation from
and that the tests and the benchmark walk."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str  # the script, relative to the project root
    title: str
    icon: str
    url_path: str  # "" for the default page, at the app's root


PAGES = (
    PageSpec("pages/overview.py", "Overview", ":material/insights:", ""),
    PageSpec("pages/cities.py", "Cities", ":material/location_city:", "cities"),
    PageSpec("pages/remote.py", "Remote", ":material/home_work:", "remote"),
    PageSpec("pages/offer.py", "Offer calculator", ":material/calculate:", "offer"),
    PageSpec("pages/ranges.py", "Pay ranges", ":material/straighten:", "ranges"),
    PageSpec("pages/hire_anywhere.py", "Hire anywhere", ":material/public:", "hire_anywhere"),
    PageSpec("pages/data.py", "Data", ":material/table:", "data"),
)


def page_files() -> list[str]:
    return [page.path for page in PAGES]
