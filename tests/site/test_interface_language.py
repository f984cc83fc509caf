"""The interface in Ukrainian and English: the reader's choice (the switcher's cookie, else
Accept-Language), the Ukrainian catalogue complete and compiled, the translated pages
showing no English string of their templates, plural forms right, dates written the
Ukrainian way, each language its own page-cache entry, the API unchanged."""

import datetime
import html
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import trans_real

from clauses.matrix_order import SORT_LABELS
from clauses.models import ClauseVersion, Position, Revision
from core.interface_messages import python_messages as module_messages
from core.interface_messages import template_messages
from tests.conftest import built_once_for_the_module
from tests.factories import SourceFactory, build_plan

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "uk" / "LC_MESSAGES" / "django.po"
UKRAINIAN = "uk"

# The templates whose every interface string is marked for translation.
TRANSLATED_TEMPLATES = [
    "base.html",
    "base_without_request.html",
    "clauses/_feed_head.html",
    "comparison/_revision_pages.html",
    "_language_switcher.html",
    "400.html",
    "400_unreadable.html",
    "404.html",
    "500.html",
    "503.html",
    "clauses/home.html",
    "clauses/plan_overview.html",
    "clauses/revision_list.html",
    "clauses/_actions_plan.html",
    "clauses/_exports.html",
    "clauses/_feed_link.html",
    "clauses/_line_badge.html",
    "clauses/_overview_filters.html",
    "clauses/_overview_views.html",
    "clauses/_pages.html",
    "clauses/_plan_nav.html",
    "clauses/_stance_legend.html",
    "clauses/revision_detail.html",
    "clauses/_actions_clause_version.html",
    "clauses/_actions_position.html",
    "clauses/_actions_revision.html",
    "clauses/_clause_text.html",
    "clauses/_corrections.html",
    "clauses/_text_languages.html",
    "clauses/_withdrawn_banner.html",
    "comparison/compare_form.html",
    "comparison/_compare_pickers.html",
    "search/search.html",
    "search/_results.html",
    "clauses/_matrix_rows.jinja",
    "clauses/_pieces.jinja",
    "413.html",
    "429.html",
    "registration/login.html",
    "clauses/cite.html",
    "clauses/_citation.html",
    "clauses/_position.html",
    "clauses/_revision_marks.html",
    "comparison/diff.html",
    "comparison/_diff_summary.html",
    "comparison/_diff_filters.html",
    "comparison/_diff_clauses.jinja",
    "comparison/clause_version.html",
    "comparison/_clause_step.html",
    "comparison/_lineage.html",
    "comparison/_change_who.html",
    "comparison/_edit_history.jinja",
    "comparison/_stance_steps.jinja",
    "comparison/_party_stances.jinja",
    "comparison/_timeline_picture.html",
    "comparison/changes.html",
    "comparison/party_list.html",
    "comparison/_party_filters.html",
    "comparison/_party_plan_count.html",
    "comparison/source_list.html",
    "comparison/source_detail.html",
    "publishing/pictures.html",
    "publishing/pictures/_heat_rows.jinja",
    "clauses/edit/form_page.html",
    "clauses/edit/_form_top.html",
    "clauses/edit/_fields.html",
    "clauses/edit/_field.html",
    "clauses/edit/clause_add.html",
    "clauses/edit/clause_delete.html",
    "clauses/edit/clause_form.html",
    "clauses/edit/clause_merge.html",
    "clauses/edit/clause_relink.html",
    "clauses/edit/clause_rename.html",
    "clauses/edit/clause_split.html",
    "clauses/edit/clause_undelete.html",
    "clauses/edit/clause_version_form.html",
    "clauses/edit/plan_edit.html",
    "clauses/edit/plan_form.html",
    "clauses/edit/position_form.html",
    "clauses/edit/revision_clone.html",
    "clauses/edit/revision_form.html",
    "clauses/edit/revision_new.html",
    "clauses/edit/revision_restore.html",
    "clauses/edit/revision_withdraw.html",
    "drafting/paste.html",
    "drafting/align.html",
    "drafting/_quick_field.html",
    "drafting/_widgets.jinja",
    "drafting/translation_paste.html",
    "drafting/translation_align.html",
    "parties/alias_form.html",
    "parties/alias_list.html",
    "parties/alias_table.html",
    "parties/_alias_rows.html",
    "sources/source_form.html",
    "sources/source_text_form.html",
    "statements/propose.html",
    "statements/review.html",
    "comparison/clause_detail.html",
    "comparison/party_detail.html",
    "comparison/_party_rows.jinja",
    "comparison/synopsis.html",
    "comparison/_synopsis_rows.jinja",
]

