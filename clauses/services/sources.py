"""Writes that tie positions to their sources.

``positions_to_sources`` gives every position that names a source only by its title a
recorded source (one per distinct title); ``report_texts_attach`` records a report's text
on the sources that have none when every quote citing them is verbatim in it, and marks
those quotes checked. Both take the models as arguments, so that the migration that
introduced sources (clauses 0012) runs them on its frozen models and the seed on today's.
They write history rows for the sources they create or complete, attributed to nobody,
with ``reason`` as the change reason.
"""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clauses.models import Position
from core.tracking import apply_edit
from sources.quotes import find_quote
from sources.services import source_update
from sources.text import prepare_text, text_sha256
from sources.vocabularies import QuoteCheck, SourceKind

# The reports kept beside the repository (third-party texts the project does not publish):
# the seed's report among them, when this checkout has it.
REPORTS_DIRECTORY = Path(settings.BASE_DIR).parent / "shared" / "sources"
MIGRATION_REASON = "Recorded from the source titles of the positions citing it"


def report_texts(directory: Path = REPORTS_DIRECTORY) -> list[str]:
    """The texts of the reports (``*.txt``, UTF-8) in ``directory``, by file name; none when
    the directory is absent."""
    if not directory.is_dir():
        return []
    return [
        path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for path in sorted(directory.glob("*.txt"))
    ]


def positions_to_sources(
    source_model, position_model, *, reason: str = MIGRATION_REASON, history_model=None
) -> list:
    """A source for each distinct source title of the positions citing none, with the
    first URL given for it; each such position then cites it, its quote ``not_checked``
    (``paraphrase`` without one). Returns the sources created."""
    untied = position_model.objects.filter(source__isnull=True).exclude(source_title="")
    titles: dict[str, str] = {}
    for title, url in untied.order_by("pk").values_list("source_title", "source_url"):
        if not titles.get(title):
            titles[title] = url
    # In bulk: no save signal, so the history rows written below are the only ones.
    created = source_model.objects.bulk_create(
        [
            source_model(
                kind=SourceKind.NEWS_REPORT, title=title[:300], url=url, text="", text_sha256=""
            )
            for title, url in titles.items()
        ]
    )
    for title, source in zip(titles, created, strict=True):
        tied = untied.filter(source_title=title)
        tied.exclude(quote="").update(source=source, quote_check=QuoteCheck.NOT_CHECKED)
        tied.filter(quote="").update(source=source, quote_check=QuoteCheck.PARAPHRASE)
    if created:
        _history_of(source_model, created, reason=reason, kind="+", history_model=history_model)
    return created


def report_texts_attach(
    source_model,
    position_model,
    texts: Iterable[str],
    *,
    reason: str | None,
    history_model=None,
) -> list:
    """For each source without text whose positions quote something, the first of
    ``texts`` in which every such quote is verbatim becomes its text, and those quotes are
    marked checked. Returns the sources completed.

    With a ``reason``, each completed source gets a new version and a history row; without
    one (the seed, which writes every record's history after), neither."""
    texts = [text for text in texts if text]
    if not texts:
        return []
    completed = []
    for source in source_model.objects.filter(text=""):
        quotes = list(
            position_model.objects.filter(source=source)
            .exclude(quote="")
            .values_list("quote", flat=True)
        )
        if not quotes:
            continue
        for text in texts:
            if all(find_quote(text, quote).found for quote in quotes):
                source.text, source.text_sha256 = text, text_sha256(text)
                if reason is not None:
                    source.version += 1
                source_model.objects.filter(pk=source.pk).update(
                    text=source.text, text_sha256=source.text_sha256, version=source.version
                )
                position_model.objects.filter(source=source).exclude(quote="").update(
                    quote_check=QuoteCheck.CHECKED
                )
                completed.append(source)
                break
    if completed and reason is not None:
        _history_of(source_model, completed, reason=reason, kind="~", history_model=history_model)
    return completed


def _history_of(source_model, sources, *, reason: str, kind: str, history_model) -> None:
    if history_model is None:
        history_model = source_model.history.model
    now = timezone.now()
    fields = [field.attname for field in source_model._meta.concrete_fields]
    history_model.objects.bulk_create(
        [
            history_model(
                **{name: getattr(source, name) for name in fields},
                history_date=now,
                history_change_reason=reason,
                history_type=kind,
                history_user_id=None,
            )
            for source in sources
        ]
    )


QUOTE_NOT_IN_TEXT = "{party} on “{clause}”: “{missing}” is not in the text (closest: “{closest}”)."
QUOTES_NOT_IN_TEXT = (
    "The text does not hold every quote citing this source, so it was not recorded: {problems}"
)


def source_text_attach(*, source, text: str, expected_version: int, user, summary: str):
    """Record the text of a source that has none, once every quote citing it is verbatim in
    it (else ValidationError on ``text`` naming each quote that is not, with the closest
    span); those positions' quotes are then checked, each with a history row. Raises
    EditConflict when the source changed since ``expected_version``."""
    prepared = prepare_text(text).text
    with transaction.atomic():
        citing = list(
            Position.objects.select_for_update()
            .filter(source=source)
            .select_related("party", "clause_version__clause")
        )
        problems = []
        for position in citing:
            if not position.quote.strip():
                continue
            match = find_quote(prepared, position.quote)
            if not match.found:
                problems.append(
                    QUOTE_NOT_IN_TEXT.format(
                        party=position.party.name,
                        clause=position.clause_version.clause.title,
                        missing=match.missing,
                        closest=match.closest or "nothing alike",
                    )
                )
        if problems:
            raise ValidationError({"text": QUOTES_NOT_IN_TEXT.format(problems=" ".join(problems))})
        saved = source_update(
            source=source,
            expected_version=expected_version,
            changes={"text": text},
            user=user,
            summary=summary,
        )
        for position in citing:
            if position.quote.strip() and position.quote_check != QuoteCheck.CHECKED:
                position.source = saved
                apply_edit(
                    position,
                    changes={"quote_check": QuoteCheck.CHECKED},
                    user=user,
                    summary=summary,
                )
    return saved
