"""The plan's pages as conditional reads (core/conditional.py), keyed by the change stamp of
the plan a URL names, or by the site's stamp for pages that span plans and parties."""

from clauses.selectors.stamps import plan_stamp, site_stamp
from core.conditional import Stamp, conditional_page


def stamp_of_plan(*, plan: str, **_) -> Stamp | None:
    """The stamp of the plan a URL names."""
    return plan_stamp(plan)


def stamp_of_site(**_) -> Stamp:
    """The stamp of pages that span plans and parties."""
    return site_stamp()


plan_page = conditional_page(stamp_of_plan)
site_page = conditional_page(stamp_of_site)
