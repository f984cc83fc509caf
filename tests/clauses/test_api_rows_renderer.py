"""The JSON of the reads of many rows is written by orjson, byte for byte as DRF's
JSONRenderer writes it; what orjson cannot write the same way is left to DRF."""

import decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from clauses.api.renderers import RowsJSONRenderer

TEXTS = [
    "",
    "plain",
    'quote " and backslash \\ and slash /',
    "controls \x00\x01\x08\x09\x0a\x0c\x0d\x1f\x7f",
    "line and paragraph separators \u2028 \u2029",
    "other characters that start as they do in UTF-8: an en dash \u2013, an ellipsis \u2026",
    "Україна, Росія, é, ß, 中文, 😀, \ufeff",
]


def data():
    return {
        "count": 2**40,
        "next": None,
        "results": [
            {"text": text, "n": -7, "ok": True, "no": False, "nested": {text or "k": [text]}}
            for text in TEXTS
        ],
    }


def test_rows_are_written_byte_for_byte_as_drf_writes_them():
    assert RowsJSONRenderer().render(data()) == JSONRenderer().render(data())


@pytest.mark.parametrize(
    "value",
    [gettext_lazy("Not found."), decimal.Decimal("1.50"), 2**70],
    ids=["lazy string", "decimal", "big integer"],
)
def test_what_orjson_refuses_is_written_by_drf(value):
    assert RowsJSONRenderer().render({"value": value}) == JSONRenderer().render({"value": value})


def test_an_indented_rendering_is_drfs():
    media_type = "application/json; indent=2"
    assert RowsJSONRenderer().render(data(), media_type) == JSONRenderer().render(
        data(), media_type
    )
    assert b"\n  " in RowsJSONRenderer().render(data(), media_type)


def test_no_data_is_an_empty_body():
    assert RowsJSONRenderer().render(None) == b""
