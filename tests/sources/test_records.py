"""A source is a record with history; a position citing it has its quote checked on every
save, by the same services the form and the API call."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from clauses import services
from clauses.models import Position
from sources.models import Source
from sources.services import source_create
from sources.text import HTML_STRIPPED, MAX_TEXT, text_sha256
from tests.factories import ClauseVersionFactory, PartyFactory, PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Kyiv, 3 December. President Zelensky said: “We are ready to sign a fair agreement, "
    "but not at any price.” The Kremlin said it «would study the proposal»."
)


@pytest.fixture
def user():
    return User.objects.create_user("recorder")


def record(user, **values) -> Source:
    base = {"title": "Zelensky on the agreement", "kind": "news_report", "text": TEXT}
    return source_create(values={**base, **values}, user=user, summary="From the wire")


def test_a_source_is_recorded_with_its_sha256_and_who_recorded_it_and_why(user):
    source = record(user)
    assert source.text_sha256 == text_sha256(TEXT)
    assert len(source.text_sha256) == 64
    assert source.html_stripped is False
    (row,) = source.history.all()
    assert (row.history_user, row.history_change_reason, row.history_type) == (
        user,
        "From the wire",
        "+",
    )
    assert row.text_sha256 == source.text_sha256


def test_html_pasted_as_text_is_stripped_to_text_with_a_notice(user):
    source = record(
        user,
        text="<html><body><script>alert(1)</script><p>We are <b>ready</b>.</p>"
        "<p>Second &amp; last.</p></body></html>",
    )
    assert source.html_stripped is True
    assert source.text == "We are ready.\n\nSecond & last."
    assert "stripped" in HTML_STRIPPED


def test_a_text_beyond_the_limit_is_refused_saying_so(user):
    with pytest.raises(ValidationError) as error:
        record(user, text="a" * (MAX_TEXT + 1))
    assert "200,000" in str(error.value.message_dict["text"])
    assert not Source.objects.exists()


def test_a_date_known_to_the_month_is_its_first_day(user):
    import datetime

    source = record(user, published_on=datetime.date(2025, 12, 3), published_on_precision="month")
    source.refresh_from_db()
    assert source.published_on == datetime.date(2025, 12, 1)
    exact = record(user, published_on=datetime.date(2025, 12, 3), published_on_precision="day")
    exact.refresh_from_db()
    assert exact.published_on == datetime.date(2025, 12, 3)


def test_history_is_append_only(user):
    from django.db import DatabaseError, transaction

    source = record(user)
    with pytest.raises(DatabaseError), transaction.atomic():
        source.history.update(history_change_reason="rewritten")


# Positions citing a source.


def save_position(user, source, **values):
    version = ClauseVersionFactory()
    party = PartyFactory()
    return services.position_save(
        clause_version=version,
        party=party,
        expected_version=0,
        values={"stance": "supports", "summary": "Ready to sign.", "source": source, **values},
        user=user,
        summary="Recorded",
    )


def test_a_verbatim_quote_is_checked_and_takes_the_source_s_title_and_url(user):
    source = record(user, url="https://example.org/wire")
    position = save_position(user, source, quote="“We are ready to sign a fair agreement”")
    assert position.quote_check == "checked"
    assert (position.source_title, position.source_url) == (source.title, source.url)
    assert position.history.get().quote_check == "checked"


def test_a_quote_not_in_the_source_is_refused_with_the_closest_span(user):
    source = record(user)
    with pytest.raises(ValidationError) as error:
        save_position(user, source, quote="We are willing to sign a fair agreement")
    message = " ".join(error.value.message_dict["quote"])
    assert "closest" in message
    assert "We are ready to sign a fair agreement" in message
    assert not Position.objects.exists()


def test_elided_quotes_are_checked_part_by_part_in_order(user):
    source = record(user)
    assert save_position(user, source, quote="We are ready [...] not at any price").pk
    with pytest.raises(ValidationError):
        save_position(user, source, quote="not at any price [...] We are ready")


def test_a_source_without_text_leaves_its_quotes_not_checked(user):
    source = record(user, text="")
    position = save_position(user, source, quote="Anything at all")
    assert position.quote_check == "not_checked"


def test_no_quote_is_a_paraphrase(user):
    source = record(user)
    assert save_position(user, source, quote="").quote_check == "paraphrase"


def test_an_edit_rechecks_the_quote(user):
    source = record(user)
    position = save_position(user, source, quote="We are ready")
    with pytest.raises(ValidationError):
        services.position_update(
            position=position,
            expected_version=position.version,
            changes={"quote": "We are not ready"},
            user=user,
            summary="Typo",
        )
    position.refresh_from_db()
    assert position.quote == "We are ready"


def test_a_source_cited_by_a_position_cannot_be_deleted(user):
    from django.db.models import ProtectedError

    position = PositionFactory(source=SourceFactory())
    with pytest.raises(ProtectedError):
        position.source.delete()


def test_a_recorded_text_is_not_changed(user):
    from sources.services import source_update

    source = record(user)
    with pytest.raises(ValidationError) as error:
        source_update(
            source=source,
            expected_version=source.version,
            changes={"text": "Other words."},
            user=user,
            summary="Rewrite",
        )
    assert "not changed" in str(error.value.message_dict["text"])
    saved = source_update(
        source=source,
        expected_version=source.version,
        changes={"outlet": "Wire"},
        user=user,
        summary="Outlet",
    )
    assert (saved.outlet, saved.version, saved.text) == ("Wire", 2, TEXT)
