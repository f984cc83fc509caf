"""How the API's resources are documented: the fields of each, for the OpenAPI schema
only. The data comes from ``clauses.representations`` (one builder per resource, shared
with exports and feeds); the schema run in the test suite checks that every response
still matches the fields documented here.

Each serializer declares what its builder writes around the resource's own fields (links,
where it stands); the own fields are those clauses/fields.py declares, documented from
their model fields (``documents``).
"""

from rest_framework import serializers

from clauses import representations
from clauses.fields import CLAUSE, CLAUSE_VERSION, PLAN, POSITION, REVISION
from clauses.text_languages import TEXT_KINDS
from clauses.vocabularies import ClauseStatus, Stance, Topic
from core.api.declared import documents
from core.api.serializers import ReadSerializer


def _url(**kwargs):
    return serializers.URLField(read_only=True, **kwargs)


class StanceSerializer(serializers.Serializer):
    """A stance on the ordinal scale: its name, its label, and its value."""

    name = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    # A declared field, which DRF moves off the class: it does not replace Field.label,
    # as the stubs take it to.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    value = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Ordinal: supports 2, conditional 1, ambiguous 0, opposes -1, red line -2; "
        "null for unknown.",
    )


def _stance() -> dict:
    return {"stance": StanceSerializer(read_only=True)}


@documents(POSITION, after="party_url", special={"stance": _stance})
class PositionSerializer(ReadSerializer):
    """A party's position on a clause as worded in one revision, with its source.
    Writable by editors (send `etag` as If-Match)."""

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

    represent = staticmethod(representations.position_data)


class TextLanguageSerializer(serializers.Serializer):
    """A language a clause version has a text in: its original, or a translation."""

    code = serializers.CharField(read_only=True, help_text="ISO 639-1.")
    name = serializers.CharField(read_only=True, help_text="In its own script.")
    original = serializers.BooleanField(read_only=True, help_text="The text as recorded.")
    official = serializers.BooleanField(
        read_only=True,
        help_text="Published by a party or the negotiators (always true of the original).",
    )
    stale = serializers.BooleanField(
        read_only=True, help_text="A translation made before the original's wording changed."
    )


def _text_languages() -> dict:
    """A clause version's text in the language read (``lang``), what it is, and the
    languages it has (clauses/text_languages.py)."""
    return {
        "text": serializers.CharField(
            read_only=True,
            help_text="In the language asked for (lang) where it has a text in it, else the "
            "original.",
        ),
        "text_language": serializers.CharField(
            read_only=True, help_text="The language `text` is in (ISO 639-1)."
        ),
        "translation_status": serializers.ChoiceField(
            choices=list(TEXT_KINDS),
            read_only=True,
            help_text="original: the original was asked for; official or unofficial: a "
            "translation; missing: none in the language asked for, so the original.",
        ),
        "translation_stale": serializers.BooleanField(
            read_only=True, help_text="A translation made before the original's wording changed."
        ),
        "languages": TextLanguageSerializer(
            many=True, read_only=True, help_text="Every language it has a text in, original first."
        ),
    }


@documents(CLAUSE_VERSION, after="topic", special={"text": _text_languages})
class ClauseVersionSerializer(ReadSerializer):
    """A clause as worded in one revision, with every party's position on it. Writable
    by editors (send `etag` as If-Match)."""

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
    positions = PositionSerializer(many=True, read_only=True)

    represent = staticmethod(representations.clause_version_data)


def _pointing_to(name: str, field: serializers.Field):
    """A revision's field that names another record (see ``revision_data``), with its link."""

    def fields() -> dict:
        return {name: field, f"{name}_url": _url(allow_null=True)}

    return fields


@documents(
    REVISION,
    after="plan_url",
    special={
        "proposed_by": _pointing_to(
            "proposed_by", serializers.SlugField(read_only=True, allow_null=True)
        ),
        "previous": _pointing_to(
            "previous",
            serializers.IntegerField(
                read_only=True, allow_null=True, help_text=REVISION.help_text("previous")
            ),
        ),
    },
)
class RevisionSerializer(ReadSerializer):
    """A revision (draft) of a plan: its label, date, status, provenance and source, and
    the revision it continues."""

    url = _url()
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to edit.")
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    plan_url = _url()
    diff_url = _url(
        allow_null=True,
        help_text="The diff against the revision it continues; null for a revision that "
        "continues none.",
    )
    clone_url = _url(help_text="POST here to start a new revision as a copy of this one.")
    fingerprint = serializers.CharField(
        read_only=True,
        help_text="SHA-256 (hexadecimal) of the revision's content and of "
        "`previous_fingerprint`; docs/api.md says how to recompute it from this JSON.",
    )
    fingerprint_short = serializers.CharField(
        read_only=True, help_text="The fingerprint's first 12 digits, as pages show it."
    )
    previous_fingerprint = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The fingerprint the revision it continues had when this one's was "
        "computed (its current one or an earlier one); null when it continues none.",
    )

    represent = staticmethod(representations.revision_data)


class RevisionDetailSerializer(RevisionSerializer):
    """A revision with its clause versions in draft order, each with every party's
    position. Writable by editors (send `etag` as If-Match)."""

    clause_versions = ClauseVersionSerializer(
        many=True, read_only=True, help_text="In draft order, each with every party's position."
    )

    represent = staticmethod(representations.revision_detail_data)


class ClauseVersionSummarySerializer(ReadSerializer):
    """A clause in one revision, in brief: its number, place and status there."""

    url = _url()
    revision = serializers.IntegerField(read_only=True)
    revision_url = _url()
    number = serializers.CharField(read_only=True)
    position_in_draft = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=ClauseStatus.choices, read_only=True)

    # Only ever nested: clause_data calls it with the clause's plan and slug besides.
    represent = staticmethod(representations.clause_version_summary_data)  # type: ignore[assignment]


@documents(CLAUSE, after="plan_url")
class ClauseSerializer(ReadSerializer):
    """A clause of a plan, one subject followed across the drafts, with its number and
    status in each revision that holds it."""

    url = _url()
    version = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    plan_url = _url()
    history_url = _url()
    # Declared in full by ClauseDetailSerializer (many=True makes either a ListSerializer).
    versions: serializers.BaseSerializer = ClauseVersionSummarySerializer(
        many=True, read_only=True, help_text="The clause in each revision that holds it."
    )

    represent = staticmethod(representations.clause_data)


class ClauseDetailSerializer(ClauseSerializer):
    """A clause with its full wording in each revision that holds it and the positions
    on each."""

    versions = ClauseVersionSerializer(
        many=True,
        read_only=True,
        help_text="The clause as worded in each revision that holds it, with the positions.",
    )

    represent = staticmethod(representations.clause_detail_data)


@documents(PLAN, after="version")
class PlanSerializer(ReadSerializer):
    """A peace plan, with links to its revisions, clauses and the positions in its
    latest revision. Writable by editors (send `etag` as If-Match)."""

    url = _url()
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to edit.")
    version = serializers.IntegerField(read_only=True)
    revision_count = serializers.IntegerField(read_only=True)
    latest_revision = serializers.IntegerField(read_only=True, allow_null=True)
    latest_revision_url = _url(allow_null=True)
    revisions_url = _url()
    clauses_url = _url()
    positions_url = _url(help_text="The positions in the plan's latest revision.")

    represent = staticmethod(representations.plan_data)


class HistoryEntrySerializer(ReadSerializer):
    """One saved change to a clause, its wording in a revision, or a position on it:
    who, when, what and why."""

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

    represent = staticmethod(representations.history_entry_data)
