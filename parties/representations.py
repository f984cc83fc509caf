"""A party as the API shows it."""

from core.links import Links


def party_data(party, links: Links) -> dict:
    """A party, with a link to its positions."""
    return {
        "url": links.party(party.slug),
        "version": party.version,
        "slug": party.slug,
        "name": party.name,
        "short_name": party.short_name,
        "kind": party.kind,
        "color": party.color,
        "sort_order": party.sort_order,
        "description": party.description,
        "positions_url": f"{links('position-list')}?party={party.slug}",
    }
