"""API tokens sent as ``Authorization: Bearer <key>`` or ``Authorization: Token <key>``.

``Token`` is Django REST framework's own keyword, used by the scripts written so far;
``Bearer`` is what OpenAPI's HTTP bearer scheme means, and what generated clients send.
Both name the same key (``manage.py drf_create_token <user>``); the schema declares the
bearer scheme and says that ``Token`` works too.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

KEYWORDS = (b"bearer", b"token")
TOKEN_SCHEME = "tokenAuth"  # noqa: S105 -- the scheme's name in the schema, not a secret
TOKEN_HEADER_INVALID = (
    'The Authorization header must be "Bearer <key>" or "Token <key>": one key, no spaces.'  # noqa: S105 -- a message
)


class BearerOrTokenAuthentication(TokenAuthentication):
    # The 401 challenge keeps naming "Token", as it did before Bearer was accepted.
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(TOKEN_HEADER_INVALID)
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise AuthenticationFailed(TOKEN_HEADER_INVALID) from None
        return self.authenticate_credentials(key)


class BearerOrTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerOrTokenAuthentication
    name = TOKEN_SCHEME

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token: `Authorization: Bearer <key>` (or, equally, "
            "`Authorization: Token <key>`). Editors get theirs from an administrator "
            "(`manage.py drf_create_token <username>`). Reads need no credentials; writes "
            "need an editor's token or a logged-in session.",
        }
