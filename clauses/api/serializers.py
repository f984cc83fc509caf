"""How the API's resources read.

The declared fields document each resource in the OpenAPI schema; ``to_representation``
builds the dict directly. Measured on a page of 500 positions (SQLite): loading model
instances and serializing them with a ModelSerializer took about 100 ms, most of it
building six model instances per row (DRF's plain declared fields were no faster than the
ModelSerializer); ``.values()`` rows with the dicts built here took 23 ms, 8 ms of it the
query and most of the rest the five links of each row. So the positions list reads rows,
and every resource builds its dict the same way. The schema run in the test suite checks
that every response still matches the declared fields.

Links are readable URLs (slugs and revision numbers). Dates are ISO 8601. A stance reads as
its name, its label and its ordinal value (null for ``unknown``, which is never 0).
"""

from rest_framework import serializers

from clauses.vocabularies import ORDINAL, ClauseStatus, Provenance, RevisionStatus, Stance, Topic

from .etag import etag_of
from .links import Links, links_for


def _url(**kwargs):
    return serializers.URLField(read_only=True, **kwargs)


def _iso(value):
    return value.isoformat() if value is not None else None


class ReadSerializer(serializers.Serializer):
    """Read-only: fields for the schema, ``represent`` for the data."""

    def to_representation(self, instance):
        return self.represent(instance, links_for(self.context))

    @staticmethod
    def represent(instance, links: Links) -> dict:
        raise NotImplementedError


class StanceSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    value = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Ordinal: supports 2, conditional 1, ambiguous 0, opposes -1, red line -2; "
        "null for unknown.",
    )


_STANCE_LABELS = dict(Stance.choices)


def stance_data(stance: str) -> dict:
    return {
        "name": stance,
        "label": _STANCE_LABELS.get(stance, stance),
        "value": ORDINAL.get(stance),
    }


class PositionSerializer(ReadSerializer):
    url = _url()
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to edit.")
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    revision = serializers.IntegerField(read_only=True)
    revision_url = _url()
    clause = serializers.SlugField(read_only=True)
    clause_url = _url()
    clause_version_url = _url()
    clause_number = serializers.CharField(read_only=True, help_text='As in the draft: "9", "14a".')
    party = serializers.SlugField(read_only=True)
    party_url = _url()
    stance = StanceSerializer(read_only=True)
    summary = serializers.CharField(read_only=True)
    quote = serializers.CharField(read_only=True)
    source_title = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    stated_on = serializers.DateField(read_only=True, allow_null=True)
    carried_over = serializers.BooleanField(
        read_only=True, help_text="Copied from the previous revision and not yet reconfirmed."
    )

    @staticmethod
    def represent(position, links: Links) -> dict:
        """From a row of ``POSITION_VALUES`` (the list's fast path) or an instance."""
        row = position if isinstance(position, dict) else position_values(position)
        plan = row["clause_version__revision__plan__slug"]
        clause = row["clause_version__clause__slug"]
        number = row["clause_version__revision__number"]
        party = row["party__slug"]
        stated_on = row["stated_on"]
        return {
            "url": links.position(plan, clause, number, party),
            "etag": etag_of(row["id"], row["version"]),
            "version": row["version"],
            "plan": plan,
            "revision": number,
            "revision_url": links.revision(plan, number),
            "clause": clause,
            "clause_url": links.clause(plan, clause),
            "clause_version_url": links.clause_version(plan, clause, number),
            "clause_number": row["clause_version__number"],
            "party": party,
            "party_url": links.party(party),
            "stance": stance_data(row["stance"]),
            "summary": row["summary"],
            "quote": row["quote"],
            "source_title": row["source_title"],
            "source_url": row["source_url"],
            "stated_on": stated_on.isoformat() if stated_on is not None else None,
            "carried_over": row["carried_over"],
        }


