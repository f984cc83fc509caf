"""Settings for peaceplan, in one module driven by environment variables.

Nothing set: ``manage.py`` runs a development site on a SQLite file beside it, DEBUG on
(peaceplan/development.py); a server started with nothing set refuses to start.
Production: DEBUG off (the default here), DATABASE_URL pointing at PostgreSQL, SECRET_KEY
and ALLOWED_HOSTS set; a missing one stops start-up.

The environment is read with django-environ, held to the rules of ``SettingsEnv``: a
value that does not parse stops start-up with a message naming its variable.
"""

import io
import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from peaceplan.logging_setup import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

# The lines environ.Env.read_env takes; it passes over any other with a log message, which
# would leave a mistyped variable silently unset.
ENV_FILE_LINE = re.compile(r"(?:export )?[A-Za-z_0-9]+=.*")
MALFORMED_ENV_FILE_LINE = "{path}, line {number}: expected NAME=value, got {line!r}."

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
# Completed by SettingsEnv with the variable's name in front.
NOT_A_BOOLEAN = "must be one of {words}, not {raw!r}."
NOT_A_WHOLE_NUMBER = "must be a whole number, not {raw!r}."
# The scheme only: the rest of a URL may hold a password.
NOT_A_DATABASE_URL = (
    "{name} must be a database URL such as postgres://user@host:5432/peaceplan or "
    "sqlite:////path/to/db.sqlite3, not one with the scheme {scheme!r}."
)
NOT_A_CACHE_URL = (
    "{name} must start with redis://, rediss://, db://, locmem:// or dummy://, not one with "
    "the scheme {scheme!r}."
)
NOT_TRUSTED_PROXIES = (
    "TRUSTED_PROXIES must be a number of proxies (e.g. 1) or comma-separated addresses or "
    "networks (e.g. 10.0.0.5,10.1.0.0/16), not {item!r}."
)
NOT_ADDRESSES = (
    "{name} must be comma-separated addresses or networks (e.g. 127.0.0.1,10.0.0.0/8), "
    "not {item!r}."
)
SECRET_KEY_NOT_SET = (
    "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "  # noqa: S105 -- a message
    "string, or set DEBUG=1 for local development."
)
ALLOWED_HOSTS_NOT_SET = (
    "ALLOWED_HOSTS is not set. Set it to the comma-separated host names the site answers on "
    "(e.g. ALLOWED_HOSTS=peaceplan.example.org), or set DEBUG=1."
)
DEFAULT_CACHE_TABLE = "peaceplan_cache"


def read_env_file(path: Path) -> None:
    """Fill in the environment from a ``NAME=value`` file, if there is one.

    ``make run`` and ``make test`` write ``.env`` with ``DEBUG=1`` in a development
    checkout, so every ``manage.py`` command there works without flags; a deployment has
    no such file and must set its variables. A variable already set always wins.
    """
    if not path.is_file():
        return
    # Blanks around a line are forgiven, as they always were; read_env would pass over an
    # indented line and keep trailing blanks in a value.
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    for number, line in enumerate(lines, start=1):
        if line and not line.startswith("#") and not ENV_FILE_LINE.fullmatch(line):
            raise ImproperlyConfigured(
                MALFORMED_ENV_FILE_LINE.format(path=path, number=number, line=line)
            )
    environ.Env.read_env(io.StringIO("\n".join(lines)))


def boolean_word(raw: str) -> bool:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(NOT_A_BOOLEAN.format(words=sorted(TRUE_WORDS | FALSE_WORDS), raw=raw))


