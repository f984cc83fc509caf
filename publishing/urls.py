"""Feeds and pictures at stable URLs, under the page they belong to.

The plan's routes join the URL namespace ``clauses``, the party's feed ``parties``
(peaceplan/urls.py).
"""

from django.urls import path

from clauses.conditional import plan_page, site_page
from publishing.feeds import ClauseFeed, PartyFeed, PlanFeed
from publishing.views import pictures

urlpatterns = [
    path("plans/<slug:plan>/feed/", plan_page(PlanFeed()), name="plan_feed"),
    path("plans/<slug:plan>/pictures/", plan_page(pictures.plan_pictures), name="pictures"),
    path("plans/<slug:plan>/heatmap.svg", plan_page(pictures.heatmap_svg), name="heatmap_svg"),
    path("plans/<slug:plan>/heatmap.csv", plan_page(pictures.heatmap_csv), name="heatmap_csv"),
    path(
        "plans/<slug:plan>/convergence.svg",
        plan_page(pictures.convergence_svg),
        name="convergence_svg",
    ),
    path(
        "plans/<slug:plan>/convergence.csv",
        plan_page(pictures.convergence_csv),
        name="convergence_csv",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/feed/",
        plan_page(ClauseFeed()),
        name="clause_feed",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.svg",
        plan_page(pictures.timeline_svg),
        name="timeline_svg",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/timeline.csv",
        plan_page(pictures.timeline_csv),
        name="timeline_csv",
    ),
]

party_urlpatterns = [
    path("<slug:party>/feed/", site_page(PartyFeed()), name="feed"),
]