# What a position's representation reads, as ``.values()`` names it. The positions list
# reads rows, not instances: building six model instances per row (position, party, clause
# version, clause, revision, plan) cost ten times the query itself (see the module docstring).
# ``position_rows`` unpacks ``.values_list()`` tuples in this order.
POSITION_VALUES = (
    "id",
    "version",
    "stance",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
    "carried_over",
    "party__slug",
    "clause_version__number",
    "clause_version__clause__slug",
    "clause_version__revision__number",
    "clause_version__revision__plan__slug",
)


def position_rows(rows, links: Links) -> list[dict]:
    """``PositionSerializer.represent`` of each ``.values_list(*POSITION_VALUES)`` row.

    The same dicts, built for a page of hundreds: each kind of link is reversed once per
    page and filled in by concatenation, and the links a clause version's positions share
    (its revision, clause and itself, one per party) are built once per clause version.
    On a page of 500 this took the rows from about 10 ms to 3 (SQLite, 2 cores).
    """
    party_url = links.template("party-detail", "party")
    # The position's own link is its clause version's part, the party, and the rest.
    head, _, tail = links.template(
        "position-detail", "plan", "clause", "number", "party"
    ).partition("{party}")
    templates = (
        links.template("revision-detail", "plan", "number"),
        links.template("clause-detail", "plan", "clause"),
        links.template("clauseversion-detail", "plan", "clause", "number"),
        head,
    )
    shared: dict[tuple, tuple[str, ...]] = {}
    party_urls: dict[str, str] = {}
    stances: dict[str, dict] = {}
    results = []
    for (
        pk,
        version,
        stance,
        summary,
        quote,
        source_title,
        source_url,
        stated_on,
        carried_over,
        party,
        clause_number,
        clause,
        number,
        plan,
    ) in rows:
        key = (plan, clause, number)
        urls = shared.get(key)
        if urls is None:
            urls = shared[key] = tuple(
                template.format(plan=plan, clause=clause, number=number) for template in templates
            )
        revision_url, clause_url, clause_version_url, position_head = urls
        party_link = party_urls.get(party)
        if party_link is None:
            party_link = party_urls[party] = party_url.format(party=party)
        stance_dict = stances.get(stance)
        if stance_dict is None:
            stance_dict = stances[stance] = stance_data(stance)
        results.append(
            {
                "url": position_head + party + tail,
                "etag": etag_of(pk, version),
                "version": version,
                "plan": plan,
                "revision": number,
                "revision_url": revision_url,
                "clause": clause,
                "clause_url": clause_url,
                "clause_version_url": clause_version_url,
                "clause_number": clause_number,
                "party": party,
                "party_url": party_link,
                # A copy each: a row's parts are its own, whatever is done with them later.
                "stance": stance_dict.copy(),
                "summary": summary,
                "quote": quote,
                "source_title": source_title,
                "source_url": source_url,
                "stated_on": stated_on.isoformat() if stated_on is not None else None,
                "carried_over": carried_over,
            }
        )
    return results


def position_values(position) -> dict:
    """The row of ``POSITION_VALUES`` of a position loaded with its relations."""
    version = position.clause_version
    return {
        "id": position.pk,
        "version": position.version,
        "stance": position.stance,
        "summary": position.summary,
        "quote": position.quote,
        "source_title": position.source_title,
        "source_url": position.source_url,
        "stated_on": position.stated_on,
        "carried_over": position.carried_over,
        "party__slug": position.party.slug,
        "clause_version__number": version.number,
        "clause_version__clause__slug": version.clause.slug,
        "clause_version__revision__number": version.revision.number,
        "clause_version__revision__plan__slug": version.revision.plan.slug,
    }


