"""Positions that named their source only by title get a recorded source, and a report
kept beside the repository becomes that source's text when every quote is in it (the
logic of migration clauses 0012, run here on today's models); the seed does the same."""

import pytest

from clauses.models import Position
from clauses.services.sources import positions_to_sources, report_texts, report_texts_attach
from sources.models import Source
from sources.text import text_sha256
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db

REPORT = "Peskov said Moscow “is studying the plan”. Kyiv said it would not cede land."


def untied(**values):
    return PositionFactory(source=None, **values)


def test_one_source_per_distinct_title_with_the_first_url_given():
    a = untied(source_title="Report A", source_url="", quote="is studying the plan")
    b = untied(source_title="Report A", source_url="https://example.org/a", quote="")
    c = untied(source_title="Report B", source_url="https://example.org/b", quote="x")
    nothing = untied(source_title="", source_url="", quote="")
    created = positions_to_sources(Source, Position)
    assert sorted(s.title for s in created) == ["Report A", "Report B"]
    for position in (a, b, c, nothing):
        position.refresh_from_db()
    assert a.source == b.source and a.source.url == "https://example.org/a"
    assert a.source.text == "" and a.source.text_sha256 == ""
    assert (a.quote_check, b.quote_check, c.quote_check) == (
        "not_checked",
        "paraphrase",
        "not_checked",
    )
    assert nothing.source is None
    # Each new source's history starts with the migration's reason.
    assert a.source.history.get().history_change_reason.startswith("Recorded from")
    # Run again: nothing left to tie.
    assert positions_to_sources(Source, Position) == []


def test_a_report_holding_every_quote_becomes_the_text_and_the_quotes_are_checked():
    kept = untied(source_title="Kept", quote="Moscow “is studying the plan”")
    other = untied(source_title="Other", quote="words no report holds")
    positions_to_sources(Source, Position)
    completed = report_texts_attach(
        Source, Position, ["unrelated text", REPORT], reason="Text found beside the repository"
    )
    assert [s.title for s in completed] == ["Kept"]
    kept.refresh_from_db()
    other.refresh_from_db()
    assert kept.source.text == REPORT
    assert kept.source.text_sha256 == text_sha256(REPORT)
    assert kept.source.version == 2
    assert kept.quote_check == "checked"
    assert other.quote_check == "not_checked" and other.source.text == ""
    assert [row.history_type for row in kept.source.history.order_by("history_id")] == ["+", "~"]


def test_without_reports_nothing_is_attached(tmp_path):
    untied(source_title="Kept", quote="is studying the plan")
    positions_to_sources(Source, Position)
    assert report_texts(tmp_path / "absent") == []
    assert report_texts_attach(Source, Position, [], reason="none") == []


def test_the_seed_records_its_report_as_a_source(seeded):
    (source,) = Source.objects.all()
    positions = Position.objects.filter(clause_version__revision__plan=seeded)
    assert positions.exists()
    assert set(positions.values_list("source", flat=True)) == {source.pk}
    assert source.published_on_precision == "month"
    if report_texts():
        assert source.text_sha256 == text_sha256(source.text)
        assert set(positions.values_list("quote_check", flat=True)) == {"checked"}
    else:
        assert source.text == ""
        assert set(positions.values_list("quote_check", flat=True)) == {"not_checked"}


def test_the_seed_without_the_report_leaves_quotes_not_checked(db):
    from pathlib import Path

    from django.conf import settings

    from clauses.services.seed import seed_load

    seed_load(Path(settings.BASE_DIR) / "fixtures" / "seed.json", reason="Seed", reports=[])
    (source,) = Source.objects.all()
    assert source.text == ""
    assert set(Position.objects.values_list("quote_check", flat=True)) == {"not_checked"}
