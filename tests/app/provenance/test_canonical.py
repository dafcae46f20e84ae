import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storefront_plugins.provenance.certificates.canonical import (
    CanonicalizationError,
    build_document,
    canonicalize,
    certificate_identity,
    normalize_serial,
    parse_canonical,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def test_object_keys_are_sorted_and_no_whitespace_is_added():
    assert canonicalize({"b": 1, "a": [True, None, "x"], "c": {"z": 0, "y": -1}}) == (
        b'{"a":[true,null,"x"],"b":1,"c":{"y":-1,"z":0}}'
    )


def test_keys_sort_by_utf16_code_units_as_rfc8785_section_3_2_3():
    # given the property names of RFC 8785's sorting example
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }

    # when
    canonical = canonicalize(value).decode("utf-8")

    # then the emoji (a surrogate pair) sorts before U+FB33, unlike code-point order
    values = [part.split('":"')[1] for part in canonical[2:-2].split('","')]
    assert values == [
        "Carriage Return",
        "One",
        "Control",
        "Latin Small Letter O With Diaeresis",
        "Euro Sign",
        "Emoji: Grinning Face",
        "Hebrew Letter Dalet With Dagesh",
    ]


def test_arabic_and_accents_stay_as_utf8_not_escapes():
    canonical = canonicalize({"ar": "تعاونية خزافي آسفي", "fr": "Coopérative"})
    assert canonical == '{"ar":"تعاونية خزافي آسفي","fr":"Coopérative"}'.encode()
    assert b"\\u" not in canonical


def test_control_characters_are_escaped_as_rfc8785():
    assert canonicalize({"s": 'a\n\t"\\\u0001'}) == b'{"s":"a\\n\\t\\"\\\\\\u0001"}'


@pytest.mark.parametrize(
    ("value", "path"),
    [
        (1.5, "$"),
        ({"share": 0.8}, "$.share"),
        ({"materials": [{"quantity": 3.0}]}, "$.materials[0].quantity"),
        ({"n": 2**53}, "$.n"),
        ({"d": object()}, "$.d"),
        ({1: "x"}, "$"),
    ],
)
def test_floats_huge_integers_and_non_json_values_are_refused(value, path):
    with pytest.raises(CanonicalizationError) as error:
        canonicalize(value)
    assert error.value.path == path


@given(json_values)
def test_canonical_form_is_a_fixed_point(value):
    canonical = canonicalize({"v": value})
    assert parse_canonical(canonical) == {"v": value}


@pytest.mark.parametrize(
    "document",
    [b'{"b":1,"a":2}', b'{"a": 1}', b'{"a":1.5}', b"[1]", b"not json", b'{"a":"\xff"}'],
)
def test_parse_canonical_refuses_anything_but_exact_canonical_objects(document):
    with pytest.raises(CanonicalizationError):
        parse_canonical(document)


def test_identical_claims_share_an_identity_whatever_the_key_order(tajine_claim):
    reordered = dict(reversed(list(tajine_claim.items())))

    assert certificate_identity(reordered) == certificate_identity(tajine_claim)
    assert certificate_identity({**tajine_claim, "madeOn": "2025-03-15"}) != certificate_identity(
        tajine_claim
    )


def test_serial_is_ten_crockford_characters_and_forgiving_to_type(tajine_claim):
    serial = certificate_identity(tajine_claim).serial

    assert len(serial) == 10
    assert set(serial) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert normalize_serial(serial.lower()) == serial
    assert normalize_serial("sk-o1il") == "SK0111"


def test_document_wraps_the_claim_under_its_identity(tajine_claim):
    identity = certificate_identity(tajine_claim)

    document = parse_canonical(
        build_document(tajine_claim, identity, issuer="https://souk.example")
    )

    assert document == {
        "type": "SoukProvenanceCertificate",
        "version": 1,
        "id": str(identity.id),
        "serial": identity.serial,
        "issuer": "https://souk.example",
        "claim": tajine_claim,
    }
    assert uuid.UUID(document["id"]).version == 5
