"""The naive peers of the clause and party pages, the revision's exports and the plan's
feed, done as a first version would: the ORM walked row by row with no
``select_related``, a template (or ``csv.writer``, ``json.dumps``) per object, each
history row compared with ``prev_record``, each revision's changes counted clause by
clause. Served under /_bench/ beside the app, as bench/naive.py's peers are.
"""

import csv
import io
import json

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from bench.naive import _position_fields, _template
from clauses.export_rows import EXPORT_POSITION_COLUMNS
from clauses.fields import POSITION
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.representations import stance_fields
from clauses.vocabularies import ORDINAL, STANCE_LABELS, stance_value
from parties.models import Party

# The clause page: every version with its positions, and every history row of the clause,
# its versions and their positions, each diffed against the row before it.

CLAUSE_TEMPLATE = _template("naive_clause.html")


def _history_of(record, what: str) -> list[dict]:
    entries = []
    for row in record.history.all():
        changes = []
        if row.history_type == "~":
            before = row.prev_record  # a query per row
            if before is not None:
                changes = row.diff_against(before).changes
        entries.append(
            {
                "date": row.history_date,
                "user": row.history_user,  # a query per row
                "what": what,
                "type": row.get_history_type_display(),
                "changes": changes,
                "summary": row.history_change_reason,
            }
        )
    return entries


def clause_page(request, plan, clause):
    clause = get_object_or_404(Clause, plan__slug=plan, slug=clause)
    versions = list(clause.versions.order_by("revision__number"))
    history = _history_of(clause, "the clause")
    for version in versions:
        number = version.revision.number  # a query per version
        history += _history_of(version, f"its wording in r{number}")
        for position in version.positions.all():  # a query per version
            history += _history_of(position, f"{position.party.name}'s position in r{number}")
    history.sort(key=lambda entry: entry["date"], reverse=True)
    parties = Party.objects.filter(positions__clause_version__clause=clause).distinct()
    stances = []
    for party in parties:
        cells = [version.positions.filter(party=party).first() for version in versions]
        stances.append({"party": party, "cells": cells[::-1], "latest": cells[-1]})
    context = {
        "plan": clause.plan,
        "clause": clause,
        "versions": versions[::-1],
        "stances": stances,
        "history": history,
    }
    return HttpResponse(CLAUSE_TEMPLATE.render(context, request))


# The party page: each plan's latest revision, clause by clause.

PARTY_TEMPLATE = _template("naive_party.html")


def party_page(request, party):
    party = get_object_or_404(Party, slug=party)
    plans = []
    for plan in Plan.objects.order_by("title"):
        revision = plan.revisions.filter(branch=False).order_by("-number").first()
        if revision is None:
            continue
        rows = []
        for version in revision.clause_versions.all():
            position = version.positions.filter(party=party).first()
            others = [p.stance for p in version.positions.exclude(party=party)]
            before = None
            if revision.previous is not None:
                earlier = ClauseVersion.objects.filter(
                    revision=revision.previous, clause=version.clause
                ).first()
                if earlier is not None:
                    before = earlier.positions.filter(party=party).first()
            known = [ORDINAL[s] for s in others if ORDINAL.get(s) is not None]
            mine = stance_value(position.stance) if position else None
            apart = abs(mine - sum(known) / len(known)) if mine is not None and known else None
            rows.append(
                {
                    "version": version,
                    "position": position,
                    "before": before,
                    "apart": apart,
                    "moved": before is not None
                    and position is not None
                    and before.stance != position.stance,
                }
            )
        if any(row["position"] or row["before"] for row in rows):
            rows.sort(key=lambda row: -1 if row["apart"] is None else -row["apart"])
            plans.append({"plan": plan, "revision": revision, "rows": rows})
    return HttpResponse(PARTY_TEMPLATE.render({"party": party, "plans": plans}, request))


# The revision's positions as CSV and JSON: the revision walked clause by clause, one
# position (and its party) at a time.

COLUMNS = EXPORT_POSITION_COLUMNS  # the file's header is the format, not work
STANCES = stance_fields(POSITION)


