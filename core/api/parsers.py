"""The API's one body format, JSON, read without letting a hostile body crash the server."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

JSON_TOO_DEEP = (
    "JSON parse error - the body nests arrays or objects too deeply to read; the API's "
    "bodies are flat objects of fields."
)


class JSONBodyParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's JSON decoder recurses once per level of nesting.
            raise ParseError(JSON_TOO_DEEP) from None
