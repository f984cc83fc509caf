"""A source as the API shows it: its id, its API link and version, its declared fields
(sources/fields.py), and, read one at a time, its text."""

from core.links import Links
from sources.fields import SOURCE
from sources.models import NO_URL

_values_of = SOURCE.values_getter()
_DATES = SOURCE.dates


def source_data(source, links: Links) -> dict:
    """A source without its text (a list of sources may be long; each text may run to
    200,000 characters): its SHA-256 says which text it is. ``url`` is the source's own
    address (a declared field), so its link in the API is ``api_url``."""
    data = {"id": source.pk, "api_url": links("source-detail", source=source.pk)}
    data["version"] = source.version
    data.update(zip(SOURCE.names, _values_of(source), strict=True))
    for name in _DATES:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    data["no_url_given"] = not source.url
    return data


def source_detail_data(source, links: Links) -> dict:
    """A source with its full text."""
    return {**source_data(source, links), "text": source.text}


__all__ = ["NO_URL", "source_data", "source_detail_data"]
