"""Each resource's fields are declared once (clauses/fields.py, parties/fields.py), and every
list of them is derived from the declaration: the API's data and schema, the downloads'
columns, the editable fields of the services, forms and API inputs, the diff's snapshots
and the benchmark's peers.

So adding a field to positions is the model, the declaration and a migration. The census
below proves it for representative fields: only the modules listed, each with the reason
it names the field itself, name it; any other module that named it would be a hand-kept
copy of the field list, which the next field would miss.
"""

import ast
import dataclasses
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from clauses.api.inputs import ClauseVersionEdit, PlanCreate, PositionEdit, RevisionEdit
from clauses.api.renderers import API_POSITION_CSV_COLUMNS
from clauses.api.serializers import (
    ClauseSerializer,
    ClauseVersionSerializer,
    PlanSerializer,
    PositionSerializer,
    RevisionSerializer,
)
from clauses.export_rows import (
    EXPORT_POSITION_COLUMNS,
    EXPORT_POSITION_FIELDS,
    export_position_row_of,
    export_positions_data,
)
from clauses.fields import CLAUSE, CLAUSE_VERSION, NOT_DECLARED, PLAN, POSITION, REVISION
from clauses.forms.edits import ClauseForm, ClauseVersionForm, PlanForm, PositionForm, RevisionForm
from clauses.representations import (
    CLAUSE_VERSION_FIELDS,
    POSITION_FIELDS,
    flat_names,
    position_data,
    revision_data,
)
from clauses.services.edits import position_update
from clauses.services.revisions import CLAUSE_VERSION_COPIED, POSITION_COPIED
from comparison.api.diff_schema import DiffPositionSerializer
from comparison.selectors import diffs
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.fields import Declaration, Declared
from core.links import Links
from parties.admin import PartyAdminForm
from parties.api import PartySerializer
from parties.fields import NOT_DECLARED as PARTY_NOT_DECLARED
from parties.fields import PARTY
from parties.representations import party_data

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "parties",
    "sources",
    "clauses",
    "translations",
    "comparison",
    "drafting",
    "publishing",
    "statements",
    "bench",
)

MODEL = "the model declares the field"
DECLARATION = "the declaration"
FINGERPRINT = (
    "a fingerprint's canonical form names the fields it hashes, fixed: a field added to "
    "positions must not change every revision's fingerprint (docs/data.md)"
)
DIFF = "the diff compares it under a label of its own (e.g. demand_changed, quote_changed)"
CHANGE_EXPORT = (
    "a diff's download cites the evidence of the newer side (summary, quote, source, date) "
    "beside each party's move, columns of its own"
)
ADMIN = "the admin chooses which columns fit a row of its inline and which texts it searches"
CLAUSE_PAGE_FLOOR = (
    "the clause and party pages' floors show what those pages show of a position (its "
    "stance, quote or summary, source link, demand), as their templates do"
)
SOURCES = (
    "positions that name a source by title get a recorded one, and a report's text is "
    "checked against every quote citing it before it becomes that source's text"
)
SOURCE_PAGE = "a source's page highlights each quote citing it in the source's text"
MOVES = (
    "counts stance moves by the one rule of clauses/moves.py, which reads both quotes: "
    "one quote read two ways is no move"
)
SYNOPSIS = (
    "a synopsis cell shows each party's stance with the quote it rests on, and nothing "
    "else of the position (the page, its API and its benchmark floor alike)"
)
TRANSLATION_SOURCE = (
    "a translation's own source (the translations app's field of that name), not a position's"
)
QUOTE_CHECK = "the quote check finds a quote in a source's text, the quote itself"
STATEMENT = (
    "a statement proposed from a report is a verbatim quote before it is any position's "
    "(found, scored and shown for review by its own words)"
)
STATEMENT_ACCEPTED = (
    "an accepted statement becomes a position resting on its quote: the editor confirms "
    "the quote, and the service records it as the position's"
)

