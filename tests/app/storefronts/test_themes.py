"""The theme's pure decisions: WCAG contrast, colours, paths, domains, image URLs."""

import pytest

from storefront_plugins.storefronts import themes


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),
        ("#777777", "#777777", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # and the first that fails
    ],
)
def test_contrast_ratio_follows_wcag(foreground: str, background: str, expected: float) -> None:
    assert round(themes.contrast_ratio(foreground, background), 2) == expected


@pytest.mark.parametrize(
    ("value", "valid"),
    [("#1b4f9c", True), ("#ABCDEF", True), ("1b4f9c", False), ("#fff", False), ("#12345g", False)],
)
def test_colours_are_six_hex_digits(value: str, valid: bool) -> None:
    assert themes.is_hex_color(value) is valid


@pytest.mark.parametrize(
    ("path", "valid"),
    [("/safi", True), ("/fes-zellige", True), ("/a1", True), ("safi", False), ("/Safi", False),
     ("/safi/", False), ("/safi/boutique", False), ("/-safi", False), ("/", False)],
)  # fmt: skip
def test_a_path_is_one_lowercase_segment(path: str, valid: bool) -> None:
    assert themes.is_valid_path(path) is valid


@pytest.mark.parametrize(
    ("domain", "valid"),
    [("potiers-safi.ma", True), ("shop.tisserandes.example", True), ("localhost", False),
     ("https://safi.ma", False), ("safi.ma:8000", False), ("-safi.ma", False)],
)  # fmt: skip
def test_a_domain_is_a_bare_host_name(domain: str, valid: bool) -> None:
    assert themes.is_valid_domain(domain) is valid


@pytest.mark.parametrize(
    ("url", "valid"),
    [("/static/storefronts/safi-faience.svg", True), ("https://cdn.example/a.png", True),
     ("//evil.example/a.png", False), ("javascript:alert(1)", False), ("a b.png", False)],
)  # fmt: skip
def test_image_urls_are_http_or_paths_on_the_app(url: str, valid: bool) -> None:
    assert themes.is_valid_image_url(url) is valid


def test_paths_on_the_app_are_made_absolute() -> None:
    assert themes.absolute_url("/static/a.svg", "https://souk.example/") == (
        "https://souk.example/static/a.svg"
    )
    assert themes.absolute_url("https://cdn.example/a.png", "https://souk.example") == (
        "https://cdn.example/a.png"
    )


def test_every_fixture_theme_passes_aa_and_every_font_has_a_stack() -> None:
    import json

    from tests.app.storefronts.conftest import STOREFRONTS

    for entry in json.loads(STOREFRONTS.read_text())["storefronts"]:
        theme = entry["theme"]
        assert themes.contrast_ratio(theme["text_color"], theme["background_color"]) >= 4.5
    assert set(themes.FONT_STACKS) == set(themes.Font.values)
