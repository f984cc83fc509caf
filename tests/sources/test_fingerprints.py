"""``verify_fingerprints`` covers sources: a text edited behind the app's back, or with its
SHA-256 forged to match, is named."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sources.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_clean_sources_pass(capsys):
    SourceFactory()
    call_command("verify_fingerprints")
    assert "Every source's text matches its SHA-256" in capsys.readouterr().out


def test_a_raw_edit_of_a_source_s_text_is_caught(capsys):
    source = SourceFactory(title="Tampered report")
    SourceFactory(title="Untouched report")
    raw("UPDATE sources_source SET text = %s WHERE id = %s", ["Other words.", source.pk])
    with pytest.raises(CommandError, match="1 sources do not match"):
        call_command("verify_fingerprints")
    err = capsys.readouterr().err
    assert "Tampered report" in err and "Untouched report" not in err
    assert "its text gives" in err


def test_a_forged_sha256_is_caught_by_the_history():
    from sources.text import text_sha256

    source = SourceFactory()
    raw(
        "UPDATE sources_source SET text = %s, text_sha256 = %s WHERE id = %s",
        ["Other words.", text_sha256("Other words."), source.pk],
    )
    with pytest.raises(CommandError, match="sources do not match"):
        call_command("verify_fingerprints")
    assert Source.objects.get().text == "Other words."
