"""URLs of the editor's pages (forms that write).

They sit beside the analyst's pages without shadowing them: "+new" and "+paste" cannot be
a slug or a revision number, so ``plans/<slug:plan>/`` never captures ``plans/+new/``.
"""

from django.urls import path

from clauses.views import editing

PLAN = "plans/<slug:plan>/"
REVISION = PLAN + "revisions/<int:number>/"
CLAUSE_VERSION = PLAN + "clauses/<slug:clause>/r<int:number>/"

urlpatterns = [
    path("plans/+new/", editing.plan_create, name="plan_create"),
    path(PLAN + "revisions/+new/", editing.revision_new, name="revision_new"),
    path(REVISION + "next/", editing.revision_clone, name="revision_clone"),
    path(REVISION + "edit/", editing.revision_edit, name="revision_edit"),
    path(REVISION + "clauses/add/", editing.clause_add, name="clause_add"),
    path(PLAN + "clauses/<slug:clause>/edit/", editing.clause_edit, name="clause_edit"),
    path(CLAUSE_VERSION + "edit/", editing.clause_version_edit, name="clause_version_edit"),
    path(
        CLAUSE_VERSION + "positions/<slug:party>/edit/",
        editing.position_edit,
        name="position_edit",
    ),
]
