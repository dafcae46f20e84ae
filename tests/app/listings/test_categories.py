"""The listing form's categories: read from Saleor, kept a few minutes, and never a page
waiting on a Saleor that is down."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from pytest_httpserver import HTTPServer

from storefront_plugins.listings import categories
from storefront_plugins.saleor_app.models import Installation

CATEGORIES = {
    "data": {
        "categories": {
            "edges": [
                {
                    "node": {
                        "id": "Q2F0ZWdvcnk6MQ==",
                        "name": "Poterie",
                        "ar": {"name": "فخار"},
                        "en": {"name": "Pottery"},
                        "children": {"edges": []},
                    }
                }
            ]
        }
    }
}


@pytest.fixture
def installation(db: None, httpserver: HTTPServer, settings: Any) -> Iterator[Installation]:
    settings.SALEOR_RETRY_BACKOFF = 0
    installation = Installation.objects.create(
        saleor_api_url=httpserver.url_for("/graphql/"),
        saleor_app_id="QXBwOjE=",
        auth_token="a" * 30,
        jwks={},
        jwks_fetched_at=timezone.now(),
    )
    key = f"listings:categories:{installation.pk}"
    cache.delete_many([key, f"{key}:stale"])
    yield installation
    cache.delete_many([key, f"{key}:stale"])


def test_categories_are_read_once_and_named_in_the_pages_language(installation, httpserver):
    # given
    httpserver.expect_request("/graphql/", method="POST").respond_with_json(CATEGORIES)

    # when
    arabic = categories.category_choices("ar")
    english = categories.category_choices("en")

    # then
    assert arabic == [("Q2F0ZWdvcnk6MQ==", "فخار")]
    assert english == [("Q2F0ZWdvcnk6MQ==", "Pottery")]
    assert len(httpserver.log) == 1


def test_a_saleor_that_is_down_is_asked_once_and_the_last_list_shown_meanwhile(
    installation, httpserver
):
    # given categories read once, then kept past their freshness, and Saleor down
    httpserver.expect_ordered_request("/graphql/", method="POST").respond_with_json(CATEGORIES)
    categories.category_choices("fr")
    cache.delete(f"listings:categories:{installation.pk}")
    httpserver.expect_request("/graphql/", method="POST").respond_with_data("down", status=503)

    # when the form is opened three times
    choices = [categories.category_choices("fr") for _ in range(3)]

    # then: the last list each time, Saleor asked once more (no retries, not per page)
    assert choices == [[("Q2F0ZWdvcnk6MQ==", "Poterie")]] * 3
    assert len(httpserver.log) == 2
