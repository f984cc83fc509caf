"""Clause texts in a language (``?lang=``) on the revision page and the clause version page:
the translation where there is one, else the original marked as such; stale flagged; an
unknown code a 400 naming ``lang``; right-to-left text marked so."""

import pytest
from django.urls import reverse

from tests.translations.helpers import english_revision, points_of, reword_original
from translations.services import TranslatedPoint, translations_record

pytestmark = pytest.mark.django_db


def revision_url(revision, **query):
    url = reverse("clauses:revision", kwargs={"plan": revision.plan.slug, "number": 1})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def version_url(version, **query):
    url = version.get_absolute_url()
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def record(revision, user, texts, *, language="uk", official=True):
    translations_record(
        revision=revision,
        language=language,
        points=[TranslatedPoint(pk, text) for pk, text in texts],
        official=official,
        user=user,
        summary="Translation",
    )


def test_the_revision_in_ukrainian_with_the_original_where_there_is_none(editor, client):
    revision = english_revision()
    points = points_of(revision)
    record(revision, editor, [(points[0].pk, "Суверенітет України підтверджено.")])
    page = client.get(revision_url(revision, lang="uk")).content.decode()
    assert (
        '<p class="clause-text" lang="uk" dir="ltr">Суверенітет України підтверджено.</p>' in page
    )
    assert "Українська, official translation" in page
    # Point 2 has no Ukrainian text: its original, marked.
    assert "Original (English): no Українська text recorded" in page
    assert points[1].text.replace("'", "&#x27;") in page
    # The switch offers the original and Ukrainian.
    assert 'hreflang="uk"' in page or 'aria-current="true" lang="uk"' in page
    assert 'hreflang="en"' in page


def test_without_lang_the_page_is_the_original(editor, client):
    revision = english_revision()
    points = points_of(revision)
    record(revision, editor, [(points[0].pk, "Суверенітет.")])
    page = client.get(revision_url(revision)).content.decode()
    assert "Суверенітет." not in page
    assert "Original (English)" not in page
    # ... with a way to read it in Ukrainian.
    assert f'href="{revision_url(revision, lang="uk")}"' in page


def test_a_stale_translation_is_flagged(editor, client):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, "Суверенітет.")])
    reword_original(first, editor)
    for url in (revision_url(revision, lang="uk"), version_url(first, lang="uk")):
        page = client.get(url).content.decode()
        assert "stale: made before the original's wording changed" in page, url


def test_translated_text_is_escaped(editor, client):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, '<script>alert("x")</script> Суверенітет')])
    for url in (revision_url(revision, lang="uk"), version_url(first, lang="uk")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Суверенітет" in page


def test_right_to_left_text_is_marked(editor, client):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, "تؤكد جميع الأطراف سيادة أوكرانيا.")], language="ar")
    for url in (revision_url(revision, lang="ar"), version_url(first, lang="ar")):
        page = client.get(url).content.decode()
        assert '<p class="clause-text" lang="ar" dir="rtl">تؤكد جميع الأطراف' in page, url


@pytest.mark.parametrize("code", ["xx", "ukr", "<b>"])
def test_an_unknown_language_is_a_400_naming_lang(client, code):
    revision = english_revision()
    for url in (revision_url(revision, lang=code), version_url(points_of(revision)[0], lang=code)):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.content.decode().startswith("lang: ")
        assert response["Content-Type"].startswith("text/plain")


def test_the_clause_version_page_in_russian(editor, client):
    revision = english_revision()
    fifth = points_of(revision)[4]
    record(
        revision,
        editor,
        [(fifth.pk, "Запорожская АЭС перезапускается.")],
        language="ru",
        official=False,
    )
    page = client.get(version_url(fifth, lang="ru")).content.decode()
    assert '<p class="clause-text" lang="ru" dir="ltr">Запорожская АЭС перезапускается.</p>' in page
    assert "Русский, unofficial translation" in page
    page = client.get(version_url(fifth, lang="uk")).content.decode()
    assert "Original (English): no Українська text recorded" in page


@pytest.mark.parametrize("size", [3, 12])
def test_the_revision_page_in_a_language_costs_the_same_whatever_its_size(
    editor, client, size, django_assert_num_queries
):
    revision = english_revision(clauses=size)
    points = points_of(revision)
    record(revision, editor, [(p.pk, f"Пункт {p.number}.") for p in points[::2]])
    client.get(revision_url(revision, lang="uk"))  # warms what is read once per process
    # The plan's stamp; the revision; its clause versions; their positions; the
    # translations of the page's points, in every language (one); its deletions; its
    # corrections.
    with django_assert_num_queries(7):
        response = client.get(revision_url(revision, lang="uk") + "&page=1")
    assert response.status_code == 200
    assert response.content.decode().count('lang="uk" dir="ltr"') == len(points[::2])


def test_a_recorded_translation_shows_at_once_to_anonymous_readers(editor, client):
    """The page cache is keyed by the plan's change stamp, which recording bumps."""
    revision = english_revision()
    first = points_of(revision)[0]
    url = revision_url(revision, lang="uk")
    assert "Суверенітет" not in client.get(url).content.decode()
    assert "Суверенітет" not in client.get(url).content.decode()  # from the cache
    record(revision, editor, [(first.pk, "Суверенітет.")])
    assert "Суверенітет." in client.get(url).content.decode()


def test_the_clause_version_page_in_a_language_costs_one_query_more(
    editor, client, django_assert_num_queries
):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, "Суверенітет.")])
    client.get(version_url(first))
    # The plan's stamp; the clause's versions; their positions; its texts (one).
    with django_assert_num_queries(4):
        response = client.get(version_url(first, lang="uk"))
    assert "Суверенітет." in response.content.decode()


def test_the_admin_shows_translations_read_only(editor, staff_client):
    revision = english_revision()
    first = points_of(revision)[0]
    record(revision, editor, [(first.pk, "Суверенітет.")])
    listing = staff_client.get("/admin/translations/clauseversiontranslation/")
    assert listing.status_code == 200
    assert "Українська" in listing.content.decode()
    assert staff_client.get("/admin/translations/clauseversiontranslation/add/").status_code == 403
