"""The suite's check of valid data, in place of schemathesis' ``positive_data_acceptance``
(loaded by ``tests/site/test_api_schemathesis_live.py`` through ``SCHEMATHESIS_HOOKS``).

A request the schema calls valid may still be refused for what no schema can state: the
version a write's If-Match names is no longer current (412), a number another draft took
or a record already there (409), an Idempotency-Key sent before with another body (422),
a field that names a record by its slug or number when no such record exists (a 400
naming that field; a slug in the URL would be a 404), a search query of only common words
or punctuation (which words are common depends on each language's stop words, which no
schema states), or a search's last revision before its first (OpenAPI 3.0 cannot relate
two parameters). Any other refusal of valid data is a mismatch between the schema and the
server, and fails the run.
"""

import schemathesis

# Refusals of well-formed data that only the data as stored can explain.
ACCEPTED_STATUSES = {401, 403, 404, 409, 412, 422}
# The fields that name a record: a 400 naming only these says "no such record".
REFERENCE_FIELDS = {
    "plan",
    "source",
    "party",
    "clause",
    "previous",
    "against",
    "proposed_by",
    "predecessor",
    "predecessors",
    "from_clause",
    "to_clause",
    "successor",
    "successors",
    # The synopsis' revisions and base, by their numbers in the plan.
    "revisions",
    "base",
}
# A search query with nothing to search for, or a revision range that ends before it begins.
UNSTATABLE = {"q", "to"}


@schemathesis.check
def valid_data_is_refused_only_for_what_it_names(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status >= 500 or status in ACCEPTED_STATUSES:
        return None
    if status == 400:
        errors = response.json().get("errors") or []
        named = {error.get("field") for error in errors}
        if errors and (named <= REFERENCE_FIELDS or named <= UNSTATABLE):
            return None
    raise AssertionError(
        f"Valid data refused with {status}, not for a record it names: {response.text[:600]}"
    )