# The source the plan of this module cites, at a known address.
SOURCE = 9001
SOURCE_WITHOUT_TEXT = 9002

# The pages made of those templates only (with the plan of this module).
TRANSLATED_PAGES = [
    "/",
    "/plans/generated/",
    "/plans/generated/?revision=1",
    "/plans/generated/?party=generated-party-0&vs=generated-party-1",
    "/plans/generated/revisions/",
    "/plans/generated/revisions/2/",
    "/plans/generated/compare/",
    "/search/?q=agree",
    "/search/?q=agree&plan=generated&page=2",
    "/search/?q=nothing-like-this&current=on",
    "/plans/generated/revisions/2/diff/",
    "/plans/generated/revisions/1/diff/",
    "/plans/generated/compare/1...2/",
    "/plans/generated/compare/1...2/?unchanged=on&clause=clause-0",
    "/plans/generated/clauses/clause-0/r2/",
    "/plans/generated/clauses/clause-0/r1/",
    "/plans/generated/revisions/2/cite/",
    "/plans/generated/changes/?since=2020-01-01",
    "/plans/generated/pictures/",
    "/plans/generated/pictures/?sort=gap&a=generated-party-0&b=generated-party-1",
    "/parties/",
    "/parties/+aliases/",
    "/parties/generated-party-0/aliases/",
    f"/sources/{SOURCE}/",
    "/sources/",
    "/accounts/login/",
    "/plans/generated/clauses/clause-0/",
    "/parties/generated-party-0/",
    "/parties/generated-party-0/?since=1",
    "/plans/generated/synopsis/?revisions=1,2",
]

# The editors' form pages, made of those templates only (seen logged in as an editor).
EDITOR_PAGES = [
    "/plans/+new/",
    "/plans/generated/edit/",
    "/plans/generated/revisions/+new/",
    "/plans/generated/revisions/+paste/",
    "/plans/generated/revisions/2/next/",
    "/plans/generated/revisions/2/edit/",
    "/plans/generated/revisions/2/paste/",
    "/plans/generated/revisions/2/translate/",
    "/plans/generated/revisions/2/clauses/add/",
    "/plans/generated/revisions/2/withdraw/",
    "/plans/generated/revisions/2/restore/",
    "/plans/generated/revisions/2/deletions/+new/",
    "/plans/generated/revisions/2/split/",
    "/plans/generated/revisions/2/merge/",
    "/plans/generated/clauses/clause-0/edit/",
    "/plans/generated/clauses/clause-0/rename/",
    "/plans/generated/clauses/clause-0/r2/edit/",
    "/plans/generated/clauses/clause-0/r2/relink/",
    "/plans/generated/clauses/clause-0/r2/positions/generated-party-0/edit/",
    "/plans/generated/statements/+propose/",
    "/parties/generated-party-0/aliases/+new/",
    "/sources/+new/",
    f"/sources/{SOURCE_WITHOUT_TEXT}/text/",
]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """The .mo files as `make install` compiles them, read afresh by this process."""
    call_command("compile_translations", verbosity=0)
    trans_real._translations = {}
    trans_real._default = None
    yield


