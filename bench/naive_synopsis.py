"""The naive peer of the synopsis page, done as a first version would: each picked
revision read on its own, every clause looked up column by column (a query per column per
clause), the shown page's texts diffed with the base's character by character (difflib),
and a template walking each shown version's positions and their parties through the ORM.
Served under /_bench/ beside the app, as bench/naive.py's peers are."""

from difflib import SequenceMatcher

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from bench.naive import _template
from clauses.models import ClauseVersion, Plan

SYNOPSIS_TEMPLATE = _template("naive_synopsis.html")
# The app's page size.
PAGE = 50


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    pieces = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new).get_opcodes():
        if tag == "equal":
            pieces.append(("equal", new[j1:j2]))
        if tag in ("delete", "replace"):
            pieces.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            pieces.append(("insert", new[j1:j2]))
    return pieces


def synopsis_page(request, plan):
    plan = get_object_or_404(Plan, slug=plan)
    numbers = [int(n) for n in request.GET["revisions"].split(",")]
    base_number = int(request.GET.get("base") or numbers[0])
    revisions = [plan.revisions.get(number=n) for n in numbers]  # a query per column
    base = plan.revisions.get(number=base_number)
    clauses = []
    for revision in [base, *(r for r in revisions if r.number != base_number)]:
        for version in revision.clause_versions.order_by("position_in_draft"):
            if version.clause not in clauses:  # a query per version
                clauses.append(version.clause)
    rows, differs = [], 0
    for clause in clauses:
        cells = [
            {"version": ClauseVersion.objects.filter(revision=revision, clause=clause).first()}
            for revision in revisions
        ]
        texts = {cell["version"].text if cell["version"] else None for cell in cells}
        differs += len(texts) > 1
        rows.append({"clause": clause, "cells": cells})
    page = Paginator(rows, PAGE).get_page(1)
    for row in page.object_list:
        before = ClauseVersion.objects.filter(revision=base, clause=row["clause"]).first()
        for revision, cell in zip(revisions, row["cells"], strict=True):
            version = cell["version"]
            if version and before and revision != base and version.text != before.text:
                cell["pieces"] = _pieces(before.text, version.text)
    context = {
        "plan": plan,
        "revisions": revisions,
        "rows": page.object_list,
        "count": len(rows),
        "differs": differs,
        "same": len(rows) - differs,
    }
    return HttpResponse(SYNOPSIS_TEMPLATE.render(context, request))