def whole_number(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(NOT_A_WHOLE_NUMBER.format(raw=raw)) from None


class SettingsEnv(environ.Env):
    """environ.Env held to what these settings promise.

    A value that does not parse stops start-up with a message naming its variable. A
    boolean is one of a few words, never a guess: environ's own reads any other word
    ("maybe" too) as false. A blank number or cache URL means its default, as though unset
    (a compose file's ``NAME=``). List items are trimmed, blank ones dropped.
    """

    NOTSET = environ.Env.NOTSET

    # The cache URLs these settings have always taken, and only those. Redis goes to
    # django-redis: it keeps one Redis client per server for the cache, where Django's own
    # backend makes one for every operation (about a round trip's time with redis-py 7),
    # and one connection pool per URL for the process.
    # While Redis cannot be reached, RedisWithFallback counts in local memory per process
    # instead of failing requests (peaceplan/cache_fallback.py).
    CACHE_SCHEMES = {
        "redis": "peaceplan.cache_fallback.RedisWithFallback",
        "rediss": "peaceplan.cache_fallback.RedisWithFallback",
        "db": "django.core.cache.backends.db.DatabaseCache",
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "dummy": "django.core.cache.backends.dummy.DummyCache",
    }

    def get_value(self, var, cast=None, default=NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ValueError as error:
            raise ImproperlyConfigured(f"{var} {error}") from None

    def is_blank(self, var):
        return not self.str(var, default="").strip()

    def bool(self, var, default=NOTSET):
        return self.get_value(var, cast=boolean_word, default=default)

    def int(self, var, default=NOTSET):
        if default is not self.NOTSET and self.is_blank(var):
            return default
        return self.get_value(var, cast=whole_number, default=default)

    def list(self, var, cast=None, default=NOTSET):
        items = [item for item in self.get_value(var, cast=[str.strip], default=default) if item]
        return [cast(item) for item in items] if cast else items

    def db_url(self, var=environ.Env.DEFAULT_DATABASE_ENV, default=NOTSET, engine=None):
        # environ's own turns an unknown scheme into an engine of that name, or a blank URL
        # into no database at all, each failing later with no word of the variable.
        scheme = urlsplit(self.str(var, default=default)).scheme
        if scheme not in self.DB_SCHEMES:
            raise ImproperlyConfigured(NOT_A_DATABASE_URL.format(name=var, scheme=scheme))
        return super().db_url(var, default=default, engine=engine)

    def cache_url(self, var=environ.Env.DEFAULT_CACHE_ENV, default=NOTSET, backend=None):
        if default is not self.NOTSET and self.is_blank(var):
            url = default
        else:
            url = self.str(var, default=default)
        scheme = urlsplit(url).scheme
        if scheme not in self.CACHE_SCHEMES:
            raise ImproperlyConfigured(NOT_A_CACHE_URL.format(name=var, scheme=scheme))
        cache = self.cache_url_config(url, backend=backend)
        if scheme == "db" and not cache["LOCATION"]:
            # db:///name as well as db://name, and db:// alone for the usual table.
            cache["LOCATION"] = urlsplit(url).path.strip("/") or DEFAULT_CACHE_TABLE
        return cache


def addresses(name: str, items: list[str]) -> list[str]:
    """Addresses and networks, each checked."""
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(NOT_ADDRESSES.format(name=name, item=item)) from None
    return items


def trusted_proxies(items: list[str]) -> int | list[str]:
    """How many proxies stand in front of the app (a number), or their addresses and
    networks; none when empty."""
    if len(items) == 1 and items[0].isdigit():
        return int(items[0])
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(NOT_TRUSTED_PROXIES.format(item=item)) from None
    return items


read_env_file(BASE_DIR / ".env")
env = SettingsEnv()

DEBUG = env.bool("DEBUG", default=False)

# Read as it is set: environ.Env takes a value beginning with "$" for the name of another
# variable to read instead, and one in fifty of the keys Django generates begins with one.
SECRET_KEY = env.ENVIRON.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(SECRET_KEY_NOT_SET)
    # Development only: a key that is never used with DEBUG off.
    SECRET_KEY = "django-insecure-development-key-not-for-production"  # noqa: S105 -- DEBUG only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(ALLOWED_HOSTS_NOT_SET)
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # The apps, each above the ones it imports (import-linter contracts in pyproject.toml).
    "core",
    "parties",
    "sources",
    "clauses",
    "translations",
    "comparison",
    "drafting",
    "publishing",
    "search",
    "statements",
    "generator",
]

# The language clause texts are recorded in as originals; translations are recorded beside
# them in any other (translations/, docs/decisions.md "Parallel texts").
ORIGINAL_TEXT_LANGUAGE = env.str("ORIGINAL_TEXT_LANGUAGE", default="en")

MIDDLEWARE = [
    # A request id for the response and every log line, then the access log line, both
    # around everything else (peaceplan.request_ids, peaceplan.request_log).
    "peaceplan.request_ids.RequestIds",
    "peaceplan.request_log.AccessLog",
    # /healthz and /readyz, answered before host checks, redirects, sessions and limits
    # (peaceplan.health); /metrics when enabled, and the counts (peaceplan.metrics).
    "peaceplan.health.HealthProbes",
    "peaceplan.metrics.Metrics",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (peaceplan.security).
    "peaceplan.security.SecurityHeaders",
    # TRACE is 405 everywhere, before anything could answer it (peaceplan.security).
    "peaceplan.security.RefuseTrace",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before every middleware that reads or writes the body, so it compresses the final one.
    "core.compression.GZipUnlessSecretMiddleware",
    # Before anything reads the request: a parameter, header, cookie or form field that is
    # not UTF-8 text, or holds NUL or another control character, is a 400 naming it.
    "peaceplan.input_checks.InputChecks",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface's language: the reader's choice (a cookie set by the switcher in the
    # page header, django.views.i18n.set_language), else the browser's Accept-Language;
    # the API keeps the default language (peaceplan.language).
    "peaceplan.language.InterfaceLanguage",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Errors under /api/ as JSON, whoever answered them; before anything reads the body,
    # too large a body is a 413 (peaceplan.errors).
    "peaceplan.errors.ApiErrorsAsJson",
    "peaceplan.errors.RequestBodyLimit",
    # A database that does not answer: a 503 with Retry-After (peaceplan.database_down).
    "peaceplan.database_down.DatabaseUnavailable",
    # Per-client limits on pages and downloads, after authentication so that a signed-in
    # reader past the limit is let through (peaceplan.page_limits).
    "peaceplan.page_limits.PageRateLimit",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the logged-in user as history_user of every change made in a request.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "peaceplan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peaceplan.security.csp_nonce",
            ],
            # Templates are read once and kept, but afresh while DEBUG is on.
            "loaders": [
                (
                    "core.template_loaders.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
        },
    },
    {
        # The markup the long pages repeat thousands of times: templates/**/*.jinja, called
        # from Python and template tags (core/jinja2.py). Autoescaping on; a template is read
        # again once edited while DEBUG is on.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
]

WSGI_APPLICATION = "peaceplan.wsgi.application"

# SQLite beside manage.py unless DATABASE_URL says otherwise
# (e.g. postgres://postgres@127.0.0.1:5432/peaceplan). How long a connection is kept, and
# its check before reuse, come from here, not from the URL.
connection_reuse = {
    "CONN_MAX_AGE": env.int("DB_CONN_MAX_AGE", default=60),
    "CONN_HEALTH_CHECKS": True,
}
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    | connection_reuse
}
# A PostgreSQL that cannot be reached fails a request after DB_CONNECT_TIMEOUT seconds (a
# 503 to retry, peaceplan/database_down.py), not after the system's minutes; a
# connect_timeout in the URL wins.
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=5)

