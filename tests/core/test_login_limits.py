"""After a handful of failed log-ins for one username, or more from one address, the site's
login and the admin's refuse further tries for a while, the right password included, and
say so."""

import pytest
from django.test import Client

from peaceplan.login_limits import LOGIN_LOCKED
from tests.conftest import PASSWORD

LOGINS = {"site": "/accounts/login/", "admin": "/admin/login/"}


def log_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def locked_message(settings) -> str:
    return LOGIN_LOCKED.format(minutes=settings.LOGIN_LOCKOUT_SECONDS // 60)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("login", LOGINS)
def test_a_handful_of_wrong_passwords_locks_the_username(staff, settings, login):
    url = LOGINS[login]
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        response = log_in(client, url, "staff", "wrong")
        assert response.status_code == 200
        assert locked_message(settings) not in response.content.decode()

    response = log_in(client, url, "staff", PASSWORD)

    assert response.status_code == 200
    assert locked_message(settings) in response.content.decode()
    assert not is_logged_in(client)


@pytest.mark.parametrize("login", LOGINS)
def test_the_lock_holds_from_another_address_and_a_forged_header(staff, settings, login):
    url = LOGINS[login]
    for n in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(Client(REMOTE_ADDR=f"10.0.0.{n}"), url, "Staff ", "wrong")
    other = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = log_in(other, url, "staff", PASSWORD)
    assert locked_message(settings) in response.content.decode()
    assert not is_logged_in(other)


def test_many_failures_from_one_address_lock_that_address(staff, analyst, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    client = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(3):
        # A different username each time: no one username reaches its limit.
        log_in(client, LOGINS["site"], f"guess-{n}", "wrong")

    response = log_in(client, LOGINS["site"], "analyst", PASSWORD)
    assert locked_message(settings) in response.content.decode()
    # Another address logs in as usual.
    elsewhere = Client(REMOTE_ADDR="203.0.113.6")
    assert log_in(elsewhere, LOGINS["site"], "analyst", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_usernames_count(analyst, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME - 1):
        log_in(client, LOGINS["site"], "analyst", "wrong")
    assert log_in(client, LOGINS["site"], "analyst", PASSWORD).status_code == 302

    again = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME - 1):
        log_in(again, LOGINS["site"], "analyst", "wrong")
    assert log_in(again, LOGINS["site"], "analyst", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "spelling",
    [
        "ｓｔａｆｆ",  # fullwidth: NFKC makes it "staff", as the login form does
        "STAFF",
        "StAfF",
        "ＳＴＡＦＦ",  # fullwidth capitals
    ],
)
def test_a_look_alike_spelling_shares_the_lock_and_cannot_log_in(staff, settings, spelling):
    for n in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(Client(REMOTE_ADDR=f"10.0.1.{n}"), LOGINS["site"], "staff", "wrong")

    client = Client(REMOTE_ADDR="10.0.2.1")
    response = log_in(client, LOGINS["site"], spelling, PASSWORD)

    assert locked_message(settings) in response.content.decode()
    assert not is_logged_in(client)


def test_look_alike_spellings_count_against_one_username(staff, settings):
    spellings = ["staff", "ｓｔａｆｆ", "Staff", "ＳＴＡＦＦ", "sTaFf"]
    failures = [spellings[n % len(spellings)] for n in range(settings.LOGIN_FAILURES_PER_USERNAME)]
    for n, spelling in enumerate(failures):
        log_in(Client(REMOTE_ADDR=f"10.0.3.{n}"), LOGINS["admin"], spelling, "wrong")

    client = Client(REMOTE_ADDR="10.0.4.1")
    response = log_in(client, LOGINS["admin"], "staff", PASSWORD)

    assert locked_message(settings) in response.content.decode()
    assert not is_logged_in(client)


def test_a_combining_spelling_shares_the_lock_of_the_composed_username(django_user_model, settings):
    composed = "jos\u00e9"  # é as one character
    combining = "jose\u0301"  # e followed by a combining acute accent
    django_user_model.objects.create_user(composed, password=PASSWORD)
    for n in range(settings.LOGIN_FAILURES_PER_USERNAME):
        log_in(Client(REMOTE_ADDR=f"10.0.5.{n}"), LOGINS["site"], composed, "wrong")

    client = Client(REMOTE_ADDR="10.0.6.1")
    response = log_in(client, LOGINS["site"], combining, PASSWORD)

    assert locked_message(settings) in response.content.decode()
    assert not is_logged_in(client)


def test_a_combining_spelling_logs_in_when_nothing_is_locked(django_user_model):
    """The spelling the lock treats as one username is the one Django logs in as one."""
    django_user_model.objects.create_user("jos\u00e9", password=PASSWORD)
    client = Client()
    assert log_in(client, LOGINS["site"], "jose\u0301", PASSWORD).status_code == 302
