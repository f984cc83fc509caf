"""The logging configuration (``LOGGING``): plain text by default, one JSON object per
line with ``LOG_FORMAT=json`` (python-json-logger), for a log collector to read.

Each JSON line holds ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and
``request_id`` (peaceplan/request_ids.py), and whatever the line's writer added: the
access log's method, path, status, duration and user id (peaceplan/request_log.py).
Django's own error lines carry the request object; its text would hold the query string,
so it is left out.
"""

from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

LOG_FORMATS = ("text", "json")
NOT_A_LOG_FORMAT = "LOG_FORMAT must be one of {formats}, not {value!r}."
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = ["levelname", "name", "message", "request_id"]
# Objects Django puts on a record that are no fields to ship: the request (its text has
# the query string) and the server's clock text.
LEFT_OUT = ["request", "server_time", "color_message"]


class SiteJsonFormatter(JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *LEFT_OUT])
        super().__init__(*args, **kwargs)


def logging_config(*, level: str, log_format: str, access_log: bool) -> dict[str, Any]:
    if log_format not in LOG_FORMATS:
        # Raised as ImproperlyConfigured by the settings, which name the variable.
        raise ValueError(NOT_A_LOG_FORMAT.format(formats=list(LOG_FORMATS), value=log_format))
    formatters = {
        "text": {"format": TEXT_FORMAT},
        "json": {
            "()": "peaceplan.logging_setup.SiteJsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "peaceplan.request_ids.RequestIdFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # The access log is on at INFO whatever the root's level, unless turned off.
            "peaceplan.requests": {"level": "INFO" if access_log else "WARNING"},
        },
    }