# A read replica (PostgreSQL streaming replication, say): reads go there, writes and the
# reads inside a write's transaction to the primary (peaceplan/db_router.py). In tests the
# alias mirrors the primary, so the two names reach one database.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL") | connection_reuse
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["peaceplan.db_router.PrimaryReplicaRouter"]
    # Whoever wrote reads from the primary for this long after (read-your-writes while
    # the replica catches up), noted in the shared cache; after authentication.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "peaceplan.db_router.PinAfterWrite",
    )
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
for database in DATABASES.values():
    if database["ENGINE"].startswith("django.db.backends.postgresql"):
        database.setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)

# DATABASE_POOLER=pgbouncer: PgBouncer in transaction mode between the app and PostgreSQL
# (both URLs point at it). A server connection serves one transaction, then another
# client: a server-side cursor (a streamed export's) would outlive its transaction there,
# and a connection kept between requests would hold a client slot for nothing, so neither.
DATABASE_POOLER = env.str("DATABASE_POOLER", default="").strip().lower()
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured(
        f"DATABASE_POOLER must be pgbouncer or empty, not {DATABASE_POOLER!r}."
    )
if DATABASE_POOLER == "pgbouncer":
    for database in DATABASES.values():
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        database["CONN_MAX_AGE"] = 0

