"""The words of the vocabularies (clauses/vocabularies.py) as a page shows them, in the
reader's language.

The vocabularies' own labels stay English: the API, the exports, the feeds and the
fingerprints speak them, whatever the reader's language. A page translates a label where
it shows it, through these maps (the context of each message names its vocabulary: one
English word, such as "agreed", is a clause's status and a revision's, and Ukrainian
words it differently for each).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_noop, pgettext_lazy

from clauses.vocabularies import (
    ClauseStatus,
    Coverage,
    Provenance,
    RevisionStatus,
    Stance,
    Topic,
)

STANCE_WORDS: dict[str, Promise] = {
    Stance.SUPPORTS: pgettext_lazy("stance", "supports"),
    Stance.CONDITIONAL: pgettext_lazy("stance", "conditional"),
    Stance.AMBIGUOUS: pgettext_lazy("stance", "ambiguous"),
    Stance.OPPOSES: pgettext_lazy("stance", "opposes"),
    Stance.RED_LINE: pgettext_lazy("stance", "red line"),
    Stance.UNKNOWN: pgettext_lazy("stance", "unknown"),
}

TOPIC_WORDS: dict[str, Promise] = {
    Topic.TERRITORY: pgettext_lazy("topic", "territory"),
    Topic.SECURITY_GUARANTEES: pgettext_lazy("topic", "security guarantees"),
    Topic.MILITARY: pgettext_lazy("topic", "military"),
    Topic.ALLIANCES: pgettext_lazy("topic", "alliances"),
    Topic.NUCLEAR_ENERGY: pgettext_lazy("topic", "nuclear & energy"),
    Topic.ECONOMY_SANCTIONS: pgettext_lazy("topic", "economy & sanctions"),
    Topic.HUMANITARIAN: pgettext_lazy("topic", "humanitarian"),
    Topic.GOVERNANCE_ELECTIONS: pgettext_lazy("topic", "governance & elections"),
    Topic.IMPLEMENTATION_MONITORING: pgettext_lazy("topic", "implementation & monitoring"),
}

CLAUSE_STATUS_WORDS: dict[str, Promise] = {
    ClauseStatus.AGREED: pgettext_lazy("clause status", "agreed"),
    ClauseStatus.AGREED_IN_PRINCIPLE: pgettext_lazy("clause status", "agreed in principle"),
    ClauseStatus.CONTESTED: pgettext_lazy("clause status", "contested"),
    ClauseStatus.OPEN: pgettext_lazy("clause status", "open"),
    ClauseStatus.DEFERRED: pgettext_lazy("clause status", "deferred"),
    ClauseStatus.RAISED_OUTSIDE_TEXT: pgettext_lazy("clause status", "raised outside the text"),
}

REVISION_STATUS_WORDS: dict[str, Promise] = {
    RevisionStatus.DRAFT: pgettext_lazy("revision status", "draft"),
    RevisionStatus.PROPOSED: pgettext_lazy("revision status", "proposed"),
    RevisionStatus.UNDER_NEGOTIATION: pgettext_lazy("revision status", "under negotiation"),
    RevisionStatus.AGREED: pgettext_lazy("revision status", "agreed"),
    RevisionStatus.REJECTED: pgettext_lazy("revision status", "rejected"),
    RevisionStatus.SUPERSEDED: pgettext_lazy("revision status", "superseded"),
}

PROVENANCE_WORDS: dict[str, Promise] = {
    Provenance.OFFICIAL: pgettext_lazy("provenance", "official text"),
    Provenance.LEAKED: pgettext_lazy("provenance", "leaked text"),
    Provenance.REPORTED: pgettext_lazy("provenance", "reported"),
    Provenance.PARAPHRASED: pgettext_lazy("provenance", "paraphrased"),
}

COVERAGE_WORDS: dict[str, Promise] = {
    Coverage.FULL_TEXT: pgettext_lazy("coverage", "full text"),
    Coverage.PARTIAL: pgettext_lazy("coverage", "partial"),
}


def words_of(words: dict[str, Promise]) -> dict[str, str]:
    """A map of words in the active language, for a page to look up many times."""
    return {value: str(word) for value, word in words.items()}


# Each vocabulary's words by the name a template gives it (``{{ value|word:"stance" }}``).
VOCABULARIES: dict[str, dict[str, Promise]] = {
    "stance": STANCE_WORDS,
    "topic": TOPIC_WORDS,
    "clause status": CLAUSE_STATUS_WORDS,
    "revision status": REVISION_STATUS_WORDS,
    "provenance": PROVENANCE_WORDS,
    "coverage": COVERAGE_WORDS,
}

# The labels of the other vocabularies a page shows (parties', sources', corrections'),
# which a template translates by their English words (``{{ label|shown }}``); listed here
# so that the catalogue holds them.
SHOWN_BY_THEIR_WORDS = [
    gettext_noop("state"),
    gettext_noop("bloc"),
    gettext_noop("organization"),
    gettext_noop("mediator"),
    gettext_noop("news report"),
    gettext_noop("official text"),
    gettext_noop("transcript"),
    gettext_noop("statement"),
    gettext_noop("checked against the source"),
    gettext_noop("not checked"),
    gettext_noop("paraphrase"),
    gettext_noop("re-linked"),
    gettext_noop("withdrawn"),
    gettext_noop("restored"),
    gettext_noop("split"),
    gettext_noop("merged"),
    gettext_noop("marked deleted"),
    gettext_noop("deletion taken back"),
    gettext_noop("renamed"),
]
