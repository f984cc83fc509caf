from django.urls import path

from clauses.conditional import site_page
from search.views import search

app_name = "search"

urlpatterns = [
    # Keyed by the site's stamp: a search reads every plan and party.
    path("", site_page(search), name="search"),
]
