"""The fields of the record, declared once (see core/fields.py): what the API and the
downloads show of a plan, a revision, a clause, a clause version and a position, in
order, and what editors may change of each.

Every list of these fields elsewhere is derived from here: the API's data and schema
(clauses/representations.py, clauses/api/serializers.py), the downloads' columns
(clauses/export_rows.py), the editable fields of the services, the editor's forms and the
API's write inputs, the diff's snapshots (comparison/selectors/diffs.py) and the
benchmark's peers. To add a field: the model, a line here and a migration.
"""

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from core.fields import Declaration, Declared

PLAN = Declaration(
    Plan,
    Declared("slug"),
    Declared("title", editable=True),
    Declared("description", editable=True),
)

REVISION = Declaration(
    Revision,
    Declared("number"),
    Declared("label", editable=True),
    Declared("published_on", editable=True),
    Declared("status", editable=True),
    Declared("provenance", editable=True),
    Declared(
        "coverage",
        editable=True,
        help_text="full_text: what is absent is absent; partial: what is absent is only not "
        "described.",
    ),
    Declared("proposed_by", editable=True),
    Declared("previous", editable=True, help_text="The number of the revision it continues."),
    Declared("branch"),
    # Changed only by the withdraw and restore corrections, which record why.
    Declared("withdrawn", help_text="Withdrawn by an editor: off the main line, still readable."),
    Declared("withdrawal_reason"),
    Declared("source_title", editable=True),
    Declared("source_url", editable=True),
    Declared("notes", editable=True),
)

CLAUSE = Declaration(
    Clause,
    Declared("slug"),
    Declared("title", editable=True),
    Declared("topic", editable=True),
    Declared("description", editable=True),
)

CLAUSE_VERSION = Declaration(
    ClauseVersion,
    Declared("number", editable=True, help_text='As in the draft: "9", "14a".'),
    # Moved through the API; the editor's form keeps a clause where it stands in the draft.
    Declared("position_in_draft", editable=True, on_form=False),
    Declared("text", editable=True),
    Declared("status", editable=True),
)

POSITION = Declaration(
    Position,
    Declared("stance", editable=True),
    Declared("summary", editable=True),
    Declared("quote", editable=True),
    Declared("source_title", editable=True),
    Declared("source_url", editable=True),
    Declared("stated_on", editable=True),
    Declared("carried_over"),
    # Shown last, as it came last; edited beside the summary it goes beyond.
    Declared(
        "demand",
        editable=True,
        edited_after="summary",
        help_text="What the party demands beyond the clause as worded; its stance is on the "
        "wording, so a demand that goes further is not support.",
    ),
    Declared(
        "source",
        editable=True,
        edited_after="quote",
        help_text="The id of the recorded source (/api/v1/sources/) the quote is from; its "
        "title and URL then become source_title and source_url, and the quote must be "
        "verbatim in its text when the source has one.",
    ),
    # Derived on every save from the quote and the source's text (see Position.clean).
    Declared("quote_check"),
    Declared("stated_on_precision", editable=True, edited_after="stated_on"),
)

# What each record holds that is not declared above: where it stands (its id, version,
# parent, party), and data derived from the rest, which its readers write their own way.
NOT_DECLARED = {
    PLAN: ("id", "version", "change_stamp", "changed_at"),
    REVISION: ("id", "version", "plan", "fingerprint", "previous_fingerprint"),
    CLAUSE: ("id", "version", "plan"),
    CLAUSE_VERSION: ("id", "version", "revision", "clause"),
    POSITION: ("id", "version", "clause_version", "party"),
}
