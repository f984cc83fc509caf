"""The project's URLs, plus the naive and floor peers of each page and API read under
``/_bench/``, so that all three are served through the same handler and middleware."""

from django.urls import include, path

from bench import (
    floor,
    floor_reads,
    floor_synopsis,
    languages,
    naive,
    naive_reads,
    naive_synopsis,
)
from peaceplan.urls import urlpatterns as project_urlpatterns

peers = [
    path("naive/plans/<slug:plan>/", naive.overview_page),
    path("naive/plans/<slug:plan>/revisions/<int:number>/diff/", naive.revision_diff_page),
    path("naive/plans/<slug:plan>/compare/<int:a>...<int:b>/", naive.compare_page),
    path("naive/api/positions/", naive.PositionList.as_view()),
    path("naive/api/plans/<slug:plan>/revisions/<int:number>/", naive.RevisionDetail.as_view()),
    path("naive/plans/<slug:plan>/clauses/<slug:clause>/", naive_reads.clause_page),
    path("naive/parties/<slug:party>/", naive_reads.party_page),
    path("naive/plans/<slug:plan>/revisions/<int:number>/csv/", naive_reads.revision_csv),
    path("naive/plans/<slug:plan>/revisions/<int:number>/json/", naive_reads.revision_json),
    path("naive/plans/<slug:plan>/feed/", naive_reads.plan_feed),
    path("naive/plans/<slug:plan>/synopsis/", naive_synopsis.synopsis_page),
    path("floor/plans/<slug:plan>/", floor.overview_page),
    path("floor/plans/<slug:plan>/revisions/<int:number>/diff/", floor.revision_diff_page),
    path("floor/plans/<slug:plan>/compare/<int:a>...<int:b>/", floor.compare_page),
    path("floor/api/positions/", floor.position_list),
    path("floor/api/plans/<slug:plan>/revisions/<int:number>/", floor.revision_detail),
    path("floor/plans/<slug:plan>/clauses/<slug:clause>/", floor_reads.clause_page),
    path("floor/parties/<slug:party>/", floor_reads.party_page),
    path("floor/plans/<slug:plan>/revisions/<int:number>/csv/", floor_reads.revision_csv),
    path("floor/plans/<slug:plan>/revisions/<int:number>/json/", floor_reads.revision_json),
    path("floor/plans/<slug:plan>/feed/", floor_reads.plan_feed),
    path("floor/plans/<slug:plan>/synopsis/", floor_synopsis.synopsis_page),
    # Read in a second language (?lang=uk).
    path("naive/lang/plans/<slug:plan>/", languages.naive_overview_page),
    path(
        "naive/lang/plans/<slug:plan>/revisions/<int:number>/diff/",
        languages.naive_revision_diff_page,
    ),
    path("floor/lang/plans/<slug:plan>/", languages.floor_overview_page),
    path(
        "floor/lang/plans/<slug:plan>/revisions/<int:number>/diff/",
        languages.floor_revision_diff_page,
    ),
]

urlpatterns = [path("_bench/", include(peers)), *project_urlpatterns]
