"""The OpenAPI schema's side of the API: the rules that make it read well in generated
clients and hold against a strict validator, applied to every operation, including those
added later, without per-operation work.

- Operation ids and tags name the resource: ``positions_list``, ``position_get``,
  ``position_update``, ``revision_diff`` (tag ``positions``, ``revisions`` ...), from the
  view set's name (``PositionViewSet``) and its action.
- Error responses: drf-spectacular documents only the success response; each operation
  gets the errors its kind can give, all with the one error body of
  ``peaceplan.api_exceptions``.
- Reads that an anonymous client may make declare ``security: []``: no credentials needed.
  (``[{}, {"tokenAuth": []}]`` says the same to a reader, but client generators such as
  openapi-python-client treat any non-empty list as "credentials required".) A token or
  session is still accepted there.
- Path parameters named as everywhere in the API (plan, clause, number, party) are
  described once, here.
- Each resource's example comes from the seed (``examples.json``, kept equal to what the
  API answers on the seed by ``tests/site/test_api_examples.py``).
- ``postprocess_schema`` (a drf-spectacular hook) makes filters use the shared enum
  components, expresses nullable references as ``oneOf`` (``allOf`` + ``nullable`` is not
  valid OpenAPI 3.0 for a strict validator), closes request bodies and every part of them to
  unknown fields (the API refuses them), marks the edit summary required, states errors as
  JSON whatever else an operation answers, and links each record's read and creation to
  its writes with its ETag as If-Match (``_LINKS``).
- Text in a request is stated as the server checks it: a field with a regular-expression
  validator has its pattern; a field may name a ``schema_pattern`` for a rule the server
  checks elsewhere (the draft's numbered points), a body ``schema_any_of`` for fields that
  depend on each other (a clause, or a new clause's title and topic), ``schema_one_of``
  for a choice of one (a report's text, or a stored source); a field that may not
  be blank has ``minLength: 1`` (and a pattern refusing spaces alone where the server trims
  them); the edit summary the pattern of ``core.api.inputs.edit_summary``'s rule; every
  other text parameter or field the server's refusal of control characters (tab and line
  breaks aside).
- A read answered conditionally (``read_stamp``) states its validators: ``ETag`` and
  ``Last-Modified`` on its 200, and ``If-None-Match`` with its 304 unless the resource is
  a writable record (whose ETag is its own, for If-Match, and which is never answered 304).
"""

import json
import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.validators import RegexValidator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from core.api.etag import ETAG_PATTERN, IF_NONE_MATCH_PATTERN
from core.api.idempotency import (
    IDEMPOTENCY_KEY_HEADER,
    KEY_PATTERN,
    MAX_KEY_LENGTH,
    RECORD_SECONDS,
    is_idempotent,
)
from core.api.inputs import (
    EDIT_SUMMARY_FIELD,
    EDIT_SUMMARY_PATTERN,
    HEADER_TEXT_PATTERN,
    NON_BLANK_PATTERN,
    READABLE_TEXT_PATTERN,
)

READ_ERRORS = {
    "400": "A query parameter is invalid (the body names it).",
    "401": "The credentials sent are invalid.",
    "404": "Nothing at this URL, or no such page.",
    "406": "The Accept header asks for a format the API does not serve.",
    "429": "Too many requests: wait as Retry-After says.",
}
WRITE_ERRORS = {
    **READ_ERRORS,
    "400": "The body is not valid JSON, a field is invalid, or the edit summary is missing.",
    "401": "Not logged in (send a token) or the credentials are invalid.",
    "403": "Logged in without permission to edit (editors only).",
    "409": "The database refused the change as it stands now; nothing was written.",
    "412": "If-Match is not the current ETag: someone saved in between. The body holds the "
    "current representation and the ETag header the current tag.",
    "415": "The body is not JSON.",
    "428": "If-Match is missing.",
}

PATH_PARAMETERS = {
    "plan": "The plan's slug, e.g. `ukraine-peace-framework`.",
    "clause": "The clause's slug, unique in its plan, e.g. `de-facto-lines`.",
    "number": "The revision's number in its plan: 1 for the first draft, then 2, 3 ...",
    "party": "The party's slug, e.g. `russia`.",
}

# What the generated method names say for DRF's actions; other actions keep their name.
ACTION_VERBS = {
    "retrieve": "get",
    "partial_update": "update",
    "update": "replace",
    "create": "create",
    "destroy": "delete",
}