# SQLite serving several editors at once (the `make run` default): WAL lets readers go on
# while one request writes; a write transaction takes the write lock when it begins
# (IMMEDIATE), so two transactions never both read and then fail to upgrade to writing
# ("database is locked"); a request that finds the lock taken waits for it up to
# SQLITE_BUSY_TIMEOUT seconds instead of failing at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the API's throttle counts and the login failure counts, so every app
# process must share it: Redis in production (CACHE_URL=redis://127.0.0.1:6379/0), or the
# database (CACHE_URL=db://peaceplan_cache, after `manage.py createcachetable`); local
# memory, per process, is the default for `make run`.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmem://")}
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="peaceplan")
# A Redis that hangs holds no request longer than this (seconds): the operation falls
# back to local memory (peaceplan/cache_fallback.py).
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)
if CACHES["default"]["BACKEND"] == SettingsEnv.CACHE_SCHEMES["redis"]:
    CACHES["default"]["OPTIONS"] = {
        "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
        "SOCKET_TIMEOUT": REDIS_TIMEOUT,
    }

# Anonymous readers' pages kept in the cache under the plan's change stamp
# (core/conditional.py); off, every read is rendered (the benchmark's cold runs).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# After a write commits, the plan's overview and the home page are drawn into the page
# cache by a thread of the writing process (core/page_fill.py), so the readers after the
# write find them there; off, their first reader draws them.
PAGE_FILL = env.bool("PAGE_FILL", default=True)

# The client address that throttles and login limits count by: REMOTE_ADDR, unless
# TRUSTED_PROXIES names the proxies in front of the app (see peaceplan.clients); only then
# is X-Forwarded-For believed, and only the part those proxies wrote.
TRUSTED_PROXIES = trusted_proxies(env.list("TRUSTED_PROXIES", default=[]))

# Requests a client may make outside the API, counted by address in the cache
# (peaceplan.page_limits): pages, and downloads (exports, feeds, pictures). Signed-in
# readers are never refused.
PAGE_RATE = env.str("PAGE_RATE", default="600/minute")
DOWNLOAD_RATE = env.str("DOWNLOAD_RATE", default="120/minute")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A confirmed paste posts a few fields per point (up to drafting.parse.MAX_POINTS
# points); Django's default cap of 1,000 fields would refuse a long draft before the view
# could say anything about it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Request bodies. An API body is capped at API_MAX_BODY_BYTES (2 MB): room for a draft of
# the most a draft may hold (drafting.parse.MAX_DRAFT_CHARS) even with every
# character JSON-escaped. A page's body at PAGE_MAX_BODY_BYTES (10 MB), far above what the
# paste form accepts, so an over-long paste gets the form's own message with the text
# kept. Beyond either limit: a 413 (peaceplan.errors).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("PAGE_MAX_BODY_BYTES", default=10 * 1024 * 1024)

# Login limits (peaceplan.login_limits): after this many failed log-ins for one username,
# or from one address (higher: several people may share an office's address), tries are
# refused for LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURES_PER_USERNAME = env.int("LOGIN_FAILURES_PER_USERNAME", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
# The interface's languages (the text of the clauses is data, in the languages recorded).
# Dates and numbers are formatted per language (Django's formats for each). The catalogues
# are locale/<code>/LC_MESSAGES/django.po, compiled to .mo at install
# (`manage.py compile_translations`, run by `make install`).
LANGUAGES = [("en-gb", "English"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "core.api.authentication.BearerOrTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "peaceplan.throttling.AnonymousRateThrottle",
        "peaceplan.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="1200/minute"),
    },
    "EXCEPTION_HANDLER": "peaceplan.api_exceptions.api_exception_handler",
    # JSON only in production: the browsable API's inline styles break the site's CSP.
    # Views that add a renderer (the positions list's CSV) keep it (core.api.negotiation).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.ApiContentNegotiation",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "peaceplan API",
    "DESCRIPTION": "Clauses of peace plans through their drafts, each party's position on "
    "each, and what changed between any two drafts. Reads need no credentials; writes need "
    "an editor's token (`Authorization: Bearer <key>` or `Token <key>`) and the resource's "
    "ETag in `If-Match`. Lists are paginated: follow `next` until it is null."
    "\n\nBeside the API, every table page of the site downloads as data with its filters "
    "(format=csv or format=json on the page's URL), and plans, clauses and parties have "
    "Atom feeds:\n\n"
    "    curl -OJ 'https://HOST/plans/PLAN/?topic=territory&format=csv'\n"
    "    curl 'https://HOST/plans/PLAN/feed/'\n"
    "    curl 'https://HOST/plans/PLAN/clauses/CLAUSE/feed/'\n"
    "    curl 'https://HOST/parties/PARTY/feed/'\n\n"
    "The positions list answers CSV too: see its format parameter.",
    # Versioning (docs/api.md, "Versioning"): additions inside /api/v1/ bump the minor number;
    # a change that could break a client needs /api/v2/.
    "VERSION": "1.4.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc assets come from drf-spectacular-sidecar: served by the app, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Each vocabulary is one enum component, under one name, wherever its values appear
    # (fields, diff fields, filters): a generated client has one StanceEnum.
    "ENUM_NAME_OVERRIDES": {
        "RevisionStatusEnum": "clauses.vocabularies.RevisionStatus",
        "ClauseStatusEnum": "clauses.vocabularies.ClauseStatus",
        "StanceEnum": "clauses.vocabularies.Stance",
        "TopicEnum": "clauses.vocabularies.Topic",
        "ProvenanceEnum": "clauses.vocabularies.Provenance",
        "PartyKindEnum": "parties.models.PartyKind",
        "SourceKindEnum": "sources.vocabularies.SourceKind",
        "SourceLanguageEnum": "sources.vocabularies.Language",
        "DatePrecisionEnum": "sources.vocabularies.DatePrecision",
        "QuoteCheckEnum": "sources.vocabularies.QuoteCheck",
        "TextLanguageEnum": "translations.languages.CHOICES",
        "TextKindEnum": "clauses.text_languages.TEXT_KINDS",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.postprocess_schema",
    ],
    "TAGS": [
        {"name": "plans", "description": "Peace plans, each a series of numbered drafts."},
        {
            "name": "revisions",
            "description": "A plan's drafts (revisions), the diff between any two, and "
            "recording the next one.",
        },
        {
            "name": "clauses",
            "description": "The subjects a plan deals with, followed across its drafts, "
            "with their edit history.",
        },
        {
            "name": "drafts",
            "description": "Recording a draft from its text: align it with the revision it "
            "continues (a dry run), then record it.",
        },
        {"name": "clause versions", "description": "A clause as worded in one draft."},
        {
            "name": "positions",
            "description": "Where each party stands on each clause version, with its source.",
        },
        {"name": "parties", "description": "States, blocs and organizations taking positions."},
        {
            "name": "translations",
            "description": "Clause texts in other languages than the original: official or "
            "not, stale when the original changed after them.",
        },
    ],
}

# simple-history: who made a change is taken from the request; history is read-only.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (peaceplan.security): enforced, or only reported with
# CSP_REPORT_ONLY=1 while trying a change to it.
CSP_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)

