"""The analyst's pages: stable, readable URLs an analyst can cite (slugs, revision numbers)."""

from django.urls import path

from .views import clauses, compare, plans, revisions

app_name = "clauses"

urlpatterns = [
    path("plans/<slug:plan>/", plans.plan_overview, name="plan"),
    path("plans/<slug:plan>/revisions/", revisions.revision_list, name="revisions"),
    path("plans/<slug:plan>/revisions/<int:number>/", revisions.revision_detail, name="revision"),
    path(
        "plans/<slug:plan>/revisions/<int:number>/diff/",
        compare.revision_diff_page,
        name="revision_diff",
    ),
    path("plans/<slug:plan>/compare/", compare.compare_form, name="compare_form"),
    path("plans/<slug:plan>/compare/<int:a>...<int:b>/", compare.compare, name="compare"),
    path("plans/<slug:plan>/clauses/<slug:clause>/", clauses.clause_detail, name="clause"),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/",
        clauses.clause_version_detail,
        name="clause_version",
    ),
]
