"""fixtures/souk/storefronts.json: one storefront per fixture cooperative, loaded idempotently."""

import copy
import json
from typing import Any

import pytest
from django.core.management import call_command

from storefront_plugins.api.response_cache import public_data_version
from storefront_plugins.artisans.models import Cooperative
from storefront_plugins.storefronts.loading import (
    StorefrontFixtureError,
    load_storefronts,
    read_fixtures_file,
)
from storefront_plugins.storefronts.models import HeroImage, Storefront, StorefrontPage
from tests.app.storefronts.conftest import STOREFRONTS

CHANNELS = STOREFRONTS.parents[1] / "sandbox" / "channels.json"


def test_every_fixture_cooperative_has_a_storefront_on_its_channel(directory: None) -> None:
    # when
    report = load_storefronts(read_fixtures_file(STOREFRONTS))
    # then
    channels = {c["slug"] for c in json.loads(CHANNELS.read_text())["channels"]}
    cooperatives = dict(Cooperative.objects.values_list("pk", "saleor_channel_slug"))
    assert len(report.created) == len(cooperatives) == 5
    for storefront in Storefront.objects.all():
        assert storefront.channel_slug == cooperatives[storefront.cooperative_id]
        assert storefront.channel_slug in channels
        assert storefront.pages.count() == 3
        assert storefront.hero_images.exists()
    themes = Storefront.objects.values_list("primary_color", "pattern", "heading_font")
    assert len(set(themes)) == 5  # each its own


def test_a_second_load_writes_nothing(directory: None) -> None:
    # given
    call_command("load_storefronts")
    version = public_data_version()
    rows = (list(HeroImage.objects.values("pk")), list(StorefrontPage.objects.values("pk")))
    # when
    report = load_storefronts(read_fixtures_file(STOREFRONTS))
    # then
    assert report.unchanged == [e["cooperative"] for e in read_fixtures_file(STOREFRONTS)]
    assert public_data_version() == version
    assert (list(HeroImage.objects.values("pk")), list(StorefrontPage.objects.values("pk"))) == rows


def test_a_changed_entry_is_updated(directory: None) -> None:
    # given
    entries: list[Any] = copy.deepcopy(read_fixtures_file(STOREFRONTS))
    load_storefronts(entries)
    entries[0]["theme"]["accent_color"] = "#0b3d91"
    entries[0]["pages"][0]["title"]["en"] = "How it began"
    # when
    report = load_storefronts(entries)
    # then
    assert report.updated == ["cooperative-safi"]
    safi = Storefront.objects.get(slug="cooperative-safi")
    assert safi.accent_color == "#0b3d91"
    assert safi.pages.get(kind="our_story").title["en"] == "How it began"


def test_bad_entries_are_all_reported_and_nothing_is_loaded(directory: None) -> None:
    # given
    entries: list[Any] = copy.deepcopy(read_fixtures_file(STOREFRONTS))
    entries[1]["cooperative"] = "cooperative-inconnue"
    entries[2]["theme"]["text_color"] = entries[2]["theme"]["background_color"]
    # when
    with pytest.raises(StorefrontFixtureError) as raised:
        load_storefronts(entries)
    # then
    assert len(raised.value.errors) == 2
    assert raised.value.errors[0] == "cooperative-inconnue: no such cooperative in the directory"
    assert raised.value.errors[1].startswith("atlas-tapis: {'text_color'")
    assert not Storefront.objects.exists()
