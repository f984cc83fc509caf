"""The naive peers: each case done the way a first version would do it.

Nothing here is wrong, only unplanned: the ORM walked row by row with no
``select_related``/``prefetch_related``, each clause's versions compared through
simple-history's ``diff_against`` one clause at a time, texts compared character by
character, DRF's ``ModelSerializer`` with nested serializers, one ``save()`` per copied
row, and every point of a pasted draft scored against every clause. They produce the
same information as the app (the benchmark checks the diff totals agree), so the ratio is
the price of the first version.
"""

from difflib import SequenceMatcher
from pathlib import Path

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from rapidfuzz import fuzz
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination

from bench.fields import DIFF_COMPARED, POSITION_COPIED
from clauses.fields import CLAUSE_VERSION, POSITION, REVISION
from clauses.models import ClauseVersion, Plan, Position, Revision
from drafting import parse_draft
from parties.models import Party

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The fields of a clause version whose change changes the clause, as the diff has them.
CLAUSE_FIELDS = ["text", "status", "number"]


def _template(name: str):
    """A template of the bench, compiled once by the project's engine (so it can extend
    base.html), as the cached loader would."""
    return engines["django"].from_string((TEMPLATES / name).read_text(encoding="utf-8"))


# The diff: diff_against per clause, positions per clause, character-level difflib.


def _latest_record(instance):
    return instance.history.latest()  # one query per record


def _position_fields(position: Position) -> tuple:
    return tuple(getattr(position, name) for name in DIFF_COMPARED)


def revision_diff(*, old: Revision, new: Revision) -> dict:
    """What changed from ``old`` to ``new``, clause by clause: each clause's versions
    compared through their history records (``diff_against``), the text character by
    character, the positions of each side loaded and compared per clause."""
    clauses = []
    totals = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    kept = set()
    for version in new.clause_versions.all():
        clause = version.clause  # a query per clause
        before = ClauseVersion.objects.filter(revision=old, clause_id=version.clause_id).first()
        if before is None:
            clauses.append({"clause": clause, "change": "added", "version": version})
            totals["added"] += 1
            continue
        kept.add(before.pk)
        delta = _latest_record(version).diff_against(
            _latest_record(before), included_fields=CLAUSE_FIELDS
        )
        text_ops = None
        if "text" in delta.changed_fields:
            text_ops = SequenceMatcher(None, before.text, version.text).get_opcodes()
        then = {p.party_id: p for p in before.positions.all()}  # a query per clause
        now = {p.party_id: p for p in version.positions.all()}  # and another
        parties = []
        for party_id in then.keys() | now.keys():
            earlier, later = then.get(party_id), now.get(party_id)
            if (
                earlier is None
                or later is None
                or (_position_fields(earlier) != _position_fields(later))
            ):
                party = (later or earlier).party  # a query per changed position
                parties.append({"party": party, "before": earlier, "after": later})
        changed = bool(delta.changed_fields) or bool(parties)
        totals["changed" if changed else "unchanged"] += 1
        clauses.append(
            {
                "clause": clause,
                "change": "changed" if changed else "unchanged",
                "version": version,
                "before": before,
                "fields": delta.changed_fields,
                "text_ops": text_ops,
                "parties": parties,
            }
        )
    for before in old.clause_versions.all():
        if before.pk not in kept:
            clauses.append({"clause": before.clause, "change": "removed", "before": before})
            totals["removed"] += 1
    return {"old": old, "new": new, "clauses": clauses, "totals": totals}


def text_html(old: str, new: str, ops) -> list[tuple[str, str]]:
    """Character runs as (kind, text) for the template."""
    pieces = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            pieces.append(("equal", new[j1:j2]))
        if tag in ("delete", "replace"):
            pieces.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            pieces.append(("insert", new[j1:j2]))
    return pieces


DIFF_TEMPLATE = _template("naive_diff.html")


def _diff_page(request, plan: Plan, old: Revision, new: Revision):
    result = revision_diff(old=old, new=new)
    for item in result["clauses"]:
        if item.get("text_ops"):
            item["pieces"] = text_html(item["before"].text, item["version"].text, item["text_ops"])
    return HttpResponse(DIFF_TEMPLATE.render({"plan": plan, "diff": result}, request))


def revision_diff_page(request, plan, number):
    plan = get_object_or_404(Plan, slug=plan)
    new = get_object_or_404(Revision, plan=plan, number=number)
    return _diff_page(request, plan, new.previous, new)


def compare_page(request, plan, a, b):
    plan = get_object_or_404(Plan, slug=plan)
    old = get_object_or_404(Revision, plan=plan, number=a)
    new = get_object_or_404(Revision, plan=plan, number=b)
    return _diff_page(request, plan, old, new)


