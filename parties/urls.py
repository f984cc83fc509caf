from django.urls import path

from clauses.conditional import site_page
from clauses.views.exports import with_exports

from . import exports, views
from .feeds import PartyFeed

app_name = "parties"

# A party's pages span every plan: conditional reads keyed by the site's stamp.
urlpatterns = [
    path("", site_page(views.party_list), name="list"),
    path("<slug:party>/feed/", site_page(PartyFeed()), name="feed"),
    path(
        "<slug:party>/",
        site_page(with_exports(views.party_detail, exports.party_table)),
        name="detail",
    ),
]
