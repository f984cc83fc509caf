"""What changed, at stable URLs an analyst can cite: a revision against the one it
continues, any two revisions, one clause across revisions, one party across plans.

The plan's routes join the URL namespace ``clauses``, the party's ``parties``
(peaceplan/urls.py): a page's name says where it is on the site, not which app draws it.
"""

from django.urls import path

from clauses.conditional import plan_page, site_page
from clauses.views.renames import clause_renames_followed
from comparison import exports, synopsis_exports
from comparison.views import changes, clauses, compare, parties, sources, synopsis
from core.downloads import with_exports

urlpatterns = [
    path(
        "plans/<slug:plan>/revisions/<int:number>/diff/",
        plan_page(with_exports(compare.revision_diff_page, exports.revision_diff_table)),
        name="revision_diff",
    ),
    path("plans/<slug:plan>/compare/", plan_page(compare.compare_form), name="compare_form"),
    path("plans/<slug:plan>/changes/", plan_page(changes.plan_changes_page), name="changes"),
    path(
        "plans/<slug:plan>/compare/<int:a>...<int:b>/",
        plan_page(with_exports(compare.compare, exports.compare_table)),
        name="compare",
    ),
    path(
        "plans/<slug:plan>/synopsis/",
        plan_page(with_exports(synopsis.synopsis_page, synopsis_exports.synopsis_table)),
        name="synopsis",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/",
        plan_page(with_exports(clauses.clause_detail, exports.clause_table)),
        name="clause",
    ),
    path(
        "plans/<slug:plan>/clauses/<slug:clause>/r<int:number>/",
        plan_page(clauses.clause_version_detail),
        name="clause_version",
    ),
]
# A renamed clause's old addresses redirect to its new ones.
urlpatterns = clause_renames_followed(urlpatterns)

# A source's pages: what it says, across every plan that cites it.
source_urlpatterns = [
    path("", sources.source_list, name="list"),
    path("<int:source>/", sources.source_detail, name="detail"),
    path("<int:source>/cite/", sources.source_cite, name="cite"),
]

# A party's pages span every plan: conditional reads keyed by the site's stamp.
party_urlpatterns = [
    path("", site_page(parties.party_list), name="list"),
    path(
        "<slug:party>/",
        site_page(with_exports(parties.party_detail, exports.party_table)),
        name="detail",
    ),
]