NOT_MODIFIED = (
    "Not modified: the If-None-Match sent names what this read would answer now. No body."
)
READ_HEADERS = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "What this answer is, for If-None-Match (on a writable record: its "
        "version, for If-Match).",
    },
    "Last-Modified": {
        "schema": {"type": "string"},
        "description": "When what this read shows last changed (an HTTP date), when known.",
    },
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    {"type": "string", "pattern": IF_NONE_MATCH_PATTERN},
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of an answer you hold: if nothing changed since, the answer is "
    "304 with no body.",
)

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
EDIT_SUMMARY_MARK = "x-peaceplan-edit-summary"


class ErrorItemSerializer(serializers.Serializer):
    """One problem with a request."""

    field = serializers.CharField(
        allow_null=True,
        help_text='The field, query parameter or header at fault ("body" for the body as a '
        "whole, null when no one thing is at fault); nested fields are joined by dots.",
    )
    code = serializers.CharField(help_text='A machine-readable reason, e.g. "invalid_choice".')
    message = serializers.CharField(help_text="What is wrong and what to send instead.")


class ErrorSerializer(serializers.Serializer):
    """The body of every error: its status, its kind, and each problem found."""

    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text='The kind of error, e.g. "invalid", "not_found".')
    detail = serializers.CharField(help_text="The first problem, in one line.")
    # A declared field: DRF's metaclass takes it off the class, so Serializer.errors stays.
    errors = ErrorItemSerializer(many=True, help_text="Every problem found.")  # type: ignore[assignment]


