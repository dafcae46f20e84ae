import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storefront_plugins.provenance.certificates.canonical import (
    build_document,
    canonicalize,
    certificate_identity,
)
from storefront_plugins.provenance.certificates.key_encryption import (
    UnreadablePrivateKey,
    decrypt_private_key,
    encrypt_private_key,
)
from storefront_plugins.provenance.certificates.signing import (
    b64url_decode,
    b64url_encode,
    key_thumbprint,
    public_jwk,
    public_key_bytes,
    sign_document,
    verify_document,
)
from storefront_plugins.provenance.error_codes import CertificateErrorCode
from tests.app.provenance.conftest import TAJINE_CLAIM


def _document(claim: dict[str, Any]) -> bytes:
    return build_document(claim, certificate_identity(claim), issuer="https://souk.example")


def _signed(claim: dict[str, Any]) -> tuple[bytes, str, str, dict[str, bytes]]:
    key = Ed25519PrivateKey.generate()
    raw = public_key_bytes(key.public_key())
    document = _document(claim)
    return document, sign_document(document, key), key_thumbprint(raw), {key_thumbprint(raw): raw}


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaf_paths(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _leaf_paths(item, (*path, index))]
    return [path]


def _tampered(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x" if value else "x"
    return "x"


DOCUMENT_LEAVES = _leaf_paths(json.loads(_document(TAJINE_CLAIM)))


def test_rfc8037_thumbprint_of_the_example_ed25519_key():
    # given the public key of RFC 8037, appendix A.2
    raw = b64url_decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")

    # then its RFC 7638 thumbprint is the one of appendix A.3
    assert key_thumbprint(raw) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    assert public_jwk(raw) == {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
        "use": "sig",
        "alg": "EdDSA",
    }


def test_sign_then_verify_round_trip(tajine_claim):
    document, signature, kid, keys = _signed(tajine_claim)

    check = verify_document(document, signature, kid, keys)

    assert check.valid
    assert check.error is None
    assert check.document is not None
    assert check.document["claim"] == tajine_claim
    assert len(b64url_decode(signature)) == 64


@pytest.mark.parametrize("path", DOCUMENT_LEAVES, ids=lambda path: ".".join(map(str, path)))
def test_changing_any_field_of_the_document_fails(path):
    # given a signed certificate of the tajine
    document, signature, kid, keys = _signed(TAJINE_CLAIM)
    parsed = json.loads(document)

    # when one field is changed and the document canonicalized again
    *parents, last = path
    holder = parsed
    for step in parents:
        holder = holder[step]
    holder[last] = _tampered(holder[last])

    # then the signature no longer matches
    check = verify_document(canonicalize(parsed), signature, kid, keys)
    assert not check.valid
    assert check.error == CertificateErrorCode.BAD_SIGNATURE


def test_every_claim_field_is_covered_by_the_tampering_tests():
    claim_leaves = {path[1:] for path in DOCUMENT_LEAVES if path[0] == "claim"}
    assert claim_leaves == set(_leaf_paths(TAJINE_CLAIM))
    assert len(claim_leaves) > 40


@pytest.mark.parametrize(
    "change",
    [
        lambda claim: claim["artisans"].pop(),
        lambda claim: claim["artisans"].reverse(),
        lambda claim: claim.update(extra="added"),
        lambda claim: claim.pop("euSafety"),
    ],
    ids=["artisan-removed", "artisans-reordered", "field-added", "field-removed"],
)
def test_adding_removing_or_reordering_fails(change):
    document, signature, kid, keys = _signed(TAJINE_CLAIM)
    parsed = json.loads(document)

    change(parsed["claim"])

    assert not verify_document(canonicalize(parsed), signature, kid, keys).valid


def test_a_signature_by_another_key_fails_even_under_the_right_key_id(tajine_claim):
    document, _, kid, keys = _signed(tajine_claim)
    forged = sign_document(document, Ed25519PrivateKey.generate())

    check = verify_document(document, forged, kid, keys)

    assert not check.valid
    assert check.error == CertificateErrorCode.BAD_SIGNATURE


def test_an_unknown_key_id_fails(tajine_claim):
    document, signature, _, keys = _signed(tajine_claim)

    check = verify_document(document, signature, "unknown-key", keys)

    assert (check.valid, check.error) == (False, CertificateErrorCode.UNKNOWN_KEY)


def test_a_signed_but_non_canonical_document_fails():
    key = Ed25519PrivateKey.generate()
    raw = public_key_bytes(key.public_key())
    document = b'{"b": 1, "a": 2}'

    check = verify_document(
        document, sign_document(document, key), key_thumbprint(raw), {key_thumbprint(raw): raw}
    )

    assert (check.valid, check.error) == (False, CertificateErrorCode.NOT_CANONICAL)


@pytest.mark.parametrize("signature", ["", "not base64url!", b64url_encode(b"short"), "é"])
def test_malformed_signatures_fail(tajine_claim, signature):
    document, _, kid, keys = _signed(tajine_claim)

    check = verify_document(document, signature, kid, keys)

    assert (check.valid, check.error) == (False, CertificateErrorCode.BAD_SIGNATURE)


def test_private_keys_are_encrypted_under_secret_key():
    key = Ed25519PrivateKey.generate()

    token = encrypt_private_key(key, "secret-one")

    assert public_key_bytes(
        decrypt_private_key(token, "secret-one").public_key()
    ) == public_key_bytes(key.public_key())
    with pytest.raises(UnreadablePrivateKey):
        decrypt_private_key(token, "secret-two")
