"""URLs of the editor's pages (forms that write).

They sit beside the analyst's pages without shadowing them: "+new" and "+paste" cannot be
a slug or a revision number, so ``plans/<slug:plan>/`` never captures ``plans/+new/``.
"""

from django.urls import path

from clauses.views import editing
from clauses.views.editing import corrections, lineage, sources

PLAN = "plans/<slug:plan>/"
REVISION = PLAN + "revisions/<int:number>/"
CLAUSE_VERSION = PLAN + "clauses/<slug:clause>/r<int:number>/"

urlpatterns = [
    path("plans/+new/", editing.plan_create, name="plan_create"),
    path("sources/+new/", sources.source_record, name="source_record"),
    path("sources/<int:source>/text/", sources.source_text, name="source_text"),
    path(PLAN + "edit/", editing.plan_edit, name="plan_edit"),
    path(PLAN + "revisions/+new/", editing.revision_new, name="revision_new"),
    path(REVISION + "next/", editing.revision_clone, name="revision_clone"),
    path(REVISION + "edit/", editing.revision_edit, name="revision_edit"),
    path(REVISION + "clauses/add/", editing.clause_add, name="clause_add"),
    path(REVISION + "withdraw/", corrections.revision_withdraw, name="revision_withdraw"),
    path(REVISION + "restore/", corrections.revision_restore, name="revision_restore"),
    path(REVISION + "deletions/+new/", corrections.clause_delete, name="clause_delete"),
    path(
        REVISION + "deletions/<slug:clause>/undo/",
        corrections.clause_undelete,
        name="clause_undelete",
    ),
    path(PLAN + "clauses/<slug:clause>/edit/", editing.clause_edit, name="clause_edit"),
    path(PLAN + "clauses/<slug:clause>/rename/", corrections.clause_rename, name="clause_rename"),
    path(REVISION + "split/", lineage.clause_split_view, name="clause_split"),
    path(REVISION + "merge/", lineage.clause_merge_view, name="clause_merge"),
    path(CLAUSE_VERSION + "edit/", editing.clause_version_edit, name="clause_version_edit"),
    path(CLAUSE_VERSION + "relink/", lineage.clause_version_relink, name="clause_version_relink"),
    path(
        CLAUSE_VERSION + "positions/<slug:party>/edit/",
        editing.position_edit,
        name="position_edit",
    ),
]