class ClauseVersionSerializer(ReadSerializer):
    url = _url()
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to edit.")
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    revision = serializers.IntegerField(read_only=True)
    revision_url = _url()
    clause = serializers.SlugField(read_only=True)
    clause_url = _url()
    title = serializers.CharField(read_only=True)
    topic = serializers.ChoiceField(choices=Topic.choices, read_only=True)
    number = serializers.CharField(read_only=True, help_text='As in the draft: "9", "14a".')
    position_in_draft = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=ClauseStatus.choices, read_only=True)
    positions = PositionSerializer(many=True, read_only=True)

    @staticmethod
    def represent(version, links: Links) -> dict:
        revision = version.revision
        clause = version.clause
        plan = revision.plan.slug
        return {
            "url": links.clause_version(plan, clause.slug, revision.number),
            "etag": etag_of(version.pk, version.version),
            "version": version.version,
            "plan": plan,
            "revision": revision.number,
            "revision_url": links.revision(plan, revision.number),
            "clause": clause.slug,
            "clause_url": links.clause(plan, clause.slug),
            "title": clause.title,
            "topic": clause.topic,
            "number": version.number,
            "position_in_draft": version.position_in_draft,
            "text": version.text,
            "status": version.status,
            "positions": [
                PositionSerializer.represent(position, links)
                for position in version.positions.all()
            ],
        }


class RevisionSerializer(ReadSerializer):
    url = _url()
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to edit.")
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    plan_url = _url()
    number = serializers.IntegerField(read_only=True)
    label = serializers.CharField(read_only=True)
    published_on = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=RevisionStatus.choices, read_only=True)
    provenance = serializers.ChoiceField(choices=Provenance.choices, read_only=True)
    proposed_by = serializers.SlugField(read_only=True, allow_null=True)
    proposed_by_url = _url(allow_null=True)
    previous = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The number of the revision it continues."
    )
    previous_url = _url(allow_null=True)
    source_title = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    notes = serializers.CharField(read_only=True)
    diff_url = _url(help_text="The diff against the revision it continues.")
    clone_url = _url(help_text="POST here to start a new revision as a copy of this one.")

    @staticmethod
    def represent(revision, links: Links) -> dict:
        plan = revision.plan.slug
        previous = revision.previous
        proposed_by = revision.proposed_by
        return {
            "url": links.revision(plan, revision.number),
            "etag": etag_of(revision.pk, revision.version),
            "version": revision.version,
            "plan": plan,
            "plan_url": links.plan(plan),
            "number": revision.number,
            "label": revision.label,
            "published_on": _iso(revision.published_on),
            "status": revision.status,
            "provenance": revision.provenance,
            "proposed_by": proposed_by.slug if proposed_by else None,
            "proposed_by_url": links.party(proposed_by.slug) if proposed_by else None,
            "previous": previous.number if previous else None,
            "previous_url": links.revision(plan, previous.number) if previous else None,
            "source_title": revision.source_title,
            "source_url": revision.source_url,
            "notes": revision.notes,
            "diff_url": links("revision-diff", plan=plan, number=revision.number),
            "clone_url": links("revision-clone", plan=plan, number=revision.number),
        }


class RevisionDetailSerializer(RevisionSerializer):
    clause_versions = ClauseVersionSerializer(
        many=True, read_only=True, help_text="In draft order, each with every party's position."
    )

    @staticmethod
    def represent(revision, links: Links) -> dict:
        data = RevisionSerializer.represent(revision, links)
        data["clause_versions"] = [
            ClauseVersionSerializer.represent(version, links)
            for version in revision.clause_versions.all()
        ]
        return data


class ClauseVersionSummarySerializer(ReadSerializer):
    url = _url()
    revision = serializers.IntegerField(read_only=True)
    revision_url = _url()
    number = serializers.CharField(read_only=True)
    position_in_draft = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=ClauseStatus.choices, read_only=True)

    @staticmethod
    def represent(version, links: Links, plan: str = "", clause: str = "") -> dict:
        number = version.revision.number
        return {
            "url": links.clause_version(plan, clause, number),
            "revision": number,
            "revision_url": links.revision(plan, number),
            "number": version.number,
            "position_in_draft": version.position_in_draft,
            "status": version.status,
        }


