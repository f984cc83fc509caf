"""The REST API, version 1 (mounted at /api/v1/).

Readable, citable URLs in the shape of the site's own pages: plans and clauses by slug,
revisions by number, a clause in one revision as ``r<n>``.
"""

from django.urls import path, re_path

from clauses.api.corrections import (
    ClauseDeletionViewSet,
    ClauseRenameViewSet,
    RevisionCorrectionViewSet,
)
from clauses.api.lineage import LineageViewSet
from clauses.api.position_downloads import PositionCsvViewSet
from clauses.api.views import (
    ClauseVersionViewSet,
    ClauseViewSet,
    PlanViewSet,
    PositionViewSet,
    RevisionViewSet,
    api_not_found,
    api_root,
)
from clauses.views.renames import clause_renames_followed
from comparison.api.changes import PlanChangesViewSet
from comparison.api.synopsis import SynopsisViewSet
from comparison.api.views import RevisionDiffViewSet
from drafting.api import DraftViewSet
from parties.api import PartyViewSet
from search.api import SearchViewSet
from sources.api import SourceViewSet
from statements.api import StatementProposalsViewSet
from translations.api import TranslationViewSet

app_name = "api"

REVISION = "plans/<slug:plan>/revisions/<int:number>/"
CLAUSE = "plans/<slug:plan>/clauses/<slug:clause>/"
CLAUSE_VERSION = f"{CLAUSE}r<int:number>/"

urlpatterns = [
    path("", api_root, name="root"),
    path("parties/", PartyViewSet.as_view({"get": "list"}), name="party-list"),
    path("parties/<slug:party>/", PartyViewSet.as_view({"get": "retrieve"}), name="party-detail"),
    path("sources/", SourceViewSet.as_view({"get": "list", "post": "create"}), name="source-list"),
    path(
        "sources/<int:source>/",
        SourceViewSet.as_view({"get": "retrieve"}),
        name="source-detail",
    ),
    path("plans/", PlanViewSet.as_view({"get": "list", "post": "create"}), name="plan-list"),
    path(
        "statements/proposals/",
        StatementProposalsViewSet.as_view({"post": "propose"}),
        name="statement-proposals",
    ),
    path(
        "translations/",
        TranslationViewSet.as_view({"get": "list", "post": "create"}),
        name="translation-list",
    ),
    path(
        "plans/<slug:plan>/",
        PlanViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="plan-detail",
    ),
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
    path(
        "plans/<slug:plan>/changes/",
        PlanChangesViewSet.as_view({"get": "changes"}),
        name="plan-changes",
    ),
    path(
        "plans/<slug:plan>/synopsis/",
        SynopsisViewSet.as_view({"get": "synopsis"}),
        name="plan-synopsis",
    ),
    path(f"{REVISION}clone/", RevisionViewSet.as_view({"post": "clone"}), name="revision-clone"),
    path(
        f"{REVISION}clauses/",
        ClauseVersionViewSet.as_view({"post": "create"}),
        name="revision-clause-add",
    ),
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
        PositionViewSet.as_view({"get": "retrieve", "put": "record", "patch": "partial_update"}),
        name="position-detail",
    ),
    path(
        f"{CLAUSE_VERSION}positions/",
        PositionViewSet.as_view({"post": "create"}),
        name="clauseversion-positions",
    ),
    path("positions/", PositionViewSet.as_view({"get": "list"}), name="position-list"),
    path("positions.csv", PositionCsvViewSet.as_view({"get": "list"}), name="position-list-csv"),
    # Corrections (clauses/api/corrections.py).
    path(
        f"{REVISION}withdraw/",
        RevisionCorrectionViewSet.as_view({"post": "withdraw"}),
        name="revision-withdraw",
    ),
    path(
        f"{REVISION}restore/",
        RevisionCorrectionViewSet.as_view({"post": "restore"}),
        name="revision-restore",
    ),
    path(
        f"{REVISION}deletions/",
        ClauseDeletionViewSet.as_view({"get": "list", "post": "create"}),
        name="clause-deletion-list",
    ),
    path(
        f"{REVISION}deletions/<slug:clause>/",
        ClauseDeletionViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="clause-deletion-detail",
    ),
    path(f"{CLAUSE}rename/", ClauseRenameViewSet.as_view({"post": "rename"}), name="clause-rename"),
    # Lineage corrections (clauses/api/lineage.py).
    path(f"{REVISION}relink/", LineageViewSet.as_view({"post": "relink"}), name="revision-relink"),
    path(f"{REVISION}split/", LineageViewSet.as_view({"post": "split"}), name="revision-split"),
    path(f"{REVISION}merge/", LineageViewSet.as_view({"post": "merge"}), name="revision-merge"),
    path(
        f"{REVISION}lineage/", LineageViewSet.as_view({"get": "strands"}), name="revision-lineage"
    ),
    # Full-text search over every plan (search/api.py).
    path("search/", SearchViewSet.as_view({"get": "search"}), name="search"),
    # Last: any other path under /api/v1/ answers with a JSON 404, not the site's HTML page.
    # (Any character, a newline included: "." alone would let a %0A slip past to HTML.)
    re_path(r"^(?P<path>[\s\S]*)\Z", api_not_found, name="not-found"),
]

# A renamed clause's old URLs redirect to its new ones (301; 308 for a write).
urlpatterns = clause_renames_followed(urlpatterns)
