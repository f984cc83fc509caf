"""The statements case's peers: proposals from a report as a first version would make
them (every alias and every reporting verb searched in every sentence, each hit's party
and the plan's clauses read through the ORM), and the floor (two regular expressions over
the sentences, one query each for the aliases and the clauses' texts)."""

import re

from django.db import connection

from clauses.models import ClauseVersion, Plan
from parties.models import PartyAlias
from statements.speech import CUE

_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+")
_WORD = re.compile(r"\w+")
_VERBS = [verb for verb in CUE["en"].pattern.split("|") if verb.isalpha()]


def naive(*, plan: Plan, report: str) -> list[dict]:
    aliases = list(PartyAlias.objects.all())
    proposals = []
    for sentence in _SENTENCE_END.split(report):
        lowered = sentence.lower()
        for alias in aliases:
            if alias.alias.lower() not in lowered:
                continue
            if not any(re.search(rf"\b{verb}\b", lowered) for verb in _VERBS):
                continue
            party = alias.party.slug  # a query per hit
            revision = plan.revisions.order_by("-number").first()  # a query per hit
            words = set(_WORD.findall(lowered))
            clauses = [
                version.number
                for version in ClauseVersion.objects.filter(revision=revision)
                if words & set(_WORD.findall(version.text.lower()))
            ]
            proposals.append({"words": sentence, "party": party, "clauses": clauses})
            break
    return proposals


def floor(*, plan: Plan, report: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.alias, p.slug FROM parties_partyalias a "
            "JOIN parties_party p ON p.id = a.party_id"
        )
        aliases = dict(cursor.fetchall())
        cursor.execute(
            "SELECT cv.text FROM clauses_clauseversion cv "
            "JOIN clauses_revision r ON r.id = cv.revision_id "
            "WHERE r.plan_id = %s AND r.number = "
            "(SELECT MAX(number) FROM clauses_revision WHERE plan_id = %s)",
            [plan.pk, plan.pk],
        )
        cursor.fetchall()
    if not aliases:
        return []
    names = re.compile(
        "|".join(re.escape(alias) for alias in sorted(aliases, key=len, reverse=True))
    )
    cue = CUE["en"]
    found = []
    for sentence in _SENTENCE_END.split(report):
        if cue.search(sentence):
            named = names.search(sentence)
            if named:
                found.append((sentence, aliases[named.group()]))
    return found
