"""Errors the API answers with, and their messages.

Every message names what was wrong and what to do about it; tests assert these constants.
The JSON shape of an error body is made by ``peaceplan.api_exceptions``.
"""

from rest_framework import status
from rest_framework.exceptions import APIException, NotFound

PLAN_NOT_FOUND = "There is no plan with the slug {plan!r}."
REVISION_NOT_FOUND = "Plan {plan!r} has no revision {number}."
CLAUSE_NOT_FOUND = "Plan {plan!r} has no clause with the slug {clause!r}."
CLAUSE_VERSION_NOT_FOUND = "Clause {clause!r} is not part of revision {number} of plan {plan!r}."
PARTY_NOT_FOUND = "There is no party with the slug {party!r}."
POSITION_NOT_FOUND = (
    "Party {party!r} has no recorded position on clause {clause!r} in revision {number}."
)
API_PATH_NOT_FOUND = "There is no API resource at {path!r}; the API root lists the resources."

PAGE_NOT_FOUND = "There is no page {page!r}: pages are numbered from 1 to {last}."
PAGE_SIZE_INVALID = "Give page_size as a whole number from 1 to {maximum}, not {value!r}."

AGAINST_INVALID = "Give against as the number of a revision of this plan, not {value!r}."
AGAINST_NOT_FOUND = "Plan {plan!r} has no revision {number} to compare against."

REVISION_FILTER_INVALID = (
    "Give revision as a revision number, 'latest' (each plan's latest revision, the default) "
    "or 'all', not {value!r}."
)
PARAMETER_EMPTY = "{name} is empty: give it a value, or leave the parameter out."

UNKNOWN_FIELD = "Unknown field: the fields you can change here are {allowed}."
PREVIOUS_NOT_FOUND = "Plan {plan!r} has no revision {number} for this revision to continue."
PROPOSED_BY_NOT_FOUND = "There is no party with the slug {party!r}."
WRITE_CONFLICT = (
    "The change could not be saved because it clashes with the data as it is now: {reason}"
)


class PreconditionRequired(APIException):
    """428: a write came without If-Match, so it could overwrite someone else's change."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match."
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    """412: the If-Match sent is not the resource's ETag any more; carries the current state."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it."
    default_code = "precondition_failed"

    def __init__(self, detail, *, etag: str, current: dict | None = None):
        super().__init__(detail)
        self.etag = etag
        self.current = current


class Conflict(APIException):
    """409: the database refused the change (a rule that spans rows); nothing was written."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change clashes with the data as it is now."
    default_code = "conflict"


def not_found(field: str, message: str) -> NotFound:
    """A 404 whose body names the part of the URL (or the parameter) that matched nothing."""
    return NotFound({field: message})