# For each representative field, the modules (beside migrations) that may name it, and why.
ALLOWED = {
    "demand": {
        "comparison/rendering.py": 'the clause page\'s "where each party stands" shows each '
        "party's latest demand and the quote and source its latest statement rests on",
        "clauses/models.py": MODEL,
        "clauses/fields.py": DECLARATION,
        "clauses/selectors/overview.py": "the matrix marks a position that demands more "
        "than the clause as worded, so its cells read the demand",
        "comparison/diff.py": DIFF,
        "bench/floor_reads.py": CLAUSE_PAGE_FLOOR,
        "bench/naive_search.py": "the benchmark's naive search peer scans the fields search "
        "covers, as a search without an index would",
    },
    "quote": {
        "comparison/rendering.py": 'the clause page\'s "where each party stands" shows each '
        "party's latest demand and the quote and source its latest statement rests on",
        "clauses/models.py": MODEL,
        "clauses/fields.py": DECLARATION,
        "clauses/fingerprints.py": FINGERPRINT,
        "clauses/selectors/fingerprints.py": FINGERPRINT,
        "clauses/selectors/overview.py": "the matrix marks a position that rests on a quote",
        "clauses/admin.py": ADMIN,
        "comparison/diff.py": DIFF + "; one quote read two ways is no move",
        "comparison/exports.py": CHANGE_EXPORT,
        "bench/floor_reads.py": CLAUSE_PAGE_FLOOR,
        "bench/naive_search.py": "the benchmark's naive search peer scans the fields search "
        "covers, as a search without an index would",
        "clauses/services/sources.py": SOURCES,
        "comparison/selectors/sources.py": SOURCE_PAGE,
        "clauses/forms/edits.py": "the position form says how its quote is checked",
        "comparison/synopsis_rendering.py": "a synopsis stance's description quotes what "
        "the position rests on",
        "clauses/selectors/plans.py": MOVES + " (the revisions timeline)",
        "clauses/selectors/history.py": MOVES + " (each history row beside the one before)",
        "clauses/selectors/changes.py": MOVES + " (the changes-since page)",
        "comparison/party_table.py": MOVES + " (the party page)",
        "publishing/selectors/feeds.py": MOVES + " (the feeds)",
        "comparison/synopsis.py": SYNOPSIS,
        "comparison/selectors/synopsis.py": SYNOPSIS,
        "comparison/api/synopsis.py": SYNOPSIS,
        "bench/floor_synopsis.py": SYNOPSIS,
        "sources/quotes.py": QUOTE_CHECK,
        "statements/extract.py": STATEMENT,
        "statements/scoring.py": STATEMENT,
        "statements/api.py": STATEMENT,
        "statements/forms.py": STATEMENT_ACCEPTED,
        "statements/views.py": STATEMENT_ACCEPTED,
        "statements/services.py": STATEMENT_ACCEPTED,
    },
    "source_url": {
        "comparison/rendering.py": 'the clause page\'s "where each party stands" shows each '
        "party's latest demand and the quote and source its latest statement rests on",
        "clauses/models.py": MODEL + " (of a revision and of a position)",
        "clauses/fields.py": DECLARATION,
        "clauses/fingerprints.py": FINGERPRINT,
        "clauses/selectors/fingerprints.py": FINGERPRINT,
        "clauses/admin.py": ADMIN,
        "comparison/diff.py": DIFF,
        "comparison/exports.py": CHANGE_EXPORT,
        "drafting/forms.py": "a pasted draft's revision takes a few details of its own "
        "choosing (a revision's source, not a position's)",
        "drafting/api.py": "the same, for a draft pasted through the API",
        "bench/floor_reads.py": CLAUSE_PAGE_FLOOR,
        "clauses/services/sources.py": SOURCES,
        "drafting/translation_forms.py": TRANSLATION_SOURCE,
        "drafting/translation_views.py": TRANSLATION_SOURCE,
        "translations/models.py": TRANSLATION_SOURCE,
        "translations/services.py": TRANSLATION_SOURCE,
        "translations/api.py": TRANSLATION_SOURCE,
    },
}