@pytest.fixture(scope="module")
def plan(django_db_setup, django_db_blocker):
    def build():
        built = build_plan(clauses=5, parties=3, revisions=2)
        Revision.objects.filter(plan=built, number=2).update(
            published_on=datetime.date(2025, 11, 20)
        )
        source = SourceFactory(pk=SOURCE, published_on=datetime.date(2025, 11, 21))
        Position.objects.filter(
            clause_version__revision__number=2, clause_version__clause__slug="clause-0"
        ).update(source=source, quote="ready to discuss a ceasefire line")
        SourceFactory(pk=SOURCE_WITHOUT_TEXT, text="")
        call_command("rebuild_search_index", verbosity=0)
        return built

    yield from built_once_for_the_module(django_db_blocker, build)


def ukrainian_client(**extra) -> Client:
    client = Client(**extra)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = UKRAINIAN
    return client


def text_of(page: str) -> str:
    """What a reader sees and hears of a page: its text and the attributes read out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # A search hit's excerpt is a piece of recorded text: data, as recorded.
    page = re.sub(r'<q class="search-excerpt"[^>]*>.*?</q>', " ", page, flags=re.S)
    # So is a text with its changes inline, cut into pieces no recorded text matches (on
    # the diff pages, and in a synopsis cell).
    page = re.sub(r'<p class="(?:clause-text diff-text|t)"[^>]*>.*?</p>', " ", page, flags=re.S)
    spoken = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *spoken]))


def without_data(seen: str) -> str:
    """The page's text less what the plan records (clause texts, summaries, quotes, names):
    data stays as recorded, and may hold English words that a msgid holds too."""
    recorded = [
        *ClauseVersion.objects.values_list("text", flat=True),
        *Position.objects.values_list("summary", flat=True),
        *Position.objects.values_list("quote", flat=True),
        *Position.objects.values_list("demand", flat=True),
    ]
    for text in sorted(filter(None, recorded), key=len, reverse=True):
        seen = seen.replace(text, " ")
    return seen


def english_pieces(msgid: str) -> list[str]:
    """The words of a msgid a page would show were it untranslated: its text between
    placeholders and tags, pieces of two words or more (a lone word such as "API" or
    "Clause" may be a name or data)."""
    pieces = re.split(r"%\(\w+\)s|<[^>]+>", msgid)
    stripped = (piece.strip(" .,:;()·–") for piece in pieces)
    return [piece for piece in stripped if len(piece.split()) >= 2]


def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


# The Python modules whose messages those pages show (the filter forms, the editors' forms).
TRANSLATED_MODULES = [
    "clauses/filters.py",
    "comparison/filters.py",
    "search/forms.py",
    "core/forms.py",
    "clauses/forms/edits.py",
    "clauses/forms/corrections.py",
    "clauses/forms/lineage.py",
    "drafting/forms.py",
    "sources/forms.py",
    "statements/forms.py",
    "publishing/views/pictures.py",
    "drafting/translation_forms.py",
    "clauses/vocabulary_words.py",
    "clauses/views/editing/sources.py",
    "clauses/views/editing/clauses.py",
    "clauses/views/editing/revisions.py",
    "clauses/views/editing/lineage.py",
    "clauses/views/editing/plans.py",
    "clauses/views/editing/corrections.py",
    "drafting/translation_views.py",
    "drafting/views.py",
    "statements/alias_views.py",
    "statements/views.py",
    "clauses/views/editing/positions.py",
    "comparison/synopsis_filters.py",
    "comparison/synopsis_rendering.py",
    "comparison/views/synopsis.py",
    "comparison/rendering.py",
]


def marked_messages():
    return {
        message for name in TRANSLATED_TEMPLATES for message in template_messages(TEMPLATES / name)
    }


def python_messages() -> set[str]:
    """The msgids of the translated modules: their literal gettext calls, the constants
    they translate when used, and the sort picker's labels."""
    found = set(SORT_LABELS.values())
    for name in TRANSLATED_MODULES:
        path = Path(settings.BASE_DIR) / name
        source = path.read_text(encoding="utf-8")
        found.update(message.msgid for message in module_messages(path))
        if name == "clauses/filters.py":
            # Its error messages, translated where the form adds them.
            found.update(re.findall(r'^[A-Z_]+ = "([^"]+)"$', source, flags=re.M))
    return found


