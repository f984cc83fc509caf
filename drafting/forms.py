"""The two steps of recording a draft from its text: paste it, then confirm the alignment."""

from typing import Any, cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from clauses.forms.edits import DATE_WIDGET, branch_field, revision_choice_label
from clauses.models import Clause, Revision
from clauses.selectors.plans import revisions_newest_first
from clauses.vocabularies import Coverage, Topic
from clauses.vocabulary_words import COVERAGE_WORDS
from comparison.rendering import text_diff
from comparison.textdiff import word_diff
from core.forms import summary_field
from drafting.fields_html import select, text_input
from drafting.parse import DraftParseError, parse_draft
from drafting.services import (
    CLAUSE_TWICE,
    NEW_CLAUSE_TITLE,
    NEW_CLAUSE_TOPIC,
    NUMBER_TWICE,
    ConfirmedPoint,
    DraftProposal,
    clause_title_from_text,
    new_point_topic,
    parsed_fingerprint,
)

NEW = "new"
CANDIDATE_TEXTS = 2
# Up to this many clauses in the plan, every point's list offers all of them; beyond, the
# closest few and those no point took.
FULL_CHOICES_LIMIT = 60
TOPIC_CHOICES = [("", "— choose a topic —"), *Topic.choices]
INVALID_CHOICE = forms.ChoiceField.default_error_messages["invalid_choice"]
NEW_CLAUSE_CHECK = (
    "Point {number} is now a new clause: check the title and the guessed topic given to it, "
    "then record."
)
TEXT_CHANGED = (
    "The pasted text changed since it was aligned, so its points were aligned again. "
    "Check the alignment below, then record the revision."
)


# The paste form's coverage when the editor leaves it to the numbering (drafting/coverage.py).
GUESS_COVERAGE = ""
# The coverages in the reader's words.
COVERAGE_CHOICES = [(value, COVERAGE_WORDS[value]) for value in Coverage.values]
COVERAGE_HELP = gettext_lazy(
    "Full text: a clause of the revision it continues that no point matches is removed. "
    "Partial (a report or an excerpt quoting some points): such a clause is only not "
    "described."
)