def _bound_names(tree: ast.AST) -> set[ast.AST]:
    """The names in ``tree`` that stand for a record's field when they share its name: a
    class attribute (a model's, a serializer's or a dataclass's field) and a name a row is
    unpacked into. A local variable that merely shares the name (``quote = ...``) is not."""
    bound: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign):
                    bound.update(statement.targets)
                elif isinstance(statement, ast.AnnAssign):
                    bound.add(statement.target)
        elif isinstance(node, ast.Tuple | ast.List) and isinstance(node.ctx, ast.Store):
            bound.update(
                element.value if isinstance(element, ast.Starred) else element
                for element in node.elts
            )
    return bound


def names_field(source: str, field: str) -> bool:
    """Whether ``source`` names ``field``: as a string (or a SQL column ``alias.field`` in
    one), an attribute, a keyword, a parameter, a class attribute or an unpacked name."""
    tree = ast.parse(source)
    bound = _bound_names(tree)
    column = re.compile(rf"\b\w+\.{field}\b")
    return any(_names(node, field, column, bound) for node in ast.walk(tree))


def _names(node: ast.AST, field: str, column: re.Pattern, bound: set[ast.AST]) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value == field or column.search(node.value) is not None
    if isinstance(node, ast.Attribute):
        return node.attr == field
    if isinstance(node, ast.keyword | ast.arg):
        return node.arg == field
    return isinstance(node, ast.Name) and node.id == field and node in bound


def modules_naming(field: str) -> set[str]:
    """The Python modules of the apps that name ``field``, migrations left out."""
    return {
        path.relative_to(ROOT).as_posix()
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and names_field(path.read_text(encoding="utf-8"), field)
    }


@pytest.mark.parametrize("field", sorted(ALLOWED))
def test_a_position_field_is_named_only_where_it_means_something_of_its_own(field):
    assert field in POSITION.names
    assert modules_naming(field) == set(ALLOWED[field])


@pytest.mark.parametrize(
    "source",
    [
        'FIELDS = ("stance", "quote")',
        "for pk, quote in rows: pass",
        "for pk, *rest, quote in rows: pass",
        "text = position.quote",
        "Position(quote=text)",
        "def render(quote): pass",
        "class Snapshot:\n    quote: str = ''",
        'SQL = "SELECT p.quote FROM clauses_position p"',
    ],
)
def test_the_census_sees_a_field_named_by_hand(source):
    assert names_field(source, "quote")


def test_the_census_ignores_a_local_name_that_is_not_the_field():
    assert not names_field("quote = connection.ops.quote_name\nquote(table)", "quote")


# Every field of every record is declared, or left out for a reason the declaration gives.


@pytest.mark.parametrize(
    "declaration",
    [PLAN, REVISION, CLAUSE, CLAUSE_VERSION, POSITION, PARTY],
    ids=lambda declaration: declaration.model.__name__,
)
def test_every_field_of_the_model_is_declared_or_left_out_for_a_reason(declaration):
    not_declared = {**NOT_DECLARED, **PARTY_NOT_DECLARED}[declaration]
    fields = [field.name for field in declaration.model._meta.concrete_fields]
    assert sorted(fields) == sorted([*declaration.names, *not_declared])
    assert not set(declaration.names) & set(not_declared)


def test_a_declaration_refuses_a_field_the_model_lacks():
    from django.core.exceptions import ImproperlyConfigured

    from clauses.models import Position

    with pytest.raises(ImproperlyConfigured, match="no field 'mood'"):
        Declaration(Position, Declared("mood"))
    with pytest.raises(ImproperlyConfigured, match="not editable"):
        Declaration(
            Position, Declared("summary"), Declared("quote", editable=True, edited_after="summary")
        )


def test_editors_meet_the_demand_beside_the_summary_and_readers_last():
    assert POSITION.names[-4:] == ("demand", "source", "quote_check", "stated_on_precision")
    assert POSITION.editable[:5] == ("stance", "summary", "demand", "quote", "source")
    assert "quote_check" not in POSITION.editable
    assert "carried_over" not in POSITION.editable


# What the API shows.


def _after(names, anchor):
    names = list(names)
    return tuple(names[names.index(anchor) + 1 :])