def test_every_message_of_the_catalogue_is_translated():
    entries = [entry for entry in catalogue() if not entry.obsolete]
    assert entries
    untranslated = [
        entry.msgid for entry in entries if not entry.translated() or "fuzzy" in entry.flags
    ]
    assert untranslated == []
    for entry in entries:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == 3 and all(entry.msgstr_plural.values())
        # Its placeholders, printf's and str.format's, each one the English has.
        placeholders = r"%\(\w+\)[sd]|\{\w*\}"
        assert set(
            re.findall(placeholders, entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr)
        ) <= set(re.findall(placeholders, entry.msgid + entry.msgid_plural)), entry.msgid


def test_the_catalogue_holds_every_message_the_translated_templates_mark():
    held = {(entry.msgctxt or "", entry.msgid) for entry in catalogue()}
    missing = [m.msgid for m in marked_messages() if (m.context, m.msgid) not in held]
    assert missing == []
    ids = {msgid for _context, msgid in held}
    assert sorted(python_messages() - ids) == []


@pytest.mark.parametrize("name", TRANSLATED_TEMPLATES)
def test_a_translated_template_shows_no_unmarked_english(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    # Comments, tags, printed values, and the marked strings themselves left out.
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    source = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", " ", source, flags=re.S)
    source = re.sub(
        r"\{%-?\s*blocktranslate\b.*?\{%-?\s*endblocktranslate\s*-?%\}", " ", source, flags=re.S
    )
    # A Jinja {% set %} block holds markup (attributes), not words.
    source = re.sub(r"\{%-?\s*set\s+\w+\s*-?%\}.*?\{%-?\s*endset\s*-?%\}", " ", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    spoken = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', source)
    text = re.sub(r"<[^>]+>", " ", source)
    words = re.findall(r"[A-Za-z]{2,}", " ".join([text, *spoken]))
    # Names of formats and of the site, the same in every language.
    allowed = {"peaceplan", "API", "CSV", "JSON", "SHA", "URL", "BibTeX", "CSL", "SVG"}
    assert [word for word in words if word not in allowed] == []


def english_left_on(page: str) -> list[str]:
    """The English pieces of the templates' marked strings that a page still shows."""
    seen = without_data(text_of(page))
    return sorted(
        piece
        for message in marked_messages()
        for msgid in (message.msgid, message.plural)
        for piece in english_pieces(msgid)
        if piece and piece in seen
    )


@pytest.mark.parametrize("url", TRANSLATED_PAGES)
def test_a_translated_page_in_ukrainian_shows_no_english_string_of_its_templates(plan, url):
    response = ukrainian_client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="uk">' in page
    assert english_left_on(page) == []


@pytest.mark.parametrize("url", TRANSLATED_PAGES + EDITOR_PAGES)
def test_an_editor_sees_the_translated_pages_with_their_actions_in_ukrainian(
    plan, url, django_user_model
):
    client = ukrainian_client()
    client.force_login(django_user_model.objects.create_superuser("i18n-staff"))
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert english_left_on(page) == []
    assert "Ви увійшли як" in page


def test_the_english_interface_is_the_default(plan):
    page = Client().get("/plans/generated/").content.decode()
    assert '<html lang="en-gb">' in page
    assert "Clauses of revision 2 by party" in page
    assert "Пункти" not in page


def test_the_browser_language_chooses_ukrainian_until_the_reader_chooses(plan):
    client = Client(headers={"accept-language": "uk-UA,uk;q=0.9,en;q=0.5"})
    assert "Пункти редакції 2 за сторонами" in client.get("/plans/generated/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    assert "Clauses of revision 2 by party" in client.get("/plans/generated/").content.decode()


def test_the_switcher_sets_the_language_and_goes_back_without_a_csrf_token(plan):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/plans/generated/revisions/")
    assert b'name="language" value="uk"' in page.content
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert settings.CSRF_COOKIE_NAME not in page.cookies
    chosen = client.post(
        "/i18n/setlang/", {"language": "uk", "next": "/plans/generated/revisions/"}
    )
    assert chosen.status_code == 302
    assert chosen["Location"] == "/plans/generated/revisions/"
    assert chosen.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    again = client.get("/plans/generated/revisions/").content.decode()
    assert "Редакції: Generated plan generated" in again
    # Data stays as recorded: the plan's title and the revisions' labels.
    assert "Draft 2" in again
    assert 'aria-pressed="true">Українська' in again
    # Each language named in itself, whatever the interface's language.
    assert 'aria-pressed="false">English</button>' in again


def test_elsewhere_the_switcher_refuses_to_go(plan):
    chosen = Client().post("/i18n/setlang/", {"language": "uk", "next": "https://example.org/"})
    assert chosen.status_code == 302
    assert chosen["Location"] == "/"


def test_plural_forms_of_ukrainian():
    with translation.override(UKRAINIAN):
        forms = [
            translation.ngettext("%(count)s clause", "%(count)s clauses", n) % {"count": n}
            for n in (1, 2, 5, 11, 21, 22, 25)
        ]
    assert forms == [
        "1 пункт",
        "2 пункти",
        "5 пунктів",
        "11 пунктів",
        "21 пункт",
        "22 пункти",
        "25 пунктів",
    ]


def test_the_counts_on_the_overview_and_the_revisions_take_their_plural_form(plan):
    client = ukrainian_client()
    overview = client.get("/plans/generated/").content.decode()
    assert "Пункти редакції 2 за сторонами: 5 пунктів" in overview
    revisions = client.get("/plans/generated/revisions/").content.decode()
    assert "<dd>5 пунктів</dd>" in revisions
    assert "2 редакції" in client.get("/").content.decode()


def test_a_date_is_written_as_each_language_writes_it(plan):
    assert "20 листопада 2025" in ukrainian_client().get("/plans/generated/").content.decode()
    assert "20 November 2025" in Client().get("/plans/generated/").content.decode()


def test_each_language_has_its_own_page_in_the_cache_and_its_own_tag(plan, settings):
    settings.PAGE_CACHE = True
    english, ukrainian = Client(), ukrainian_client()
    first = english.get("/plans/generated/")
    assert "Clauses of revision 2 by party" in first.content.decode()
    second = ukrainian.get("/plans/generated/")
    assert "Пункти редакції 2 за сторонами" in second.content.decode()
    assert first["ETag"] != second["ETag"]
    assert "Accept-Language" in second["Vary"]
    # Each served again from the cache, each in its own language.
    assert "Clauses of revision 2 by party" in english.get("/plans/generated/").content.decode()
    assert "Пункти редакції 2 за сторонами" in ukrainian.get("/plans/generated/").content.decode()
    # The English tag is not good for the Ukrainian page.
    stale = ukrainian.get("/plans/generated/", headers={"if-none-match": first["ETag"]})
    assert stale.status_code == 200
    assert (
        ukrainian.get("/plans/generated/", headers={"if-none-match": second["ETag"]}).status_code
        == 304
    )


def test_the_language_costs_no_query(plan):
    counts = {}
    for name, client in (("en", Client()), ("uk", ukrainian_client())):
        for url in TRANSLATED_PAGES:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[name, url] = len(queries)
    assert [counts["uk", url] for url in TRANSLATED_PAGES] == [
        counts["en", url] for url in TRANSLATED_PAGES
    ]


def test_the_api_answers_the_same_whatever_the_language(plan):
    url = "/api/v1/plans/generated/revisions/"
    english = Client().get(url)
    ukrainian = ukrainian_client(headers={"accept-language": "uk"}).get(url)
    assert english.status_code == ukrainian.status_code == 200
    assert english.content == ukrainian.content
    assert "Accept-Language" not in ukrainian.get("Vary", "")
    refused = ukrainian_client().get(f"{url}?nonsense=1")
    assert refused.status_code == 400
    assert refused.json() == Client().get(f"{url}?nonsense=1").json()


def test_the_not_found_page_in_ukrainian(plan):
    response = ukrainian_client().get("/plans/no-such-plan/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "За цією адресою нічого немає" in page
    assert "Nothing at this address" not in page


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        ("500.html", {}, "Щось пішло не так на нашому боці"),
        ("400.html", {}, "Не вдалося прочитати надіслане"),
        ("503.html", {"seconds": 5}, "через 5 секунд."),
        ("503.html", {"seconds": 2}, "через 2 секунди."),
        ("503.html", {"seconds": 1}, "через 1 секунду."),
    ],
)
def test_the_error_pages_without_a_request_in_ukrainian(template, context, expected):
    with translation.override(UKRAINIAN):
        page = render_to_string(template, context)
    assert expected in page
    assert '<html lang="uk">' in page


def test_the_search_page_in_ukrainian_counts_its_results(plan):
    page = ukrainian_client().get("/search/?q=agree").content.decode()
    assert "5 пунктів відповідають" in page
    assert "Лише поточні редакції" in page
    assert "5 clauses match" in Client().get("/search/?q=agree").content.decode()


def test_a_source_date_is_written_as_each_language_writes_it(plan):
    assert "21 листопада 2025" in ukrainian_client().get("/sources/").content.decode()
    assert "21 November 2025" in Client().get("/sources/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/plans/generated/pictures/",
        "/plans/generated/heatmap.svg",
        "/plans/generated/convergence.svg",
        "/plans/generated/clauses/clause-0/timeline.svg",
    ],
)
def test_a_picture_in_ukrainian_keeps_its_numbers_readable_to_the_browser(plan, url):
    """Ukrainian writes a decimal comma; an SVG coordinate must keep its point."""
    picture = ukrainian_client().get(url).content.decode()
    assert re.findall(r'(?:x|y|cx|cy|width|height)="-?\d+,\d', picture) == []
    assert re.search(r'(?:x|cx)="\d+\.\d+"', picture)


def test_the_vocabularies_are_translated_on_pages_and_stay_english_in_the_api(plan):
    page = ukrainian_client().get("/plans/generated/clauses/clause-0/r2/").content.decode()
    assert '<span class="status status-open">відкритий</span>' in page
    assert "підтримує" in page or "з умовами" in page or "проти" in page
    api = ukrainian_client().get("/api/v1/plans/generated/clauses/clause-0/r2/")
    assert api.status_code == 200
    assert '"open"' in api.content.decode()
    assert "відкритий" not in api.content.decode()


def test_an_editor_form_speaks_ukrainian_labels_help_and_choices(plan, django_user_model):
    client = ukrainian_client()
    client.force_login(django_user_model.objects.create_superuser("i18n-forms"))
    page = client.get("/plans/generated/revisions/2/edit/").content.decode()
    assert "Опис змін" in page
    assert "Чому ви зробили цю зміну" in page
    assert ">на переговорах</option>" in page
    english = Client()
    english.force_login(django_user_model.objects.get(username="i18n-forms"))
    page = english.get("/plans/generated/revisions/2/edit/").content.decode()
    assert "Edit summary" in page
    assert ">under negotiation</option>" in page


def test_the_diff_counts_its_clauses_in_ukrainian_plural_forms(plan):
    page = ukrainian_client().get("/plans/generated/compare/1...2/?unchanged=on").content.decode()
    assert "Показано 5 з 5 пунктів." in page
    assert (
        "Showing 5 of 5 clauses."
        in Client().get("/plans/generated/compare/1...2/?unchanged=on").content.decode()
    )


def test_a_saved_change_is_confirmed_in_the_editors_language(plan, django_user_model):
    client = ukrainian_client()
    client.force_login(django_user_model.objects.create_superuser("i18n-saver"))
    saved = client.post(
        "/plans/+new/",
        {
            "slug": "i18n-plan",
            "title": "I18n plan",
            "description": "",
            "edit_summary": "a plan to check the messages",
        },
        follow=True,
    )
    assert saved.status_code == 200
    assert "План створено. Запишіть його перший проєкт" in saved.content.decode()
