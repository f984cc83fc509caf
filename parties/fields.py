"""A party's fields, declared once (see core/fields.py): what the API shows of a party, in
order, and what the admin's editors may change. The API's data and schema
(parties/representations.py, parties/api.py), the services and the admin's form take
their field lists from here."""

from core.fields import Declaration, Declared
from parties.models import Party, PartyAlias

PARTY = Declaration(
    Party,
    Declared("slug", editable=True),
    Declared("name", editable=True),
    Declared("short_name", editable=True),
    Declared("kind", editable=True),
    Declared("color", editable=True, help_text="#rrggbb"),
    Declared("sort_order", editable=True),
    Declared("description", editable=True),
)

PARTY_ALIAS = Declaration(
    PartyAlias,
    Declared("alias", editable=True),
    Declared("kind", editable=True),
    Declared("language", editable=True),
)

# What a party holds that is not declared above: its id and version, which its readers
# write their own way.
NOT_DECLARED = {PARTY: ("id", "version"), PARTY_ALIAS: ("id", "version", "party")}
