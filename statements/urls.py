"""The pages proposing statements from a report. They join the editor's pages under the
URL namespace ``editing`` (peaceplan/urls.py)."""

from django.urls import path

from clauses.editing_urls import PLAN
from statements import views

urlpatterns = [
    path(PLAN + "statements/+propose/", views.propose, name="statements_propose"),
    path(
        PLAN + "statements/sources/<int:source>/",
        views.review,
        name="statements_review",
    ),
]