def test_the_api_documents_a_position_s_declared_fields_after_where_it_stands():
    assert _after(PositionSerializer().fields, "party_url") == POSITION.names
    assert POSITION_FIELDS[2 : 2 + len(POSITION.names)] == POSITION.names
    assert _after(API_POSITION_CSV_COLUMNS, "party_url") == flat_names(POSITION)
    assert flat_names(POSITION)[:3] == ("stance", "stance_label", "stance_value")


def test_the_other_resources_document_their_declared_fields():
    def documented(serializer, first, last):
        names = list(serializer().fields)
        return tuple(names[names.index(first) : names.index(last) + 1])

    assert documented(PlanSerializer, "slug", "description") == PLAN.names
    assert documented(ClauseSerializer, "slug", "description") == CLAUSE.names
    # The text comes with what says which language it is in (the API's ``lang``), right
    # after it: not declarations of the model's.
    text_companions = ("text_language", "translation_status", "translation_stale", "languages")
    clause_version = documented(ClauseVersionSerializer, "number", "status")
    assert tuple(n for n in clause_version if n not in text_companions) == CLAUSE_VERSION.names
    text_at = clause_version.index("text")
    assert clause_version[text_at + 1 : text_at + 5] == text_companions
    assert CLAUSE_VERSION_FIELDS[-len(CLAUSE_VERSION.names) :] == CLAUSE_VERSION.names
    assert documented(PartySerializer, "slug", "description") == PARTY.names
    revision = [
        name
        for name in RevisionSerializer().fields
        if name not in ("proposed_by_url", "previous_url")
    ]
    assert tuple(revision[revision.index("number") : revision.index("notes") + 1]) == (
        REVISION.names
    )
    assert _after(DiffPositionSerializer().fields, "party_slug") == POSITION.names


@pytest.mark.django_db
def test_the_data_of_each_resource_holds_its_declared_fields(plan):
    from clauses.models import Position, Revision

    links = Links(None)
    position = Position.objects.select_related(
        "party", "clause_version__clause", "clause_version__revision__plan"
    ).first()
    assert _after(position_data(position, links), "party_url") == POSITION.names
    revision = Revision.objects.select_related("plan", "previous", "proposed_by").last()
    data = [
        name
        for name in revision_data(revision, links)
        if name not in ("proposed_by_url", "previous_url")
    ]
    assert tuple(data[data.index("number") : data.index("notes") + 1]) == REVISION.names
    assert _after(party_data(position.party, links), "version")[:-1] == PARTY.names


# What the downloads hold.


def test_an_exported_position_is_where_it_stands_then_its_declared_fields():
    # Then the date of the source it cites (two columns).
    cited = ("source_published_on", "source_published_on_precision")
    assert _after(EXPORT_POSITION_COLUMNS, "party_name") == (*flat_names(POSITION), *cited)
    assert EXPORT_POSITION_FIELDS[-len(POSITION.names) - 2 : -2] == POSITION.names


@pytest.mark.django_db
def test_an_exported_position_and_an_empty_place_fill_every_column(plan):
    from clauses.models import Position

    position = Position.objects.select_related("party", "clause_version__clause").first()
    version = position.clause_version
    revision, plan = version.revision, version.revision.plan

    class Pages:
        def template(self, name, *parts):
            return "/".join(["", name, *(f"{{{part}}}" for part in parts)])

    rows = [
        export_position_row_of(position, version, revision, plan),
        export_position_row_of(None, version, revision, plan, position.party),
    ]
    recorded, empty = export_positions_data(rows, Pages())
    assert tuple(recorded) == tuple(empty) == EXPORT_POSITION_COLUMNS
    assert recorded["demand"] == position.demand
    assert (empty["stance"], empty["summary"], empty["stated_on"]) == (None, "", None)
    assert (empty["carried_over"], empty["demand"]) == (False, "")


# What editors may change.