class PasteForm(forms.Form):
    field_order = ["previous", "text", "coverage"]

    # No maxlength on the widget: a browser would cut a long paste silently, where the
    # parser says what is too long and what to do.
    text = forms.CharField(
        label=gettext_lazy("Text of the draft"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false", "dir": "auto"}),
        help_text=gettext_lazy(
            'Each point on its own line, starting with its number: "1.", "2)", '
            '"Point 3:", "12a.". Sub-points (a), (b) and wrapped lines stay with their point.'
        ),
    )
    previous: "forms.ModelChoiceField[Revision]" = forms.ModelChoiceField(
        queryset=None,  # the plan's revisions, set per form
        label=gettext_lazy("Continues"),
        empty_label=None,
        required=False,  # not sent: the default one
        help_text=gettext_lazy(
            "The draft this one continues; its points are matched to that draft's "
            "clauses. A draft that continues anything but the current revision is a branch "
            "(a counter-proposal)."
        ),
    )
    coverage = forms.ChoiceField(
        choices=[
            (
                GUESS_COVERAGE,
                gettext_lazy(
                    "Guess from the numbering: full text when the points run 1 to N "
                    "without a gap, else partial"
                ),
            ),
            *COVERAGE_CHOICES,
        ],
        required=False,
        initial=GUESS_COVERAGE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Coverage"),
        help_text=format_lazy(
            "{} {}", COVERAGE_HELP, gettext_lazy("You can change it on the next page.")
        ),
    )

    def __init__(self, *args, plan=None, previous: Revision | None = None, **kwargs):
        """``previous`` is the revision continued by default; a plan with no revision yet
        has nothing to continue, so the form has no "Continues" field."""
        super().__init__(*args, **kwargs)
        if previous is None:
            del self.fields["previous"]
            return
        # The copy of the field declared above, which ``fields`` types as a plain Field.
        field = cast("forms.ModelChoiceField[Revision]", self.fields["previous"])
        field.queryset = revisions_newest_first(plan_id=plan.pk)
        # Labels this field's choices; the stubs let only a subclass replace the method.
        field.label_from_instance = revision_choice_label  # type: ignore[method-assign,assignment]
        field.initial = previous.pk

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            parse_draft(text)
        except DraftParseError as error:
            raise forms.ValidationError(error.message) from None
        return text


def points_digest(proposal: DraftProposal) -> str:
    """A fingerprint of the points, to notice a text edited between aligning and confirming."""
    return parsed_fingerprint(proposal.parsed)


class AlignmentForm(forms.Form):
    """The proposed alignment, one row per point, for the editor to correct and confirm.

    Each point has a clause choice (a clause of the plan, or "new"), and for a new clause a
    title (first words of the point, editable) and a topic (that of the closest clause, if
    any). The revision's own details and the edit summary come with it.
    """

    text = PasteForm.base_fields["text"]
    digest = forms.CharField(widget=forms.HiddenInput)
    expected_number = forms.IntegerField(widget=forms.HiddenInput)
    label = forms.CharField(
        max_length=200,
        required=False,
        help_text=gettext_lazy('e.g. "Joint framework"; default "Revision N".'),
    )
    published_on = forms.DateField(
        required=False, label=gettext_lazy("Published on"), widget=DATE_WIDGET
    )
    status = Revision._meta.get_field("status").formfield()
    provenance = Revision._meta.get_field("provenance").formfield()
    coverage = forms.ChoiceField(
        choices=COVERAGE_CHOICES, widget=forms.RadioSelect, help_text=COVERAGE_HELP
    )
    source_title = forms.CharField(max_length=300, required=False)
    source_url = forms.URLField(max_length=500, required=False, label=gettext_lazy("Source URL"))
    branch = branch_field()
    edit_summary = summary_field()

    # The revision's details the service takes as they are (``**fields``); it takes the
    # label, the branch and the edit summary by name. Aligning again carries all of them
    # over (drafting/views.py).
    REVISION_FIELDS = (
        "published_on",
        "status",
        "provenance",
        "coverage",
        "source_title",
        "source_url",
    )

    def __init__(self, *args, proposal: DraftProposal, plan_clauses: list[Clause], **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["digest"].initial = points_digest(proposal)
        # Also looked up by a point's chosen clause: None for a new one (never a key).
        self.titles: dict[int | None, str] = {clause.pk: clause.title for clause in plan_clauses}
        self.numbers = {c.clause_id: c.number for c in proposal.clauses}
        self.texts: dict[int | None, str] = {c.clause_id: c.text for c in proposal.clauses}
        topics = {clause.pk: clause.topic for clause in plan_clauses}
        full = len(plan_clauses) <= FULL_CHOICES_LIMIT
        self.short_choices = not full
        everything = self._all_choices(plan_clauses) if full else None
        dropped = set(proposal.alignment.dropped)
        unclaimed = [c for c in proposal.clauses if c.clause_id in dropped]
        # A copy of the sent data, which the loop below fills in (the request's QueryDict
        # or a dict: both are dicts); None for an unbound form.
        data = cast(dict[str, Any], self.data).copy() if self.is_bound else None
        if data is not None:
            self.data = data
        parsed_numbers = [point.number for point in proposal.parsed.points]
        # Points whose number another point has: each gets a field to renumber it.
        self.renumbered = (
            {
                index
                for index, number in enumerate(parsed_numbers)
                if parsed_numbers.count(number) > 1
            }
            if len(set(parsed_numbers)) < len(parsed_numbers)
            else set()
        )
        self.point_choices: list[list] = []
        # Points whose new-clause fields the page did not send (they were hidden).
        self.unseen: set[int] = set()
        # The labels' words, translated once rather than once per point.
        clause_label = gettext("Clause for point %(number)s")
        title_label = gettext("Title of the new clause (point %(number)s)")
        topic_label = gettext("Topic of the new clause (point %(number)s)")
        for index, (point, match) in enumerate(
            zip(proposal.parsed.points, proposal.alignment.matches, strict=True)
        ):
            # Plain CharFields, their choices checked in clean(): a ChoiceField normalises
            # its choices on creation, which costs a second for a 500-point draft.
            self.point_choices.append(everything or self._short_choices(match, unclaimed))
            self.fields[f"p{index}-clause"] = forms.CharField(
                label=clause_label % {"number": point.number},
                initial=str(match.clause_id) if match.clause_id else NEW,
            )
            if index in self.renumbered:
                self.fields[f"p{index}-number"] = forms.CharField(
                    label=f"Number of point {point.number} (the {_ordinal(index + 1)} point)",
                    max_length=20,
                    initial=point.number,
                    help_text=gettext_lazy("Another point has this number: renumber one of them."),
                )
            title = clause_title_from_text(point.text)
            self.fields[f"p{index}-title"] = forms.CharField(
                label=title_label % {"number": point.number},
                max_length=200,
                required=False,
                initial=title,
            )
            self.fields[f"p{index}-topic"] = forms.CharField(
                label=topic_label % {"number": point.number},
                required=False,
                initial=new_point_topic(point.text, match, topics),
            )
            if self.is_bound and self.add_prefix(f"p{index}-title") not in self.data:
                self.unseen.add(index)
            if data is not None:
                # A point the editor turned into a new clause on a page that did not send
                # its title and topic (their fields were disabled) takes the title from its
                # words and the guessed topic.
                data.setdefault(self.add_prefix(f"p{index}-title"), title)
                data.setdefault(
                    self.add_prefix(f"p{index}-topic"), self.fields[f"p{index}-topic"].initial
                )
            if self.chosen_clause(index) is not None:
                # Not sent while the point keeps a clause: fewer fields to post (Django
                # refuses a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS), and paste.js
                # enables them when the editor picks "New clause".
                for name in ("title", "topic"):
                    self.fields[f"p{index}-{name}"].widget.attrs["disabled"] = True

    def _all_choices(self, plan_clauses):
        """Every clause of the plan: those of the revision it continues first, in order."""
        in_previous = [(str(c.clause_id), f"{c.number}. {c.title}") for c in self.proposal.clauses]
        listed = {c.clause_id for c in self.proposal.clauses}
        others = [(str(c.pk), c.title) for c in plan_clauses if c.pk not in listed]
        choices = [(NEW, "New clause")]
        if in_previous:
            choices.append(("Clauses of the revision it continues", in_previous))
        if others:
            choices.append(("Other clauses of the plan", others))
        return choices

    def _short_choices(self, match, unclaimed):
        """For a long plan: the point's closest clauses and those no point took.

        Listing every clause under every point would make the page grow with points times
        clauses (a 500-point draft: 250,000 options).
        """

        def label(clause_id):
            number = self.numbers.get(clause_id)
            return f"{number}. {self.titles[clause_id]}" if number else self.titles[clause_id]

        closest = [c for c, _ in match.candidates if c in self.titles]
        if match.clause_id is not None and match.clause_id not in closest:
            closest.insert(0, match.clause_id)
        choices = [(NEW, "New clause")]
        if closest:
            choices.append(("Closest clauses", [(str(c), label(c)) for c in closest]))
        others = [c.clause_id for c in unclaimed if c.clause_id not in closest]
        if others:
            choices.append(("Clauses no point took", [(str(c), label(c)) for c in others]))
        return choices

    def chosen_clause(self, index: int) -> int | None:
        """The clause chosen for a point: the editor's choice once sent, else the proposal."""
        name = f"p{index}-clause"
        value = self.data.get(self.add_prefix(name)) if self.is_bound else None
        if value is None:
            value = self.fields[name].initial
        return int(value) if value and value != NEW and str(value).isdigit() else None

    def rows(self) -> list[dict]:
        """What the page shows for each point."""
        rows = []
        for index, (point, match) in enumerate(
            zip(self.proposal.parsed.points, self.proposal.alignment.matches, strict=True)
        ):
            chosen = self.chosen_clause(index)
            choices = self.point_choices[index]
            compared = self.texts.get(chosen)
            rows.append(
                {
                    "index": index,
                    "point": point,
                    # The clause's wording as it was, changed into the point's.
                    "diff": text_diff(word_diff(compared, point.text).ops)
                    if compared is not None
                    else "",
                    "match": match,
                    "chosen": chosen,
                    "changed": chosen != match.clause_id,
                    "proposed_title": self.titles.get(match.clause_id, ""),
                    "score": round(match.score),
                    "candidates": self._candidates(match, chosen),
                    "number": _rendered(
                        self[f"p{index}-number"],
                        text_input(self[f"p{index}-number"]),
                        required=True,
                    )
                    if index in self.renumbered
                    else None,
                    "clause": _rendered(
                        self[f"p{index}-clause"], select(self[f"p{index}-clause"], choices)
                    ),
                    "title": _rendered(
                        self[f"p{index}-title"], text_input(self[f"p{index}-title"]), required=True
                    ),
                    "topic": _rendered(
                        self[f"p{index}-topic"],
                        select(self[f"p{index}-topic"], TOPIC_CHOICES),
                        required=True,
                    ),
                }
            )
        return rows

    def _candidates(self, match, chosen) -> list[dict]:
        """The point's closest clauses, the wording of the first few alternatives to the
        chosen one with them (the chosen clause's wording is in the diff already; more
        would weigh a 500-point page down by megabytes)."""
        candidates, worded = [], 0
        for clause_id, score in match.candidates:
            if clause_id not in self.titles:
                continue
            text = ""
            if clause_id != chosen and worded < CANDIDATE_TEXTS:
                text = self.texts.get(clause_id, "")
                worded += bool(text)
            candidates.append(
                {
                    "title": self.titles[clause_id],
                    "number": self.numbers.get(clause_id, ""),
                    "score": round(score),
                    "text": text,
                }
            )
        return candidates

    def error_summary(self) -> list[dict]:
        """Each point in error once, with its messages, for the summary atop the page."""
        if not self.is_bound:
            return []
        summary = []
        for index, point in enumerate(self.proposal.parsed.points):
            messages = [
                str(message)
                for name in ("number", "clause", "title", "topic")
                for message in self.errors.get(f"p{index}-{name}", ())
            ]
            if messages:
                summary.append({"index": index, "number": point.number, "messages": messages})
        return summary

    def dropped(self) -> list:
        """Clauses of the revision it continues that no point keeps, in their draft order."""
        kept = {self.chosen_clause(i) for i in range(len(self.proposal.parsed.points))}
        return [c for c in self.proposal.clauses if c.clause_id not in kept]

    def clean(self):
        data = super().clean()
        if data.get("digest") and data["digest"] != points_digest(self.proposal):
            raise forms.ValidationError(TEXT_CHANGED, code="text_changed")
        by_clause: dict[int, list[int]] = {}
        for index, point in enumerate(self.proposal.parsed.points):
            if not self._offered(index):
                continue
            chosen = self.chosen_clause(index)
            if chosen is not None:
                by_clause.setdefault(chosen, []).append(index)
                continue
            if index in self.unseen:
                # Turned into a new clause on a page without JavaScript: its title and
                # guessed topic are filled in now, for the editor to see before recording.
                self.add_error(f"p{index}-topic", NEW_CLAUSE_CHECK.format(number=point.number))
                continue
            if not data.get(f"p{index}-title", "").strip():
                self.add_error(f"p{index}-title", NEW_CLAUSE_TITLE.format(number=point.number))
            if not data.get(f"p{index}-topic"):
                self.add_error(f"p{index}-topic", NEW_CLAUSE_TOPIC.format(number=point.number))
        points = self.proposal.parsed.points
        by_number: dict[str, list[int]] = {}
        for index in range(len(points)):
            by_number.setdefault(self.point_number(index), []).append(index)
        for number, indexes in by_number.items():
            if len(indexes) > 1:
                message = NUMBER_TWICE.format(count=len(indexes), number=number)
                for i in indexes:
                    if i in self.renumbered:
                        self.add_error(f"p{i}-number", message)
        points = self.proposal.parsed.points
        for clause_id, indexes in by_clause.items():
            if len(indexes) > 1:
                message = CLAUSE_TWICE.format(
                    numbers=", ".join(points[i].number for i in indexes),
                    title=self.titles.get(clause_id, clause_id),
                )
                for i in indexes:
                    self.add_error(f"p{i}-clause", message)
        return data

    def _offered(self, index: int) -> bool:
        """Whether the point's clause and topic are among the choices it was offered."""
        offered = True
        for name, choices in (("clause", self.point_choices[index]), ("topic", TOPIC_CHOICES)):
            value = self.cleaned_data.get(f"p{index}-{name}")
            if value and value not in _values(choices):
                self.add_error(f"p{index}-{name}", INVALID_CHOICE % {"value": value})
                offered = False
        return offered

    def point_number(self, index: int) -> str:
        """The number of a point: as renumbered by the editor, else as in the text."""
        if index in self.renumbered:
            value = self.data.get(self.add_prefix(f"p{index}-number")) if self.is_bound else None
            if value is not None and value.strip():
                return value.strip()
        return self.proposal.parsed.points[index].number

    def confirmed_points(self) -> list[ConfirmedPoint]:
        data = self.cleaned_data
        return [
            ConfirmedPoint(
                number=self.point_number(index),
                text=point.text,
                clause_id=self.chosen_clause(index),
                title=data.get(f"p{index}-title", "").strip(),
                topic=data.get(f"p{index}-topic", ""),
            )
            for index, point in enumerate(self.proposal.parsed.points)
        ]

    def outcome(self) -> dict[str, int]:
        """How many points keep a clause, how many are new, how many clauses are dropped."""
        kept = sum(1 for p in self.confirmed_points() if p.clause_id is not None)
        new = len(self.proposal.parsed.points) - kept
        return {"kept": kept, "new": new, "dropped": len(self.dropped())}

    def revision_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.REVISION_FIELDS}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _rendered(field, control, *, required: bool = False) -> dict:
    """A per-point field as the page shows it: label, control (drafting/fields_html.py),
    errors, and whether it must be filled (a new clause's title and topic: required once
    "New clause" is chosen, which the form checks in ``clean``)."""
    return {
        "id": field.auto_id,
        "label": field.label,
        "control": control,
        "errors": field.errors,
        "required": required,
    }


def _values(choices) -> set[str]:
    """The values of (possibly grouped) choices."""
    values: set[str] = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            values.update(str(v) for v, _ in label)
        else:
            values.add(str(value))
    return values
