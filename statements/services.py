"""The statements app's writes: the pasted report stored as a source (through the sources
app's service), and the proposals an editor accepted recorded as positions citing it,
through the clauses app's position service: the same checks (the quote verbatim in the
source's text), edit summary and history as a position typed by hand. All accepted
proposals are recorded in one transaction, or none."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from clauses.models import ClauseVersion, Position
from clauses.selectors import position_of
from clauses.services.edits import position_save
from parties.models import Party
from sources.models import Source
from sources.services import source_create


@dataclass
class Accepted:
    """A proposal as the editor confirmed it."""

    clause_version: ClauseVersion
    party: Party
    stance: str
    quote: str
    summary: str
    stated_on: datetime.date | None = None
    stated_on_precision: str = "day"


class ProposalRefused(Exception):
    """The position service refused accepted proposal ``index``: nothing was recorded."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(str(error))
        self.index = index
        self.error = error


def report_store(*, values: dict, user, summary: str) -> Source:
    """The pasted report as a source; ``values`` as ``sources.services.source_create``
    takes them (its ``html_stripped`` says whether HTML was stripped)."""
    return source_create(values=values, user=user, summary=summary)


def statements_accept(
    *, source: Source, accepted: list[Accepted], user, summary: str
) -> list[Position]:
    """Record each accepted proposal as the party's position on its clause version,
    citing ``source``. A party's position already recorded there is changed (its history
    keeps the former one). Raises ProposalRefused naming the first proposal refused."""
    saved = []
    with transaction.atomic():
        for index, proposal in enumerate(accepted):
            current = position_of(clause_version=proposal.clause_version, party=proposal.party)
            values = {
                "stance": proposal.stance,
                "summary": proposal.summary,
                "quote": proposal.quote,
                "source": source,
                "stated_on": proposal.stated_on,
                "stated_on_precision": proposal.stated_on_precision,
            }
            try:
                with transaction.atomic():
                    saved.append(
                        position_save(
                            clause_version=proposal.clause_version,
                            party=proposal.party,
                            expected_version=current.version if current else 0,
                            values=values,
                            user=user,
                            summary=summary,
                        )
                    )
            except ValidationError as error:
                raise ProposalRefused(index, error) from None
    return saved