class ClauseSerializer(ReadSerializer):
    url = _url()
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    plan_url = _url()
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    topic = serializers.ChoiceField(choices=Topic.choices, read_only=True)
    description = serializers.CharField(read_only=True)
    history_url = _url()
    versions = ClauseVersionSummarySerializer(
        many=True, read_only=True, help_text="The clause in each revision that holds it."
    )

    @staticmethod
    def represent(clause, links: Links) -> dict:
        plan = clause.plan.slug
        return {
            "url": links.clause(plan, clause.slug),
            "version": clause.version,
            "plan": plan,
            "plan_url": links.plan(plan),
            "slug": clause.slug,
            "title": clause.title,
            "topic": clause.topic,
            "description": clause.description,
            "history_url": links("clause-history", plan=plan, clause=clause.slug),
            "versions": [
                ClauseVersionSummarySerializer.represent(version, links, plan, clause.slug)
                for version in clause.versions.all()
            ],
        }


class ClauseDetailSerializer(ClauseSerializer):
    versions = ClauseVersionSerializer(
        many=True,
        read_only=True,
        help_text="The clause as worded in each revision that holds it, with the positions.",
    )

    @staticmethod
    def represent(clause, links: Links) -> dict:
        data = ClauseSerializer.represent(clause, links)
        data["versions"] = [
            ClauseVersionSerializer.represent(version, links) for version in clause.versions.all()
        ]
        return data


class PlanSerializer(ReadSerializer):
    url = _url()
    version = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    revision_count = serializers.IntegerField(read_only=True)
    latest_revision = serializers.IntegerField(read_only=True, allow_null=True)
    latest_revision_url = _url(allow_null=True)
    revisions_url = _url()
    clauses_url = _url()
    positions_url = _url(help_text="The positions in the plan's latest revision.")

    @staticmethod
    def represent(plan, links: Links) -> dict:
        latest = plan.latest_revision_number
        return {
            "url": links.plan(plan.slug),
            "version": plan.version,
            "slug": plan.slug,
            "title": plan.title,
            "description": plan.description,
            "revision_count": plan.revision_count,
            "latest_revision": latest,
            "latest_revision_url": links.revision(plan.slug, latest) if latest else None,
            "revisions_url": links("revision-list", plan=plan.slug),
            "clauses_url": links("clause-list", plan=plan.slug),
            "positions_url": f"{links('position-list')}?plan={plan.slug}",
        }


class HistoryEntrySerializer(ReadSerializer):
    """One entry of ``clauses.selectors.clause_edit_history``."""

    history_id = serializers.IntegerField(read_only=True)
    date = serializers.DateTimeField(read_only=True)
    user = serializers.CharField(read_only=True, allow_null=True, help_text="Who made it.")
    type = serializers.ChoiceField(choices=["created", "changed", "deleted"], read_only=True)
    object = serializers.ChoiceField(
        choices=["clause", "clause_version", "position"],
        read_only=True,
        help_text="What changed: the clause itself, its wording in a revision, or a position.",
    )
    revision = serializers.IntegerField(read_only=True, allow_null=True)
    party = serializers.SlugField(read_only=True, allow_null=True)
    party_name = serializers.CharField(read_only=True, allow_null=True)
    changed_fields = serializers.ListField(child=serializers.CharField(), read_only=True)
    changed_labels = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="The same fields, in words."
    )
    summary = serializers.CharField(
        read_only=True, help_text="The edit summary: why the change was made."
    )

    @staticmethod
    def represent(entry, links: Links) -> dict:
        return {
            "history_id": entry.history_id,
            "date": entry.date.isoformat(),
            "user": entry.user,
            "type": entry.type,
            "object": entry.object,
            "revision": entry.revision,
            "party": entry.party,
            "party_name": entry.party_name,
            "changed_fields": list(entry.changed_fields),
            "changed_labels": list(entry.changed_labels),
            "summary": entry.summary,
        }
