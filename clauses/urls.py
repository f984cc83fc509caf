"""The analyst's pages: stable, readable URLs an analyst can cite (slugs, revision numbers).

Every page, export, feed and picture of a plan is a conditional read keyed by the plan's change
stamp (``plan_page``: ETag, 304, the shared page cache; see clauses/conditional.py).
"""

from django.urls import path

from .conditional import plan_page
from .feeds import ClauseFeed, PlanFeed
from .views import clauses, compare, exports, pictures, plans, revisions
from .views.exports import with_exports

app_name = "clauses"

urlpatterns = [
    path(
        "plans/<slug:plan>/",
        plan_page(with_exports(plans.plan_overview, exports.overview_table)),
        name="plan",
    ),
    path("plans/<slug:plan>/feed/", plan_page(PlanFeed()), name="plan_feed"),
    path("plans/<slug:plan>/pictures/", plan_page(pictures.plan_pictures), name="pictures"),
    path("plans/<slug:plan>/heatmap.svg", plan_page(pictures.heatmap_svg), name="heatmap_svg"),
    path("plans/<slug:plan>/heatmap.csv", plan_page(pictures.heatmap_csv), name="heatmap_csv"),
    path(
        "plans/<slug:plan>/convergence.svg",
        plan_page(pictures.convergence_svg),
        name="convergence_svg",
    ),
    path(
        "plans/<slug:plan>/convergence.csv",
        plan_page(pictures.convergence_csv),
        name="convergence_csv",
    ),
    path("plans/<slug:plan>/revisions/", plan_page(revisions.revision_list), name="revisions"),
    path(
        "plans/<slug:plan>/revisions/<int:number>/",
        plan_page(with_exports(revisions.revision_detail, exports.revision_table)),
        name="revision",
    ),
    path(
        "plans/<slug:plan>/revisions/<int:number>/diff/",
        plan_page(with_exports(compare.revision_diff_page, exports.revision_diff_table)),
        name="revision_diff",
    ),
    path("plans/<slug:plan>/compare/", plan_page(compare.compare_form), name="compare_form"),
    path(
        "plans/<slug:plan>/compare/<int:a>...<int:b>/",
        plan_page(with_exports(compare.compare, exports.compare_table)),
        name="compare",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/",
        plan_page(with_exports(clauses.clause_detail, exports.clause_table)),
        name="clause",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/feed/",
        plan_page(ClauseFeed()),
        name="clause_feed",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.svg",
        plan_page(pictures.timeline_svg),
        name="timeline_svg",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.csv",
        plan_page(pictures.timeline_csv),
        name="timeline_csv",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/",
        plan_page(clauses.clause_version_detail),
        name="clause_version",
    ),
]
