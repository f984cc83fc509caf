"""Search over the API: ``GET /api/v1/search/?q=...``, the page's results as JSON.

The parameters are the page's (search/forms.py) and refused with the same messages, as a
400 naming the parameter. Each clause links to its API resource and its page; each
passage carries its text, its excerpt with the matched words in ``<mark>`` (escaped HTML,
ready to insert into a page), its language when it is a translation, and the revisions it
occurs in, each with the API URL of the clause in that revision and the page showing it in
the passage's language (and, for a translation, whether it is official and stale there).
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from clauses.selectors.stamps import site_stamp
from clauses.vocabularies import Topic
from core.api.base import ApiViewSet
from core.api.inputs import NON_BLANK_PATTERN
from core.conditional import Stamp
from core.links import PageLinks
from search.forms import SearchForm
from search.kinds import Kind
from search.query import QUERY_EMPTY, QUERY_MAX_LENGTH
from search.rendering import highlighted
from search.selectors import party_choices, plan_choices, search_page
from search.services import index_catch_up
from search.views import page_number
from translations.languages import CHOICES, LANGUAGES, direction


class SearchRevisionSerializer(serializers.Serializer):
    """A revision a passage occurs in, linked to the clause as worded there."""

    number = serializers.IntegerField()
    url = serializers.URLField(help_text="The clause as worded in this revision (API).")
    page_url = serializers.URLField(
        help_text="The same, as a page of the site (in the translation's language, for one)."
    )
    official = serializers.BooleanField(
        allow_null=True, help_text="A translation's: published by a party or the negotiators."
    )
    stale = serializers.BooleanField(
        allow_null=True,
        help_text="A translation's: made before the original's wording in this revision.",
    )


class SearchPassageSerializer(serializers.Serializer):
    """A matching passage of the clause, with its excerpt and revisions."""

    kind = serializers.CharField(help_text="text, title, summary, quote, demand or source.")
    party = serializers.CharField(allow_null=True, help_text="The party's slug, for a position's.")
    language = serializers.ChoiceField(
        choices=CHOICES,
        allow_null=True,
        help_text="A translation's language (ISO 639-1); null for the clause's own text.",
    )
    direction = serializers.ChoiceField(
        choices=["ltr", "rtl", "auto"],
        help_text="How the text runs: its language's direction, auto for the clause's own.",
    )
    text = serializers.CharField()
    excerpt_html = serializers.CharField(
        help_text="An excerpt around the first match: escaped HTML, matches in <mark>."
    )
    revisions = SearchRevisionSerializer(many=True)


class SearchClauseSerializer(serializers.Serializer):
    """A clause whose passages match, with its best matching passages."""

    plan = serializers.CharField()
    clause = serializers.CharField()
    title = serializers.CharField()
    topic = serializers.CharField()
    url = serializers.URLField()
    page_url = serializers.URLField()
    matches = serializers.IntegerField(help_text="Matching passages of the clause in all.")
    passages = SearchPassageSerializer(many=True, help_text="The best of them, at most five.")


class SearchResultsSerializer(serializers.Serializer):
    """One page of the clauses matching a search, best first."""

    count = serializers.IntegerField(help_text="Clauses matching.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchClauseSerializer(many=True)


# The bounds the search form keeps (search/forms.py, search/views.page_number).
REVISION_NUMBER = {"type": "integer", "minimum": 1, "maximum": 1_000_000}
LAST_PAGE = 10**6 - 1
PAGE_NUMBER = {"type": "integer", "minimum": 1, "maximum": LAST_PAGE}
PAGE_INVALID = "Give page as a number from 1, not {value!r}."


def _is_page_number(raw: str) -> bool:
    return raw.isascii() and raw.isdigit() and 1 <= int(raw) <= LAST_PAGE


class SearchViewSet(ApiViewSet):
    permission_classes = [AllowAny]
    serializer_class = SearchResultsSerializer
    # Paged by clause, 20 a page, by the search itself (search/selectors.py).
    pagination_class = None  # type: ignore[assignment]

    def read_stamp(self) -> Stamp:
        return site_stamp()

    @extend_schema(
        operation_id="search",
        tags=["search"],
        summary="Full-text search over every plan and revision",
        description="Clause texts and titles, position summaries, quotes, demands and "
        "source titles, and the clause texts' translations in every language (lang= for "
        'one). Words must all occur; "a phrase" in quotes, demil* for a prefix, '
        "-nato to leave a word out. Results are grouped by clause, best first, 20 clauses "
        "a page.",
        parameters=[
            OpenApiParameter(
                "q",
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": QUERY_MAX_LENGTH,
                    "pattern": NON_BLANK_PATTERN,
                },
                required=True,
                description='The query: words, "quoted phrases", prefix* and -exclusions. A '
                "query of only common words or punctuation is a 400 saying so.",
            ),
            OpenApiParameter("plan", str, description="A plan's slug."),
            OpenApiParameter("party", str, description="A party's slug: its positions only."),
            OpenApiParameter("topic", str, enum=Topic.values, description="A clause topic."),
            OpenApiParameter(
                "kind", str, many=True, enum=Kind.values, description="The kinds of text."
            ),
            OpenApiParameter(
                "lang",
                str,
                enum=list(LANGUAGES),
                description="Only the texts in this language (ISO 639-1): the original's code "
                "for the clauses' own texts, another for their translations into it.",
            ),
            OpenApiParameter("from", REVISION_NUMBER, description="The first revision number."),
            OpenApiParameter("to", REVISION_NUMBER, description="The last revision number."),
            OpenApiParameter("current", bool, description="Each plan's current revision only."),
            OpenApiParameter("page", PAGE_NUMBER, description="The page, from 1."),
        ],
        responses=SearchResultsSerializer,
    )
    def search(self, request):
        params = request.query_params
        form = SearchForm(params, plans=plan_choices(), parties=party_choices())
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        if form.parsed is None:
            raise ValidationError({"q": [QUERY_EMPTY]})
        raw_page = params.get("page")
        if raw_page is not None and not _is_page_number(raw_page):
            # The page falls back to the first; the API says what it could not read.
            raise ValidationError({"page": [PAGE_INVALID.format(value=raw_page)]})
        index_catch_up()
        page = search_page(
            query=form.parsed, filters=form.filters(), page=page_number(params.get("page"))
        )
        api, site = self.links(), PageLinks(request)
        version_url = api.template("clauseversion-detail", "plan", "clause", "number")
        version_page = site.template("clauses:clause_version", "plan", "clause", "number")
        results = []
        for group in page.clauses:
            plan, clause = group.plan_slug, group.clause_slug
            results.append(
                {
                    "plan": plan,
                    "clause": clause,
                    "title": group.clause_title,
                    "topic": group.topic,
                    "url": api.clause(plan, clause),
                    "page_url": site("clauses:clause", plan=plan, clause=clause),
                    "matches": group.matches,
                    "passages": [
                        {
                            "kind": hit.kind,
                            "party": hit.party_slug or None,
                            "language": hit.language or None,
                            "direction": direction(hit.language) if hit.language else "auto",
                            "text": hit.text,
                            "excerpt_html": str(highlighted(hit.text, form.parsed)),
                            "revisions": [
                                {
                                    "number": number,
                                    "url": version_url.format(
                                        plan=plan, clause=clause, number=number
                                    ),
                                    "page_url": version_page.format(
                                        plan=plan, clause=clause, number=number
                                    )
                                    + (f"?lang={hit.language}" if hit.language else ""),
                                    "official": (
                                        number not in hit.unofficial_in if hit.language else None
                                    ),
                                    "stale": number in hit.stale_in if hit.language else None,
                                }
                                for number in hit.revisions
                            ],
                        }
                        for hit in group.hits
                    ],
                }
            )
        return Response(
            {"count": page.total, "page": page.number, "pages": page.pages, "results": results}
        )
