"""The OpenAPI schema's side of the API: error bodies documented on every operation.

Clients (and the schema test run in the suite) need to know that a bad filter is a 400 with
a JSON body, a stale If-Match a 412, and so on; drf-spectacular documents only the success
response by itself, so this AutoSchema adds the error responses each kind of operation can
give, all with the one error body of ``peaceplan.api_exceptions``.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .etag import ETAG_PATTERN

READ_ERRORS = {
    "400": "A query parameter is invalid (the body names it).",
    "401": "The credentials sent are invalid.",
    "404": "Nothing at this URL, or no such page.",
    "406": "The Accept header asks for a format the API does not serve.",
    "429": "Too many requests from an anonymous client: wait as Retry-After says.",
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


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True,
        help_text='The field, query parameter or header at fault ("body" for the body as a '
        "whole, null when no one thing is at fault); nested fields are joined by dots.",
    )
    code = serializers.CharField(help_text='A machine-readable reason, e.g. "invalid_choice".')
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(help_text='The kind of error, e.g. "invalid", "not_found".')
    detail = serializers.CharField(help_text="The first problem, in one line.")
    errors = ErrorItemSerializer(many=True)


class PreconditionFailedSerializer(ErrorSerializer):
    etag = serializers.CharField(help_text="The resource's current ETag.")
    current = serializers.DictField(
        allow_null=True, help_text="The resource as it is now, as a GET would return it."
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": ETAG_PATTERN},
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag you read from a GET of this resource. Required: a write without "
    "it is refused with 428, a stale one with 412.",
)
EDIT_SUMMARY = OpenApiParameter(
    "X-Edit-Summary",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Why you made the change (the edit summary), if the body has no summary; "
    "percent-encode non-ASCII text.",
)


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        for code, description in (WRITE_ERRORS if writes else READ_ERRORS).items():
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
            parameters.append(EDIT_SUMMARY)
        return parameters
