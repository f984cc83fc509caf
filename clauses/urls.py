"""The plan's own pages: the overview, the revisions' timeline and one revision.

Every page of a plan is a conditional read keyed by the plan's change stamp (``plan_page``:
ETag, 304, the shared page cache; see core/conditional.py). These routes join those of
comparison and publishing under the URL namespace ``clauses`` (peaceplan/urls.py).
"""

from django.urls import path

from clauses import exports
from clauses.conditional import plan_page
from clauses.views import citations, plans, revisions
from core.downloads import with_exports

urlpatterns = [
    path(
        "plans/<slug:plan>/",
        plan_page(with_exports(plans.plan_overview, exports.overview_table)),
        name="plan",
    ),
    path("plans/<slug:plan>/revisions/", plan_page(revisions.revision_list), name="revisions"),
    path(
        "plans/<slug:plan>/revisions/<int:number>/",
        plan_page(with_exports(revisions.revision_detail, exports.revision_table)),
        name="revision",
    ),
    # Citations carry the day they are accessed: not conditional reads (clauses/views/citations.py).
    path(
        "plans/<slug:plan>/revisions/<int:number>/cite/",
        citations.revision_cite,
        name="revision_cite",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/cite/",
        citations.clause_version_cite,
        name="clause_version_cite",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/cite/<slug:party>/",
        citations.position_cite,
        name="position_cite",
    ),
]