def test_the_forms_offer_the_declared_editable_fields():
    assert tuple(PositionForm._meta.fields) == POSITION.form_fields == POSITION.editable
    assert tuple(RevisionForm._meta.fields) == REVISION.form_fields == REVISION.editable
    assert tuple(ClauseForm._meta.fields) == CLAUSE.form_fields
    assert tuple(PlanForm._meta.fields) == PLAN.form_fields
    assert tuple(ClauseVersionForm._meta.fields) == CLAUSE_VERSION.form_fields
    # The form keeps a clause where it stands; the API moves it.
    assert set(CLAUSE_VERSION.editable) - set(CLAUSE_VERSION.form_fields) == {"position_in_draft"}
    assert tuple(PartyAdminForm._meta.fields) == PARTY.form_fields == PARTY.editable


def test_a_form_gives_each_date_a_picker_and_each_text_a_short_area():
    form = PositionForm()
    assert form.fields["stated_on"].widget.input_type == "date"
    assert form.fields["demand"].widget.attrs["rows"] == 3
    assert form.fields["source_url"].label == "Source URL"
    assert RevisionForm().fields["source_url"].label == "Source URL"


@pytest.mark.parametrize(
    ("input_class", "declaration"),
    [
        (PositionEdit, POSITION),
        (RevisionEdit, REVISION),
        (ClauseVersionEdit, CLAUSE_VERSION),
        (PlanCreate, PLAN),
    ],
)
def test_the_api_inputs_take_the_declared_editable_fields(input_class, declaration):
    assert tuple(input_class().fields) == (EDIT_SUMMARY_FIELD, *declaration.editable)


def test_an_input_field_is_typed_and_bounded_as_its_model_field():
    fields = PositionEdit().fields
    assert fields["source_url"].max_length == 500
    assert fields["stated_on"].allow_null and not fields["stated_on"].required
    assert fields["demand"].allow_blank and not fields["demand"].required
    assert ClauseVersionEdit().fields["position_in_draft"].max_value == 2**31 - 1
    assert PlanCreate().fields["title"].required


@pytest.mark.django_db
def test_a_service_refuses_a_field_the_declaration_does_not_let_editors_change(plan, editor):
    from clauses.models import Position

    position = Position.objects.first()
    with pytest.raises(ValidationError) as refused:
        position_update(
            position=position,
            expected_version=position.version,
            changes={"carried_over": True},
            user=editor,
            summary="Not editable",
        )
    assert set(refused.value.error_dict) == {"carried_over"}


def test_a_clone_copies_every_declared_field():
    copied = tuple(name for name in POSITION.names if name != "carried_over")
    assert copied == POSITION_COPIED
    assert ("clause_id", *CLAUSE_VERSION.names) == CLAUSE_VERSION_COPIED


# What the diff takes.


def test_the_diff_s_snapshot_holds_every_declared_field():
    snapshot = [field.name for field in dataclasses.fields(diffs.PositionSnapshot)]
    assert tuple(snapshot) == ("party_slug", *POSITION.names)
    assert POSITION.names == diffs.SNAPSHOT_FIELDS
    clause = [field.name for field in dataclasses.fields(diffs.ClauseSnapshot)]
    assert tuple(clause[4:-1]) == CLAUSE_VERSION.names


def test_a_field_the_diff_does_not_read_is_carried_in_its_snapshot():
    from comparison import diff

    @dataclasses.dataclass(frozen=True)
    class Narrower:
        party_slug: str
        stance: str

    extended = POSITION.extended(Narrower, module=__name__)
    names = [field.name for field in dataclasses.fields(extended)]
    assert names == ["party_slug", *POSITION.names]
    made = extended(party_slug="russia", stance="opposes")
    assert (made.demand, made.stated_on, made.carried_over) == ("", None, False)
    assert POSITION.extended(diff.PositionSnapshot, module=__name__) is diff.PositionSnapshot


# What the benchmark's peers read.


def test_the_peers_read_the_declared_fields():
    from bench import naive

    assert naive.PositionSerializer.Meta.fields[-len(POSITION.names) :] == list(POSITION.names)
    assert naive.RevisionSerializer.Meta.fields[3:-1] == list(REVISION.names)
