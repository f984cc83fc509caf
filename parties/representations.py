"""A party as the API shows it: its declared fields (parties/fields.py) between its link
and version and the link to its positions."""

from core.links import Links
from parties.fields import PARTY

_values_of = PARTY.values_getter()
_DATES = PARTY.dates


def party_data(party, links: Links) -> dict:
    """A party, with a link to its positions."""
    data = {"url": links.party(party.slug), "version": party.version}
    data.update(zip(PARTY.names, _values_of(party), strict=True))
    for name in _DATES:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    data["positions_url"] = f"{links('position-list')}?party={party.slug}"
    return data
