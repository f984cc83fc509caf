from django.urls import path

from clauses.views.exports import with_exports

from . import exports, views
from .feeds import PartyFeed

app_name = "parties"

urlpatterns = [
    path("", views.party_list, name="list"),
    path("<slug:party>/feed/", PartyFeed(), name="feed"),
    path("<slug:party>/", with_exports(views.party_detail, exports.party_table), name="detail"),
]
