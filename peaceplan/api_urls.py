"""The REST API, version 1 (mounted at /api/v1/).

Readable, citable URLs in the shape of the site's own pages: plans and clauses by slug,
revisions by number, a clause in one revision as ``r<n>``.
"""

from django.urls import path, re_path

from clauses.api.views import (
    ClauseVersionViewSet,
    ClauseViewSet,
    PlanViewSet,
    PositionViewSet,
    RevisionViewSet,
    api_not_found,
    api_root,
)
from comparison.api.views import RevisionDiffViewSet
from drafting.api import DraftViewSet
from parties.api import PartyViewSet

app_name = "api"

REVISION = "plans/<slug:plan>/revisions/<int:number>/"
CLAUSE = "plans/<slug:plan>/clauses/<slug:clause>/"
CLAUSE_VERSION = f"{CLAUSE}r<int:number>/"

urlpatterns = [
    path("", api_root, name="root"),
    path("parties/", PartyViewSet.as_view({"get": "list"}), name="party-list"),
    path("parties/<slug:party>/", PartyViewSet.as_view({"get": "retrieve"}), name="party-detail"),
    path("plans/", PlanViewSet.as_view({"get": "list", "post": "create"}), name="plan-list"),
    path("plans/<slug:plan>/", PlanViewSet.as_view({"get": "retrieve"}), name="plan-detail"),
    path(
        "plans/<slug:plan>/revisions/",
        RevisionViewSet.as_view({"get": "list"}),
        name="revision-list",
    ),
    path(
        REVISION,
        RevisionViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="revision-detail",
    ),
    path("plans/<slug:plan>/drafts/", DraftViewSet.as_view({"post": "record"}), name="drafts"),
    path(
        "plans/<slug:plan>/drafts/align/",
        DraftViewSet.as_view({"post": "align"}),
        name="draft-align",
    ),
    path(f"{REVISION}diff/", RevisionDiffViewSet.as_view({"get": "diff"}), name="revision-diff"),
    path(f"{REVISION}clone/", RevisionViewSet.as_view({"post": "clone"}), name="revision-clone"),
    path("plans/<slug:plan>/clauses/", ClauseViewSet.as_view({"get": "list"}), name="clause-list"),
    path(CLAUSE, ClauseViewSet.as_view({"get": "retrieve"}), name="clause-detail"),
    path(f"{CLAUSE}history/", ClauseViewSet.as_view({"get": "history"}), name="clause-history"),
    path(
        CLAUSE_VERSION,
        ClauseVersionViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="clauseversion-detail",
    ),
    path(
        f"{CLAUSE_VERSION}positions/<slug:party>/",
        PositionViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="position-detail",
    ),
    path("positions/", PositionViewSet.as_view({"get": "list"}), name="position-list"),
    # Last: any other path under /api/v1/ answers with a JSON 404, not the site's HTML page.
    # (Any character, a newline included: "." alone would let a %0A slip past to HTML.)
    re_path(r"^(?P<path>[\s\S]*)\Z", api_not_found, name="not-found"),
]
