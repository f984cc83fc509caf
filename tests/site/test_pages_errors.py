"""The error pages: a friendly 404 for any unknown address, a 500 page that needs nothing."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_the_404_page_names_what_was_not_found_and_links_back(client):
    response = client.get("/plans/no-such-plan/clauses/nothing/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Nothing at this address" in page
    assert "<code>/plans/no-such-plan/clauses/nothing/</code>" in page
    assert '<a href="/parties/">Every party</a>' in page
    assert "stylesheet" in page  # the site's own look, not the bare default


def test_the_500_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "css/site.css" in page