# Logs: plain text, or one JSON object per line with LOG_FORMAT=json; every line names
# its request's id (peaceplan.logging_setup). ACCESS_LOG: one line per request at INFO
# (peaceplan.request_log); off by default in development, where runserver prints its own.
LOG_FORMAT = env.str("LOG_FORMAT", default="text").strip().lower()
ACCESS_LOG = env.bool("ACCESS_LOG", default=not DEBUG)
try:
    LOGGING = logging_config(
        level=env.str("LOG_LEVEL", default="WARNING"), log_format=LOG_FORMAT, access_log=ACCESS_LOG
    )
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None

# /readyz: how long the cache may take to answer before it is reported down (seconds).
READY_TIMEOUT_SECONDS = env.float("READY_TIMEOUT_SECONDS", default=2.0)

# /metrics (peaceplan.metrics): off unless METRICS_ENABLED; served to the addresses in
# METRICS_ALLOWED, or to a scraper sending "Authorization: Bearer <METRICS_TOKEN>".
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
METRICS_ALLOWED = addresses(
    "METRICS_ALLOWED", env.list("METRICS_ALLOWED", default=["127.0.0.1", "::1"])
)
METRICS_TOKEN = env.ENVIRON.get("METRICS_TOKEN", "")

# Error reports (peaceplan.error_reporting): sent only when SENTRY_DSN is set; unset,
# sentry-sdk is not even imported.
SENTRY_DSN = env.ENVIRON.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from peaceplan.error_reporting import start as start_error_reporting

    start_error_reporting(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=""),
        release=env.str("SENTRY_RELEASE", default=""),
    )