class PreconditionFailedSerializer(ErrorSerializer):
    """A refused write: the resource changed since the If-Match the client sent."""

    etag = serializers.CharField(help_text="The resource's current ETag.")
    current = serializers.DictField(
        allow_null=True, help_text="The resource as it is now, as a GET would return it."
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": ETAG_PATTERN},
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag you read from a GET of this resource (its `etag` field holds it "
    "too). Required: a write without it is refused with 428, a stale one with 412.",
)

IDEMPOTENCY_KEY = OpenApiParameter(
    IDEMPOTENCY_KEY_HEADER,
    {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
    OpenApiParameter.HEADER,
    required=False,
    description="A key unique to this request (a UUID will do), to send it again safely: "
    f"within {RECORD_SECONDS // 3600} hours the same key and body get the first answer "
    "again (marked `Idempotent-Replayed: true`) and create nothing; another body is 422, "
    "and a repeat while the first is still being answered is 409. Only a success is "
    "remembered.",
)
IDEMPOTENT_ERRORS = {
    "400": f"{WRITE_ERRORS['400']} Or the {IDEMPOTENCY_KEY_HEADER} is empty, longer than "
    f"{MAX_KEY_LENGTH} characters or not printable ASCII.",
    "409": f"{WRITE_ERRORS['409']} Or a request with this {IDEMPOTENCY_KEY_HEADER} is still "
    "being answered: send it again after Retry-After.",
    "422": f"This {IDEMPOTENCY_KEY_HEADER} was sent with a different body.",
}


@cache
def seed_examples() -> dict[str, dict]:
    """Each resource's example, by the name of the serializer that declares it."""
    return json.loads(EXAMPLES_FILE.read_text())


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def resource_names(view) -> tuple[str, str] | None:
    """A view set's resource, singular and plural: ``resource_name`` if it sets one, else
    from its class name (``ClauseVersionViewSet``: clause_version, clause_versions)."""
    name = getattr(view, "resource_name", None)
    if name is None:
        match = re.fullmatch(r"(\w+)ViewSet", type(view).__name__)
        if match is None:
            return None
        name = _snake(match.group(1))
    plural = name[:-1] + "ies" if name.endswith("y") else name + "s"
    return name, plural


def _validator_pattern(field) -> str | None:
    """The pattern of a field's regular-expression validator (a RegexField's, a slug's), as
    the schema's pattern: the server's own rule, in the dialect JSON Schema reads."""
    for validator in field.validators:
        if isinstance(validator, RegexValidator) and not validator.inverse_match:
            regex = validator.regex
            pattern = regex if isinstance(regex, str) else regex.pattern
            return pattern.replace(r"\Z", "$").replace(r"\A", "^")
    return None


class ApiAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        if self._anonymous_may_call():
            operation["security"] = []
        if self._needs_edit_summary():
            # Read (and removed) by postprocess_schema, which marks the body's field required.
            operation[EDIT_SUMMARY_MARK] = True
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path" and not parameter.get("description"):
                parameter["description"] = PATH_PARAMETERS.get(parameter["name"], "")
        conditional = self._conditional_read()
        if conditional is not None:
            responses = operation["responses"]
            for code in ("200", "304") if conditional else ("200",):
                responses.setdefault(code, {"description": NOT_MODIFIED})
                responses[code].setdefault("headers", {}).update(READ_HEADERS)
        return operation

    def _conditional_read(self) -> bool | None:
        """None if this operation is no conditional read (core.api.base.ApiViewSet.initial);
        else whether it may be answered 304 (not on a writable record's read)."""
        if self.method != "GET":
            return None
        # The classes that define read_stamp, nearest first: the last declares it (answering
        # None, every read afresh); only a view set that overrides it reads conditionally.
        # (core.api.base uses this module, which so cannot import its ApiViewSet.)
        defining = [cls for cls in type(self.view).__mro__ if "read_stamp" in vars(cls)]
        if len(defining) < 2:
            return None
        # As ApiViewSet.initial tells a writable record's read.
        methods = {method.upper() for method in getattr(self.view, "action_map", None) or {}}
        retrieve = getattr(self.view, "action", None) == "retrieve"
        return not (retrieve and bool(methods - set(SAFE_METHODS)))

    def _map_basic_serializer(self, serializer, direction):
        result = super()._map_basic_serializer(serializer, direction)
        # A body whose fields depend on each other states which sets it needs
        # (``schema_any_of``: JSON Schema branches, one of which must hold).
        branches = getattr(serializer, "schema_any_of", None)
        if direction == "request" and branches:
            result["anyOf"] = [dict(branch) for branch in branches]
        # Or exactly one of them (``schema_one_of``: one thing or the other, never both).
        exclusive = getattr(serializer, "schema_one_of", None)
        if direction == "request" and exclusive:
            result["oneOf"] = [dict(branch) for branch in exclusive]
        return result

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        result = super()._map_serializer_field(field, direction, bypass_extensions)
        # What DRF's CharField refuses as blank ("", or spaces alone where it trims).
        if (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and not field.allow_blank
            and result.get("type") == "string"
        ):
            result.setdefault("minLength", 1)
            pattern = getattr(field, "schema_pattern", None) or _validator_pattern(field)
            if pattern:
                result["pattern"] = pattern
            elif field.trim_whitespace and "pattern" not in result and "format" not in result:
                result["pattern"] = NON_BLANK_PATTERN
        return result

    def _needs_edit_summary(self) -> bool:
        """Whether this write records a change, and so needs an edit summary."""
        exempt = getattr(self.view, "writes_without_edit_summary", ())
        action = getattr(self.view, "action", None)
        return self.method in ("POST", "PUT", "PATCH") and action not in exempt

    def _anonymous_may_call(self) -> bool:
        """Whether every permission of the view lets an anonymous client make this call."""
        if self.method not in SAFE_METHODS:
            return False
        # What a permission reads of a request: its method and its user.
        anonymous = cast(Request, SimpleNamespace(method=self.method, user=AnonymousUser()))
        try:
            return all(
                permission.has_permission(anonymous, self.view)
                for permission in self.view.get_permissions()
            )
        except Exception:  # noqa: BLE001 -- a permission that needs more of the request
            return False

    def get_operation_id(self):
        action = getattr(self.view, "action", None)
        names = resource_names(self.view)
        if action is None or names is None:
            return super().get_operation_id()
        singular, plural = names
        if action == "list":
            return f"{plural}_list"
        return f"{singular}_{ACTION_VERBS.get(action, action)}"

    def get_tags(self):
        names = resource_names(self.view)
        return [names[1].replace("_", " ")] if names else super().get_tags()

    def _success_serializer_name(self) -> str | None:
        """The name of the serializer class of the operation's success response."""
        response = self.get_response_serializers()
        if isinstance(response, dict):
            response = response[min(response, key=str)] if response else None
        response = getattr(response, "response", response)  # an OpenApiResponse
        response = getattr(response, "child", response)  # a list of them
        if response is None:
            return None
        return (response if isinstance(response, type) else type(response)).__name__

    def get_examples(self):
        serializer = self._success_serializer_name()
        value = seed_examples().get(serializer) if serializer else None
        if value is None:
            return []
        name = serializer.removesuffix("Serializer")
        return [
            OpenApiExample(
                f"{name} from the seed",
                value=value,
                response_only=True,
                status_codes=["200", "201"],
                description="As the API answers on the seed data (`make run`); long lists "
                "are cut to their first item.",
            )
        ]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        errors = WRITE_ERRORS if writes else READ_ERRORS
        if is_idempotent(self.view):
            errors = {**errors, **IDEMPOTENT_ERRORS}
        for code, description in errors.items():
            serializer = PreconditionFailedSerializer if code == "412" else ErrorSerializer
            response = self._get_response_for_code(serializer, code, direction=direction)
            response["description"] = description
            responses.setdefault(code, response)
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in ("POST", "PUT", "PATCH"):
            # A creation or a dry run has nothing read to match.
            exempt = getattr(self.view, "writes_without_if_match", ())
            if getattr(self.view, "action", None) not in exempt:
                parameters.append(IF_MATCH)
        if is_idempotent(self.view):
            parameters.append(IDEMPOTENCY_KEY)
        if self._conditional_read():
            parameters.append(IF_NONE_MATCH)
        return parameters


def _refs(schema: dict) -> set[str]:
    """The component names a schema refers to, directly or through its parts."""
    found = set()
    if isinstance(schema, dict):
        if "$ref" in schema:
            found.add(schema["$ref"].rsplit("/", 1)[-1])
        for value in schema.values():
            found |= _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _refs(value)
    return found


def _shared_enum_refs(parameters: list[dict], components: dict) -> None:
    """A parameter whose values are exactly those of an enum component refers to it, so
    that a generated client has one ``StanceEnum``, not one per filter."""
    enums = {
        frozenset(schema["enum"]) - {None, ""}: name
        for name, schema in components.items()
        if "enum" in schema and name not in ("NullEnum", "BlankEnum")
    }
    for parameter in parameters:
        values = parameter.get("schema", {}).get("enum")
        name = enums.get(frozenset(values or ()) - {None, ""})
        if values and name:
            parameter["schema"] = {"$ref": f"#/components/schemas/{name}"}
            # The component lists the values with their meaning; the parameter says what
            # it filters by.
            parameter["description"] = parameter.get("description", "").split("\n\n*")[0]
            if parameter["description"].startswith("*"):
                parameter["description"] = f"Only those with this {parameter['name']}."


def _nullable_refs(schema, components: dict) -> None:
    """``{"allOf": [ref], "nullable": true}`` becomes ``{"oneOf": [ref, NullEnum]}``."""
    if isinstance(schema, list):
        for item in schema:
            _nullable_refs(item, components)
        return
    if not isinstance(schema, dict):
        return
    for value in schema.values():
        _nullable_refs(value, components)
    if schema.get("nullable") and len(schema.get("allOf", ())) == 1 and "type" not in schema:
        schema["oneOf"] = [schema.pop("allOf")[0], {"$ref": "#/components/schemas/NullEnum"}]
        del schema["nullable"]
        components.setdefault("NullEnum", {"enum": [None]})


def _close_request_bodies(operations: list[dict], components: dict) -> None:
    """Request bodies refuse unknown fields (as the API does), and a write that records a
    change requires its edit summary (the X-Edit-Summary header may carry it instead; the
    body's field is what the schema can require)."""
    for operation in operations:
        needs_summary = operation.pop(EDIT_SUMMARY_MARK, False)
        body = operation.get("requestBody")
        if body is None:
            continue
        for content in body.get("content", {}).values():
            for name in _refs_within(content.get("schema", {}), components):
                component = components[name]
                if component.get("type") == "object" and "properties" in component:
                    component["additionalProperties"] = False
                summary = component.get("properties", {}).get(EDIT_SUMMARY_FIELD)
                if summary is not None and needs_summary:
                    summary.update(minLength=1, pattern=EDIT_SUMMARY_PATTERN)
                    required = {*component.get("required", ()), EDIT_SUMMARY_FIELD}
                    component["required"] = sorted(required)
                    body["required"] = True


def _readable(schema: dict, pattern: str = READABLE_TEXT_PATTERN) -> None:
    """A free text schema (no pattern, choices or format of its own) states the rule every
    text the server reads keeps: no control character but tab and line breaks; in a header,
    whose bytes are read as they come, no C0 control but tab, and no DEL
    (peaceplan.input_checks)."""
    if schema.get("type") == "string" and not {"pattern", "enum", "format"} & schema.keys():
        schema["pattern"] = pattern
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        _readable(schema["items"], pattern)


def _state_readable_text(operations: list[dict], components: dict) -> None:
    """Every text parameter (query, header, path) and every text field of a request body
    states the server's refusal of control characters, so that a client or a fuzzer
    reading the schema never sends text the server refuses as unreadable."""
    for operation in operations:
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header":
                _readable(parameter.get("schema", {}), pattern=HEADER_TEXT_PATTERN)
            else:
                _readable(parameter.get("schema", {}))
        for content in operation.get("requestBody", {}).get("content", {}).values():
            for name in _refs_within(content.get("schema", {}), components):
                component = components[name]
                for field in component.get("properties", {}).values():
                    _readable(field)
                    _readable_values(field)


def _refs_within(schema: dict, components: dict) -> set[str]:
    """The components a schema refers to, and those they refer to, all the way down."""
    found: set[str] = set()
    pending = _refs(schema)
    while pending:
        name = pending.pop()
        if name not in found and name in components:
            found.add(name)
            pending |= _refs(components[name])
    return found


def _readable_values(schema: dict) -> None:
    """A field that is a map states the rule for its values where they are text."""
    additional = schema.get("additionalProperties")
    if schema.get("type") == "object" and isinstance(additional, dict):
        _readable(additional)


# Where a client goes from an answer: OpenAPI links, which a generated client documents and
# a stateful fuzzer follows. From a record's read (or its creation) to its writes, with the
# path it names and the ETag it carries as If-Match; from a creation to its read.
# (operation, status) -> [(name, target operation, {target parameter: the answer's field})]
_LINKS: dict[tuple[str, str], list[tuple[str, str, dict[str, str]]]] = {}


def _links_of_record(
    read: str, writes: list[str], parameters: dict[str, str], creations: tuple[str, ...] = ()
) -> None:
    with_etag = {**parameters, "header.If-Match": "etag"}
    for source in ((read, "200"), *((creation, "201") for creation in creations)):
        _LINKS.setdefault(source, []).extend(
            (write, write, with_etag) for write in writes if write != source[0]
        )
        if source[0] != read:
            _LINKS[source].append((read, read, parameters))


_links_of_record(
    "plan_get",
    ["plan_update"],
    {"path.plan": "slug"},
    creations=("plan_create",),
)
_links_of_record(
    "revision_get",
    ["revision_update", "revision_clone", "clause_version_create", "draft_record"],
    {"path.plan": "plan", "path.number": "number"},
    creations=("revision_clone", "draft_record"),
)
_links_of_record(
    "clause_version_get",
    ["clause_version_update"],
    {"path.plan": "plan", "path.clause": "clause", "path.number": "revision"},
    creations=("clause_version_create",),
)
_links_of_record(
    "position_get",
    ["position_update"],
    {
        "path.plan": "plan",
        "path.clause": "clause",
        "path.number": "revision",
        "path.party": "party",
    },
    creations=("position_create", "position_record"),
)


def _link_reads_to_writes(paths: dict) -> None:
    """States ``_LINKS`` on the operations the schema has (a link to an operation it does
    not have is left out)."""
    operations = {
        operation["operationId"]: operation
        for path in paths.values()
        for method, operation in path.items()
        if method in ("get", "put", "post", "patch", "delete")
    }
    for (source, status), links in _LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        for name, target, fields in links:
            if target not in operations:
                continue
            response.setdefault("links", {})[name] = {
                "operationId": target,
                "parameters": {
                    parameter: f"$response.body#/{field}" for parameter, field in fields.items()
                },
            }


def _errors_as_json(operations: list[dict]) -> None:
    """An error is the API's one JSON error body whatever the operation answers otherwise
    (a CSV download's error too): its responses state JSON only."""
    for operation in operations:
        for code, response in operation.get("responses", {}).items():
            content = response.get("content")
            if code >= "400" and content and "application/json" in content:
                response["content"] = {"application/json": content["application/json"]}
            elif code >= "400" and content:
                response["content"] = {"application/json": next(iter(content.values()))}


def _describe_generated_components(components: dict) -> None:
    """Descriptions for the components drf-spectacular makes up (pages of a list, null)."""
    for name, component in components.items():
        match = re.fullmatch(r"Paginated(\w+)List", name)
        if match and not component.get("description"):
            component["description"] = (
                f"One page of {match.group(1)} items, with the links to the pages beside it."
            )
    if "NullEnum" in components:
        components["NullEnum"].setdefault("description", "No value.")
    if "BlankEnum" in components:
        components["BlankEnum"].setdefault("description", "The empty string: no value.")


def postprocess_schema(result, generator, request, public):
    components = result.get("components", {}).get("schemas", {})
    operations = [
        operation
        for path in result.get("paths", {}).values()
        for method, operation in path.items()
        if method in ("get", "put", "post", "patch", "delete")
    ]
    for operation in operations:
        _shared_enum_refs(operation.get("parameters", []), components)
    _nullable_refs(components, components)
    _close_request_bodies(operations, components)
    _state_readable_text(operations, components)
    _errors_as_json(operations)
    _link_reads_to_writes(result.get("paths", {}))
    _describe_generated_components(components)
    return result
