"""A request whose text cannot be read is refused before anything reads it.

Django decodes query strings and form bodies leniently (an undecodable byte becomes U+FFFD)
and lets NUL through, which PostgreSQL then refuses with a server error. So before any
other middleware looks at the request, every query parameter, header, cookie and form field
(URL-encoded or multipart) must be UTF-8 text without NUL or other control characters
(core.input_text); otherwise the answer is a 400 naming the parameter, header, cookie or
field: JSON under /api/, a page elsewhere. JSON bodies are checked by the API's parser.
"""

import re
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.shortcuts import render

from core.input_text import CONTROL_CHARACTER, decode, printable, text_fault
from peaceplan.errors import body_limit, content_length, is_api, json_error

QUERY = "query parameter"
FORM = "form field"
HEADER = "header"
COOKIE = "cookie"
# What no header value may hold: C0 controls but tab, and DEL. (Bytes from 0x80 up are
# fine: WSGI hands UTF-8 bytes over as Latin-1 characters, C1 controls among them.)
HEADER_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Fault:
    kind: str  # QUERY, FORM, HEADER, COOKIE
    name: str
    message: str


class InputChecks:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fault = (
            query_fault(request)
            or header_fault(request)
            or cookie_fault(request)
            or body_fault(request)
        )
        if fault is not None:
            return refusal(request, fault)
        return self.get_response(request)


def refusal(request: HttpRequest, fault: Fault) -> HttpResponse:
    if is_api(request):
        return json_error(400, "invalid", fault.message, fault.name)
    context = {"kind": fault.kind, "name": fault.name, "message": fault.message}
    return render(request, "400_unreadable.html", context, status=400)


def query_fault(request: HttpRequest) -> Fault | None:
    # The query string as the client sent it: WSGI hands it over decoded as Latin-1.
    return fields_fault(as_sent(request.META.get("QUERY_STRING", "")), QUERY, encoding(request))


def header_fault(request: HttpRequest) -> Fault | None:
    for key, value in request.META.items():
        if not (key.startswith("HTTP_") or key == "CONTENT_TYPE") or not isinstance(value, str):
            continue
        found = HEADER_CONTROL.search(value)
        if found is not None:
            name = key.removeprefix("HTTP_").replace("_", "-").title()
            message = CONTROL_CHARACTER.format(character=f"U+{ord(found.group()):04X}")
            return Fault(HEADER, name, message)
    return None


def cookie_fault(request: HttpRequest) -> Fault | None:
    # A quoted cookie value may spell any character as an octal escape, NUL included; the
    # session cookie's value is looked up in the database.
    for name, value in request.COOKIES.items():
        message = text_fault(name) or text_fault(value)
        if message is not None:
            return Fault(COOKIE, printable(name), message)
    return None


def body_fault(request: HttpRequest) -> Fault | None:
    content_type = request.content_type or ""
    if content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    size = content_length(request)
    # Too large a body is RequestBodyLimit's to refuse (413), unread.
    limits = (body_limit(request), settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if not size or any(limit is not None and size > limit for limit in limits):
        return None
    if content_type == "multipart/form-data":
        return multipart_fault(request)
    return fields_fault(request.body, FORM, encoding(request))


def fields_fault(raw: bytes, kind: str, charset: str) -> Fault | None:
    """The first fault of URL-encoded fields ``raw`` (a query string or a form body)."""
    # Past the field limit Django refuses the request itself when it parses it (400).
    if raw.count(b"&") >= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
        return None
    for pair in raw.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        name, message = decode(unquote_to_bytes(raw_name.replace(b"+", b" ")), charset)
        if message is not None:
            return Fault(kind, printable(name), message)
        _, message = decode(unquote_to_bytes(raw_value.replace(b"+", b" ")), charset)
        if message is not None:
            return Fault(kind, name, message)
    return None


class DiscardFiles(FileUploadHandler):
    """Reads past uploaded files: only the text fields are checked here."""

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def multipart_fault(request: HttpRequest) -> Fault | None:
    charset = encoding(request)
    body = request.body
    try:
        # Latin-1 keeps every byte of a field's value, to be decoded strictly below. (The
        # names come from the part headers, which the parser reads as UTF-8, dropping a
        # part whose headers are not.)
        fields, _ = MultiPartParser(
            request.META, BytesIO(body), [DiscardFiles(request)], "latin-1"
        ).parse()
    except (MultiPartParserError, SuspiciousOperation):
        return None  # Django refuses it itself when the view reads the form.
    for name, values in fields.lists():
        message = text_fault(name)
        if message is not None:
            return Fault(FORM, printable(name), message)
        for value in values:
            _, message = decode(value.encode("latin-1"), charset)
            if message is not None:
                return Fault(FORM, name, message)
    return None


def encoding(request: HttpRequest) -> str:
    return request.encoding or settings.DEFAULT_CHARSET


def as_sent(value: str) -> bytes:
    """The bytes of a WSGI string as the client sent them (WSGI decodes them as Latin-1; an
    ASGI server has decoded them as UTF-8 already)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode()
