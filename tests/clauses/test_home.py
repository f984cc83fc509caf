import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_the_seeded_plan_and_links_to_the_admin(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Peace framework for Ukraine" in page
    assert "/admin/" in page
    assert "Log in" in page


def test_home_says_so_when_there_is_no_plan(client, db):
    response = client.get("/")
    assert "No plans yet" in response.content.decode()


def test_home_costs_one_query_whatever_the_number_of_plans(client, db, django_assert_num_queries):
    from tests.factories import RevisionFactory

    RevisionFactory()
    # 1. the change stamps of every plan and party (the page's ETag)
    # 2. plans with their revision count and latest number
    with django_assert_num_queries(2):
        client.get("/")
    RevisionFactory.create_batch(5)
    with django_assert_num_queries(2):
        client.get("/")


def test_editors_see_the_new_plan_link_and_readers_do_not(
    editor_client, analyst_client, client, db
):
    assert "/plans/+new/" in editor_client.get("/").content.decode()
    assert "/plans/+new/" not in analyst_client.get("/").content.decode()
    assert "/plans/+new/" not in client.get("/").content.decode()
