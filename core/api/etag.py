"""ETags and If-Match: the API's side of optimistic concurrency.

A writable resource's ETag is ``"<pk>-<version>"`` (a strong tag): ``version`` is bumped by
every save that changes something (core.tracking), so the tag changes exactly when the
record does. A write must send the tag it read in ``If-Match``; the version in it becomes the
``expected_version`` of the service call, which refuses the write under a row lock if
someone saved in between (core.tracking.EditConflict). So the check and the write are
one step, and two clients racing cannot both win.

``If-Match: *`` is refused like a missing header: it would match any version and so guard
against nothing, which is what the header is required for.

The weak form ``W/"<pk>-<version>"`` of one of these tags matches as the tag itself.
Compression weakens the ETag header of what it compresses (GZipMiddleware, the page cache
and any compressing proxy do, as RFC 9110 asks of a tag that names bytes), so a client that
accepts gzip reads ``W/"12-3"`` and sends that back. The header is left as compression made
it, since caches on the way may rely on it; but a record tag names a version, not bytes, so
its weak form still names exactly the version the client read and guards the write as well.
Any other weak tag (a page's conditional-read tag) matches nothing.

The ETag of a revision names the revision's own fields (what a PATCH to it changes); the
clause versions and positions nested in its representation carry their own ``etag``.
"""

import re
from dataclasses import dataclass

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from core.api.exceptions import PreconditionFailed, PreconditionRequired
from core.tracking import TrackedModel, etag_of

IF_MATCH_REQUIRED = (
    "Send the resource's ETag in an If-Match header (read it from a GET): writes without it "
    "could overwrite someone else's change."
)
IF_MATCH_ANY_REFUSED = (
    "If-Match: * matches any version and so protects nothing: send the ETag you read."
)
IF_MATCH_MALFORMED = (
    'If-Match must hold ETags as the API sends them, in double quotes (e.g. "12-3"), not {value!r}.'
)
IF_MATCH_STALE = (
    "The resource changed since you read it: its ETag is now {current}, not {sent}. "
    "Read it again, re-apply your change and send the new ETag."
)

# An entity tag list as in RFC 9110: "abc", W/"abc", separated by commas.
_IF_MATCH = re.compile(r'\s*(W/)?"[^"]*"\s*(,\s*(W/)?"[^"]*"\s*)*')
# What the schema documents: one of this API's tags as a GET answered it, in its body or
# in a header compression weakened.
ETAG_PATTERN = r'^(W/)?"[0-9]+-[0-9]+"$'
# If-None-Match as RFC 9110 spells it: "*", or a list of entity tags, strong or weak. A
# value that is neither is a 400 naming the header (core.api.base), as the schema states.
_ENTITY_TAG_TEXT = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
IF_NONE_MATCH_PATTERN = rf"^(?:\*|{_ENTITY_TAG_TEXT}(?:[ \t]*,[ \t]*{_ENTITY_TAG_TEXT})*)$"
IF_NONE_MATCH_MALFORMED = (
    "If-None-Match must be * or the ETags of answers you hold, each in double quotes "
    '(e.g. W/"3.anonymous.1a2b3c4d"), not {value!r}.'
)
_ENTITY_TAG = re.compile(r'(W/)?"([^"]*)"')
_OUR_TAG = re.compile(r"^(\d+)-(\d+)$")


def etag_for(record: TrackedModel) -> str:
    return etag_of(record.pk, record.version)


@dataclass(frozen=True)
class IfMatch:
    raw: str
    tags: tuple[str, ...]  # the tags sent, without quotes or W/; only record tags match

    def version_for(self, pk: int) -> int | None:
        """The version a client read for record ``pk``, or None if it sent no tag for it."""
        for tag in self.tags:
            match = _OUR_TAG.match(tag)
            if match and int(match.group(1)) == pk:
                return int(match.group(2))
        return None


def parse_if_match(request: Request) -> IfMatch:
    raw = request.headers.get("If-Match")
    if raw is None or not raw.strip():
        raise PreconditionRequired({"If-Match": IF_MATCH_REQUIRED})
    if raw.strip() == "*":
        raise PreconditionRequired({"If-Match": IF_MATCH_ANY_REFUSED})
    if not _IF_MATCH.fullmatch(raw):
        raise ValidationError({"If-Match": IF_MATCH_MALFORMED.format(value=raw)})
    # W/ dropped: a record tag names a version, however compression marked it (above).
    tags = [tag for _weak, tag in _ENTITY_TAG.findall(raw)]
    return IfMatch(raw=raw, tags=tuple(tags))


def expected_version(if_match: IfMatch, record: TrackedModel, current=None) -> int:
    """The version the client read, or 412 at once if its If-Match names another record
    or is older than what the database holds now. ``current`` renders the 412 body."""
    version = if_match.version_for(record.pk)
    if version is None or version != record.version:
        raise stale(if_match, record, current)
    return version


def stale(if_match: IfMatch, record: TrackedModel, current=None) -> PreconditionFailed:
    tag = etag_for(record)
    return PreconditionFailed(
        {"If-Match": IF_MATCH_STALE.format(current=tag, sent=if_match.raw)},
        etag=tag,
        current=current() if callable(current) else current,
    )
