"""Writes of the parties app: each validates, runs in one transaction and records the
editor and the edit summary in history, as the clauses app's services do."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.saving import only_editable, save_new
from core.tracking import require_summary, save_edit
from parties.fields import PARTY, PARTY_ALIAS
from parties.models import Party, PartyAlias
from parties.signals import party_slug_changed
from parties.starting_aliases import STARTING_ALIASES


def party_create(*, values: dict, user, summary: str) -> Party:
    """A new party; ``values`` holds its fields by name."""
    require_summary(summary)
    only_editable(values, PARTY.editable)
    with transaction.atomic():
        return save_new(Party(**values), user=user, summary=summary)


def party_update(
    *, party: Party, expected_version: int, changes: dict, user, summary: str
) -> Party:
    """Change a party if nobody saved it since ``expected_version`` (else EditConflict)."""
    only_editable(changes, PARTY.editable)
    with transaction.atomic():
        saved = save_edit(
            party, expected_version=expected_version, changes=changes, user=user, summary=summary
        )
        if "slug" in changes:
            party_slug_changed.send(sender=Party, party=saved)
    return saved


ALIAS_TAKEN = "{party} already has the alias “{alias}”: change that one instead."


def _refuse_duplicate(party: Party, alias: str, *, other_than: int | None = None) -> None:
    """A party names each alias once: a second one is refused on ``alias``."""
    taken = PartyAlias.objects.filter(party=party, alias=alias)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise ValidationError({"alias": ALIAS_TAKEN.format(party=party, alias=alias)})


def party_alias_create(*, party: Party, values: dict, user, summary: str) -> PartyAlias:
    """A new alias of ``party``; ``values`` holds its fields by name. An alias the party
    has already is refused (ValidationError on ``alias``)."""
    require_summary(summary)
    only_editable(values, PARTY_ALIAS.editable)
    with transaction.atomic():
        _refuse_duplicate(party, values.get("alias", ""))
        return save_new(PartyAlias(party=party, **values), user=user, summary=summary)


def party_alias_update(
    *, alias: PartyAlias, expected_version: int, changes: dict, user, summary: str
) -> PartyAlias:
    """Change an alias if nobody saved it since ``expected_version`` (else EditConflict);
    an alias its party has already is refused (ValidationError on ``alias``)."""
    only_editable(changes, PARTY_ALIAS.editable)
    with transaction.atomic():
        if "alias" in changes:
            _refuse_duplicate(alias.party, changes["alias"], other_than=alias.pk)
        return save_edit(
            alias, expected_version=expected_version, changes=changes, user=user, summary=summary
        )


def party_aliases_load_starting(*, user, summary: str) -> int:
    """The starting alias table (parties/starting_aliases.py) for the parties recorded that
    lack it, each alias with its history row; returns how many were added."""
    require_summary(summary)
    added = 0
    with transaction.atomic():
        parties = Party.objects.filter(slug__in=STARTING_ALIASES)
        taken = set(PartyAlias.objects.filter(party__in=parties).values_list("party_id", "alias"))
        for party in parties:
            for text, kind, language in STARTING_ALIASES[party.slug]:
                if (party.pk, text) in taken:
                    continue
                taken.add((party.pk, text))
                values = {"alias": text, "kind": kind, "language": language}
                save_new(PartyAlias(party=party, **values), user=user, summary=summary)
                added += 1
    return added
