"""The project's URLs, plus the naive and floor peers of each page and API read under
``/_bench/``, so that all three are served through the same handler and middleware."""

from django.urls import include, path

from peaceplan.urls import urlpatterns as project_urlpatterns

from . import floor, naive

peers = [
    path("naive/plans/<slug:plan>/", naive.overview_page),
    path("naive/plans/<slug:plan>/revisions/<int:number>/diff/", naive.revision_diff_page),
    path("naive/plans/<slug:plan>/compare/<int:a>...<int:b>/", naive.compare_page),
    path("naive/api/positions/", naive.PositionList.as_view()),
    path("naive/api/plans/<slug:plan>/revisions/<int:number>/", naive.RevisionDetail.as_view()),
    path("floor/plans/<slug:plan>/", floor.overview_page),
    path("floor/plans/<slug:plan>/revisions/<int:number>/diff/", floor.revision_diff_page),
    path("floor/plans/<slug:plan>/compare/<int:a>...<int:b>/", floor.compare_page),
    path("floor/api/positions/", floor.position_list),
    path("floor/api/plans/<slug:plan>/revisions/<int:number>/", floor.revision_detail),
]

urlpatterns = [path("_bench/", include(peers)), *project_urlpatterns]
