"""Helpers of the editor's tests: a small plan with meaningful wording, and form data."""

from django.urls import reverse

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.vocabularies import Stance, Topic
from tests.factories import PartyFactory

# The first draft of the test plan: slug, title, topic, text.
FIRST_DRAFT = [
    ("sovereignty", "Sovereignty of Ukraine", Topic.GOVERNANCE_ELECTIONS,
     "The sovereignty of Ukraine will be confirmed."),
    ("army-size", "Size of the armed forces", Topic.MILITARY,
     "The armed forces of Ukraine will be limited to 600,000 personnel."),
    ("zaporizhzhia", "Zaporizhzhia nuclear plant", Topic.NUCLEAR_ENERGY,
     "The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision."),
    ("amnesty", "Amnesty", Topic.HUMANITARIAN,
     "All parties to the conflict will receive full amnesty for their actions during the war."),
]  # fmt: skip

# The next draft: the plant and the army reworded and swapped, amnesty dropped, a new point.
NEXT_DRAFT = """JOINT FRAMEWORK
Revised text.

1. Ukraine's sovereignty is confirmed.
2. The Zaporizhzhia nuclear power plant will be run under IAEA supervision,
   its electricity shared equally.
3. Ukraine's armed forces will be capped at 800,000 personnel in peacetime.
4. Elections will be held in Ukraine within 100 days of signing.
"""


def make_plan(*, slug: str = "framework") -> Plan:
    """A plan with one revision of FIRST_DRAFT and two parties' positions on every clause."""
    plan = Plan.objects.create(slug=slug, title="Peace framework")
    revision = Revision.objects.create(plan=plan, number=1, label="First draft")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA")
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU")
    for place, (clause_slug, title, topic, text) in enumerate(FIRST_DRAFT, start=1):
        clause = Clause.objects.create(plan=plan, slug=clause_slug, title=title, topic=topic)
        version = ClauseVersion.objects.create(
            revision=revision, clause=clause, number=str(place), position_in_draft=place, text=text
        )
        Position.objects.create(clause_version=version, party=ukraine, stance=Stance.SUPPORTS)
        Position.objects.create(clause_version=version, party=russia, stance=Stance.OPPOSES)
    return plan


def form_data(form, **overrides) -> dict:
    """What a browser would send back for ``form`` as rendered, with some fields changed."""
    data = {}
    for name, field in form.fields.items():
        if field.widget.attrs.get("disabled"):
            continue  # a browser does not send a disabled field
        value = form[name].value()
        if value is None:
            value = ""
        data[form.add_prefix(name)] = value
    data.update(overrides)
    return data


def paste_url(plan: str = "framework", number: int = 1) -> str:
    return reverse("editing:paste_next", kwargs={"plan": plan, "number": number})


def confirm_url(plan: str = "framework", number: int = 1) -> str:
    return reverse("editing:paste_next_confirm", kwargs={"plan": plan, "number": number})


def database_state() -> list[int]:
    """Rows and history rows of every table an editor writes to."""
    models = (Plan, Revision, Clause, ClauseVersion, Position)
    return [m.objects.count() for m in models] + [m.history.count() for m in models]
