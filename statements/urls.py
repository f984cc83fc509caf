"""The pages proposing statements from a report. They join the editor's pages under the
URL namespace ``editing`` (peaceplan/urls.py)."""

from django.urls import path

from clauses.editing_urls import PLAN
from statements import alias_views, views

urlpatterns = [
    path(PLAN + "statements/+propose/", views.propose, name="statements_propose"),
    path(
        PLAN + "statements/sources/<int:source>/",
        views.review,
        name="statements_review",
    ),
]

# A party's aliases, kept by editors. The list joins the party's pages (namespace
# ``parties``); its forms join the editor's pages.
ALIASES = "parties/<slug:party>/aliases/"

urlpatterns += [
    path(ALIASES + "+new/", alias_views.alias_add, name="party_alias_add"),
    path(ALIASES + "<int:alias>/edit/", alias_views.alias_edit, name="party_alias_edit"),
]

party_urlpatterns = [
    path("+aliases/", alias_views.alias_table, name="alias_table"),
    path("<slug:party>/aliases/", alias_views.alias_list, name="aliases"),
]
