"""The analyst's pages: stable, readable URLs an analyst can cite (slugs, revision numbers)."""

from django.urls import path

from .feeds import ClauseFeed, PlanFeed
from .views import clauses, compare, exports, pictures, plans, revisions
from .views.exports import with_exports

app_name = "clauses"

urlpatterns = [
    path(
        "plans/<slug:plan>/",
        with_exports(plans.plan_overview, exports.overview_table),
        name="plan",
    ),
    path("plans/<slug:plan>/feed/", PlanFeed(), name="plan_feed"),
    path("plans/<slug:plan>/pictures/", pictures.plan_pictures, name="pictures"),
    path("plans/<slug:plan>/heatmap.svg", pictures.heatmap_svg, name="heatmap_svg"),
    path("plans/<slug:plan>/heatmap.csv", pictures.heatmap_csv, name="heatmap_csv"),
    path("plans/<slug:plan>/convergence.svg", pictures.convergence_svg, name="convergence_svg"),
    path("plans/<slug:plan>/convergence.csv", pictures.convergence_csv, name="convergence_csv"),
    path("plans/<slug:plan>/revisions/", revisions.revision_list, name="revisions"),
    path(
        "plans/<slug:plan>/revisions/<int:number>/",
        with_exports(revisions.revision_detail, exports.revision_table),
        name="revision",
    ),
    path(
        "plans/<slug:plan>/revisions/<int:number>/diff/",
        with_exports(compare.revision_diff_page, exports.revision_diff_table),
        name="revision_diff",
    ),
    path("plans/<slug:plan>/compare/", compare.compare_form, name="compare_form"),
    path(
        "plans/<slug:plan>/compare/<int:a>...<int:b>/",
        with_exports(compare.compare, exports.compare_table),
        name="compare",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/",
        with_exports(clauses.clause_detail, exports.clause_table),
        name="clause",
    ),
    path("plans/<slug:plan>/clauses/<slug:clause>/feed/", ClauseFeed(), name="clause_feed"),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.svg",
        pictures.timeline_svg,
        name="timeline_svg",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.csv",
        pictures.timeline_csv,
        name="timeline_csv",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/",
        clauses.clause_version_detail,
        name="clause_version",
    ),
]
