"""The paste pages: record a draft from its pasted text. They join the editor's pages under
the URL namespace ``editing`` (peaceplan/urls.py); see clauses/editing_urls.py for why
"+paste" never shadows an analyst's page."""

from django.urls import path

from clauses.editing_urls import PLAN, REVISION
from drafting import translation_views, views

urlpatterns = [
    path(PLAN + "revisions/+paste/", views.paste, name="paste"),
    path(PLAN + "revisions/+paste/confirm/", views.paste_confirm, name="paste_confirm"),
    path(REVISION + "paste/", views.paste_next, name="paste_next"),
    path(REVISION + "paste/confirm/", views.paste_confirm, name="paste_next_confirm"),
    path(REVISION + "translate/", translation_views.translation_paste, name="translation_paste"),
    path(
        REVISION + "translate/confirm/",
        translation_views.translation_confirm,
        name="translation_confirm",
    ),
]
