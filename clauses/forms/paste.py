"""The two steps of recording a draft from its text: paste it, then confirm the alignment."""

import hashlib

from django import forms

from ..choices import Topic
from ..drafting.parse import DraftParseError, parse_draft
from ..models import Clause, Revision
from ..services.paste import (
    CLAUSE_TWICE,
    NEW_CLAUSE_TITLE,
    NEW_CLAUSE_TOPIC,
    ConfirmedPoint,
    DraftProposal,
    clause_title_from_text,
)
from ._common import summary_field
from .edits import DATE_WIDGET

NEW = "new"
TEXT_CHANGED = (
    "The pasted text changed since it was aligned, so its points were aligned again. "
    "Check the alignment below, then record the revision."
)


class PasteForm(forms.Form):
    # No maxlength on the widget: a browser would cut a long paste silently, where the
    # parser says what is too long and what to do.
    text = forms.CharField(
        label="Text of the draft",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text='Each point on its own line, starting with its number: "1.", "2)", '
        '"Point 3:", "12a.". Sub-points (a), (b) and wrapped lines stay with their point.',
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            parse_draft(text)
        except DraftParseError as error:
            raise forms.ValidationError(error.message) from None
        return text


def points_digest(proposal: DraftProposal) -> str:
    """A fingerprint of the points, to notice a text edited between aligning and confirming."""
    joined = "\x1e".join(f"{p.number}\x1f{p.text}" for p in proposal.parsed.points)
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


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
        max_length=200, required=False, help_text='e.g. "Joint framework"; default "Revision N".'
    )
    published_on = forms.DateField(required=False, label="Published on", widget=DATE_WIDGET)
    status = Revision._meta.get_field("status").formfield()
    provenance = Revision._meta.get_field("provenance").formfield()
    source_title = forms.CharField(max_length=300, required=False)
    source_url = forms.URLField(max_length=500, required=False, label="Source URL")
    edit_summary = summary_field()

    REVISION_FIELDS = ("published_on", "status", "provenance", "source_title", "source_url")

    def __init__(self, *args, proposal: DraftProposal, plan_clauses: list[Clause], **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["digest"].initial = points_digest(proposal)
        self.titles = {clause.pk: clause.title for clause in plan_clauses}
        topics = {clause.pk: clause.topic for clause in plan_clauses}
        choices = self._clause_choices(plan_clauses)
        for index, (point, match) in enumerate(
            zip(proposal.parsed.points, proposal.alignment.matches, strict=True)
        ):
            closest = next((topics[c] for c, _ in match.candidates if c in topics), "")
            self.fields[f"p{index}-clause"] = forms.ChoiceField(
                label=f"Point {point.number}",
                choices=choices,
                initial=str(match.clause_id) if match.clause_id else NEW,
            )
            self.fields[f"p{index}-title"] = forms.CharField(
                label="Title of the new clause",
                max_length=200,
                required=False,
                initial=clause_title_from_text(point.text),
            )
            self.fields[f"p{index}-topic"] = forms.ChoiceField(
                label="Topic of the new clause",
                choices=[("", "— choose a topic —"), *Topic.choices],
                required=False,
                initial=closest,
            )

    def _clause_choices(self, plan_clauses):
        in_previous = [(str(c.clause_id), f"{c.number}. {c.title}") for c in self.proposal.clauses]
        listed = {c.clause_id for c in self.proposal.clauses}
        others = [(str(c.pk), c.title) for c in plan_clauses if c.pk not in listed]
        choices = [(NEW, "New clause")]
        if in_previous:
            choices.append(("Clauses of the revision it continues", in_previous))
        if others:
            choices.append(("Other clauses of the plan", others))
        return choices

    def chosen_clause(self, index: int) -> int | None:
        """The clause chosen for a point: the editor's choice once sent, else the proposal."""
        name = f"p{index}-clause"
        value = self[name].value() if self.is_bound else self.fields[name].initial
        return int(value) if value and value != NEW and str(value).isdigit() else None

    def rows(self) -> list[dict]:
        """What the page shows for each point."""
        rows = []
        for index, (point, match) in enumerate(
            zip(self.proposal.parsed.points, self.proposal.alignment.matches, strict=True)
        ):
            chosen = self.chosen_clause(index)
            rows.append(
                {
                    "point": point,
                    "match": match,
                    "chosen": chosen,
                    "changed": chosen != match.clause_id,
                    "proposed_title": self.titles.get(match.clause_id, ""),
                    "candidates": [
                        (self.titles[c], score) for c, score in match.candidates if c in self.titles
                    ],
                    "clause": self[f"p{index}-clause"],
                    "title": self[f"p{index}-title"],
                    "topic": self[f"p{index}-topic"],
                }
            )
        return rows

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
            chosen = self.chosen_clause(index)
            if chosen is not None:
                by_clause.setdefault(chosen, []).append(index)
                continue
            if not data.get(f"p{index}-title", "").strip():
                self.add_error(f"p{index}-title", NEW_CLAUSE_TITLE.format(number=point.number))
            if not data.get(f"p{index}-topic"):
                self.add_error(f"p{index}-topic", NEW_CLAUSE_TOPIC.format(number=point.number))
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

    def confirmed_points(self) -> list[ConfirmedPoint]:
        data = self.cleaned_data
        return [
            ConfirmedPoint(
                number=point.number,
                text=point.text,
                clause_id=self.chosen_clause(index),
                title=data.get(f"p{index}-title", "").strip(),
                topic=data.get(f"p{index}-topic", ""),
            )
            for index, point in enumerate(self.proposal.parsed.points)
        ]

    def revision_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.REVISION_FIELDS}