def pure_diff(old_rows: dict, new_rows: dict) -> dict:
    """The diff over data already loaded, character by character: ``*_rows`` map a clause id
    to ``[number, status, text, slug, title, topic, {party: the position's values of
    DIFF_COMPARED}]``, as the floor takes them."""
    totals = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    clauses = []
    for clause_id, (number, status, text, *_, positions) in new_rows.items():
        before = old_rows.get(clause_id)
        if before is None:
            totals["added"] += 1
            clauses.append((clause_id, "added"))
            continue
        ops = SequenceMatcher(None, before[2], text).get_opcodes()
        text_changed = any(tag != "equal" for tag, *_ in ops)
        earlier = before[-1]
        parties = {
            party: (earlier.get(party), position)
            for party, position in positions.items()
            if earlier.get(party) != position
        }
        parties.update((party, (p, None)) for party, p in earlier.items() if party not in positions)
        changed = text_changed or before[0] != number or before[1] != status or parties
        totals["changed" if changed else "unchanged"] += 1
        clauses.append((clause_id, "changed" if changed else "unchanged", ops, parties))
    for clause_id in old_rows.keys() - new_rows.keys():
        totals["removed"] += 1
        clauses.append((clause_id, "removed"))
    return {"clauses": clauses, "totals": totals}


# The overview: a template walking the ORM.

OVERVIEW_TEMPLATE = _template("naive_overview.html")


def overview_page(request, plan):
    plan = get_object_or_404(Plan, slug=plan)
    revision = plan.revisions.order_by("-number").first()
    parties = Party.objects.filter(positions__clause_version__revision=revision).distinct()
    context = {
        "plan": plan,
        "revision": revision,
        "parties": parties,
        "versions": revision.clause_versions.all(),
    }
    return HttpResponse(OVERVIEW_TEMPLATE.render(context, request))


# The API: ModelSerializers, nested, with no joins planned.


class PositionSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="clause_version.revision.plan.slug")
    revision = serializers.IntegerField(source="clause_version.revision.number")
    clause = serializers.CharField(source="clause_version.clause.slug")
    clause_number = serializers.CharField(source="clause_version.number")
    party = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Position
        fields = [
            *("id", "version", "plan", "revision", "clause", "clause_number", "party"),
            *POSITION.names,
        ]


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class PositionList(generics.ListAPIView):
    serializer_class = PositionSerializer
    pagination_class = Pagination

    def get_queryset(self):
        params = self.request.query_params
        plan = Plan.objects.get(slug=params["plan"])
        revision = plan.revisions.get(number=params["revision"])
        return Position.objects.filter(clause_version__revision=revision).order_by(
            "clause_version__position_in_draft", "clause_version__clause_id", "party__sort_order"
        )


class ClauseVersionSerializer(serializers.ModelSerializer):
    clause = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = serializers.CharField(source="clause.title")
    topic = serializers.CharField(source="clause.topic")
    positions = PositionSerializer(many=True, read_only=True)

    class Meta:
        model = ClauseVersion
        fields = ["id", "version", "clause", "title", "topic", *CLAUSE_VERSION.names, "positions"]


class RevisionSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    proposed_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    previous = serializers.IntegerField(source="previous.number", allow_null=True)
    clause_versions = ClauseVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Revision
        fields = ["id", "version", "plan", *REVISION.names, "clause_versions"]


class RevisionDetail(generics.RetrieveAPIView):
    serializer_class = RevisionSerializer

    def get_object(self):
        plan = Plan.objects.get(slug=self.kwargs["plan"])
        return plan.revisions.get(number=self.kwargs["number"])

    def get_queryset(self):  # for the model permissions
        return Revision.objects.all()


# Cloning: one save() per row.


def clone(*, source: Revision, user, summary: str) -> Revision:
    """The next revision as a copy of ``source``, saving each copy (and so its history row)
    one at a time."""
    with transaction.atomic():
        number = source.plan.revisions.order_by("-number").first().number + 1
        revision = Revision(
            plan=source.plan,
            number=number,
            label=f"Revision {number}",
            previous=source,
            provenance=source.provenance,
        )
        revision._history_user, revision._change_reason = user, summary
        revision.save()
        for old in source.clause_versions.all():
            version = ClauseVersion(
                revision=revision,
                clause=old.clause,
                **{name: getattr(old, name) for name in CLAUSE_VERSION.names},
            )
            version._history_user, version._change_reason = user, summary
            version.save()
            for old_position in old.positions.all():
                position = Position(
                    clause_version=version,
                    party=old_position.party,
                    carried_over=True,
                    **{name: getattr(old_position, name) for name in POSITION_COPIED},
                )
                position._history_user, position._change_reason = user, summary
                position.save()
    return revision


# Aligning a paste: every point against every clause, then greedy.


def align(*, text: str, previous: Revision) -> dict[int, int | None]:
    """Point index to the clause id it continues (None: a new clause)."""
    points = parse_draft(text).points
    clauses = [(v.clause_id, v.text) for v in previous.clause_versions.all()]
    pairs = []
    for p, point in enumerate(points):
        for clause_id, clause_text in clauses:
            pairs.append((fuzz.token_set_ratio(point.text, clause_text), p, clause_id))
    pairs.sort(reverse=True)
    matches: dict[int, int | None] = dict.fromkeys(range(len(points)))
    taken = set()
    for score, p, clause_id in pairs:
        if score < 60:
            break
        if matches[p] is None and clause_id not in taken:
            matches[p] = clause_id
            taken.add(clause_id)
    return matches