def _position_record(request, position: Position, version, clause, revision, plan) -> dict:
    page = request.build_absolute_uri
    record = {
        "plan": plan.slug,
        "plan_title": plan.title,
        "revision": revision.number,
        "revision_label": revision.label,
        "revision_url": page(
            reverse("clauses:revision", kwargs={"plan": plan.slug, "number": revision.number})
        ),
        "clause": clause.slug,
        "clause_title": clause.title,
        "topic": clause.topic,
        "clause_number": version.number,
        "clause_status": version.status,
        "clause_url": page(
            reverse("clauses:clause", kwargs={"plan": plan.slug, "clause": clause.slug})
        ),
        "clause_version_url": page(
            reverse(
                "clauses:clause_version",
                kwargs={"plan": plan.slug, "clause": clause.slug, "number": revision.number},
            )
        ),
        "party": position.party.slug,  # a query per position
        "party_name": position.party.name,
    }
    for name in POSITION.names:
        value = getattr(position, POSITION.model_field(name).attname)
        if name in STANCES:
            record[name] = value
            record[f"{name}_label"] = STANCE_LABELS.get(value)
            record[f"{name}_value"] = ORDINAL.get(value)
        elif name in POSITION.dates:
            record[name] = value.isoformat() if value else None
        else:
            record[name] = value
    source = position.source  # a query per position that cites one
    record["source_published_on"] = (
        source.published_on.isoformat() if source and source.published_on else None
    )
    record["source_published_on_precision"] = source.published_on_precision if source else None
    return record


def _records(request, plan, number):
    revision = get_object_or_404(Revision, plan__slug=plan, number=number)
    plan = revision.plan
    for version in revision.clause_versions.order_by("position_in_draft", "clause_id"):
        clause = version.clause  # a query per clause
        for position in version.positions.order_by("party__sort_order", "party__name"):
            yield _position_record(request, position, version, clause, revision, plan)


def revision_csv(request, plan, number):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan}-r{number}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in _records(request, plan, number):
        writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])
    return response


def revision_json(request, plan, number):
    rows = [json.dumps(record) for record in _records(request, plan, number)]
    meta = json.dumps({"plan": plan, "view": "revision", "revisions": [number]})
    body = io.StringIO()
    body.write(f'{{"meta": {meta}, "columns": {json.dumps(COLUMNS)}, "rows": [')
    body.write(", ".join(rows))
    body.write("]}")
    response = HttpResponse(body.getvalue(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan}-r{number}.json"'
    return response


# The plan's feed: Django's syndication framework, each revision's changes counted clause
# by clause against the revision it continues.

FEED_REVISIONS = 10


def _changes(old: Revision, new: Revision) -> str:
    totals = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    kept = set()
    for version in new.clause_versions.all():
        before = ClauseVersion.objects.filter(revision=old, clause_id=version.clause_id).first()
        if before is None:
            totals["added"] += 1
            continue
        kept.add(before.pk)
        then = {p.party_id: _position_fields(p) for p in before.positions.all()}  # a query
        now = {p.party_id: _position_fields(p) for p in version.positions.all()}  # and another
        same = (before.text, before.number, before.status) == (
            version.text,
            version.number,
            version.status,
        )
        totals["unchanged" if same and then == now else "changed"] += 1
    totals["removed"] = old.clause_versions.exclude(pk__in=kept).count()
    return ", ".join(f"{count} {kind}" for kind, count in totals.items())


class PlanFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, plan):
        return get_object_or_404(Plan, slug=plan)

    def title(self, plan):
        return f"{plan.title}: new revisions"

    def link(self, plan):
        return reverse("clauses:revisions", kwargs={"plan": plan.slug})

    def items(self, plan):
        return plan.revisions.order_by("-number")[:FEED_REVISIONS]

    def item_title(self, revision):
        return f"r{revision.number}: {revision.label}"

    def item_description(self, revision):
        created = revision.history.filter(history_type="+").first()
        who = f"Recorded by {created.history_user}. Why: {created.history_change_reason}"
        if revision.previous is None:
            return f"<p>The first draft.</p><p>{who}</p>"
        what = _changes(revision.previous, revision)
        return f"<p>Against r{revision.previous.number}: {what}.</p><p>{who}</p>"

    def item_link(self, revision):
        return reverse(
            "clauses:revision_diff", kwargs={"plan": revision.plan.slug, "number": revision.number}
        )

    def item_pubdate(self, revision):
        created = revision.history.filter(history_type="+").first()
        return created.history_date if created else None


plan_feed = PlanFeed()
