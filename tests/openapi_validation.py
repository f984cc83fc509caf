"""Strict validation of JSON bodies against the API's own OpenAPI 3.0 schema, with
openapi-schema-validator (OpenAPI 3.0 semantics: ``nullable``, formats) rather than the
lenient checks of a generic JSON Schema validator."""

import re

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:peaceplan-api"


class SchemaValidator:
    def __init__(self, schema: dict):
        self.schema = schema
        self.registry = Registry().with_resource(
            SPEC_URI, Resource.from_contents(schema, default_specification=DRAFT4)
        )
        self.paths = [
            (re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", path) + "$"), path)
            for path in schema["paths"]
        ]

    def errors(self, value, pointer: str) -> list[str]:
        """What is wrong with ``value`` as the schema at JSON pointer ``pointer``."""
        validator = OAS30Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"},
            registry=self.registry,
            format_checker=oas30_format_checker,
        )
        return [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(value)
        ]

    def component_errors(self, value, name: str) -> list[str]:
        return self.errors(value, f"/components/schemas/{name}")

    def template(self, path: str) -> str | None:
        """The schema's path that ``path`` is an instance of."""
        return next((template for pattern, template in self.paths if pattern.match(path)), None)

    def response_errors(
        self, method: str, path: str, status: int, body, media_type: str = "application/json"
    ) -> list[str]:
        """What is wrong with a response: an undocumented operation, status or media type,
        or a body that is not what the schema says it is."""
        template = self.template(path)
        if template is None:
            return [f"{path}: no such path in the schema"]
        operation = self.schema["paths"][template].get(method.lower())
        if operation is None:
            return [f"{method} {template}: no such operation in the schema"]
        if str(status) not in operation["responses"]:
            return [f"{method} {template}: status {status} is not documented"]
        content = operation["responses"][str(status)].get("content")
        if content is None:
            return [] if body is None else [f"{method} {template} {status}: undocumented body"]
        if media_type not in content:
            return [f"{method} {template} {status}: {media_type} is not documented"]
        escaped = template.replace("~", "~0").replace("/", "~1")
        kind = media_type.replace("~", "~0").replace("/", "~1")
        pointer = f"/paths/{escaped}/{method.lower()}/responses/{status}/content/{kind}/schema"
        return self.errors(body, pointer)
