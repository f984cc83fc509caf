"""The statements app's reads: the alias table and the clauses of a plan's current
revision, as the pure extractor takes them, the stored reports an editor may choose, and
the proposals for a text (computed; nothing is written)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from clauses import selectors as clause_selectors
from clauses.models import ClauseVersion, Plan
from parties.models import Party
from parties.selectors import parties_in_order, party_aliases
from sources.models import Source
from sources.selectors import source_get, sources_in_order
from statements.clauses_match import ClauseText
from statements.extract import Extraction, Extractor
from statements.speakers import Alias


@dataclass
class Proposing:
    """What proposals for a plan are made against: its current clause versions (by key)
    and its parties (by slug), read once per request."""

    extractor: Extractor
    clause_versions: dict[str, ClauseVersion]
    parties: dict[str, Party]

    def propose(self, text: str, language: str | None = None) -> Extraction:
        return self.extractor.extract(text, language)


def alias_table() -> list[Alias]:
    """The alias table as the extractor reads it (one query)."""
    return [Alias(a.alias, a.party.slug, a.kind, a.language) for a in party_aliases()]


def current_clause_versions(*, plan: Plan) -> list[ClauseVersion]:
    """The clause versions of the plan's current revision in draft order, with their
    clause (two queries: the revision, its versions); none when it has no revision."""
    revision = clause_selectors.current_revision(plan=plan)
    if revision is None:
        return []
    return list(
        ClauseVersion.objects.filter(revision=revision)
        .select_related("clause", "revision")
        .order_by("position_in_draft", "pk")
    )


def proposing_for(*, plan: Plan) -> Proposing:
    """The extractor for ``plan`` (four queries: aliases, revision, clause versions,
    parties)."""
    versions = current_clause_versions(plan=plan)
    by_key = {str(v.pk): v for v in versions}
    clauses = [ClauseText(str(v.pk), v.number, f"{v.clause.title}. {v.text}") for v in versions]
    parties = {p.slug: p for p in parties_in_order()}
    return Proposing(Extractor(alias_table(), clauses), by_key, parties)


def stored_reports() -> QuerySet[Source]:
    """The sources an editor may propose statements from: those with a text (one query,
    without their texts)."""
    return sources_in_order().exclude(text="")


def source_with_text(pk: int) -> Source:
    """One source with its text (one query). Raises Source.DoesNotExist."""
    return source_get(pk)
