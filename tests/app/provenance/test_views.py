import json
import struct
import zlib

import pytest
import zxingcpp

from storefront_plugins.provenance.certificates.qr import make_qr
from storefront_plugins.provenance.certificates.services import (
    issue_certificate,
    revoke_certificate,
    rotate_signing_key,
)
from storefront_plugins.provenance.certificates.signing import b64url_decode, key_thumbprint
from storefront_plugins.provenance.models import SigningKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(tajine_claim, public_url):
    return issue_certificate(tajine_claim)


def test_key_set_publishes_every_key_as_an_okp_jwk(client, certificate):
    # given a rotated key
    old_kid = certificate.signing_key_id
    new_kid = rotate_signing_key().new_key.kid

    # when
    response = client.get("/.well-known/souk-certificate-keys.json")

    # then
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    keys = response.json()["keys"]
    assert [key["kid"] for key in keys] == [new_kid, old_kid]
    for key in keys:
        assert key.keys() == {"kty", "crv", "x", "kid", "use", "alg"}
        assert (key["kty"], key["crv"], key["alg"]) == ("OKP", "Ed25519", "EdDSA")
        assert key_thumbprint(b64url_decode(key["x"])) == key["kid"]
    assert "private" not in response.content.decode()


def test_json_verification_of_a_valid_certificate(client, certificate):
    response = client.get(f"/verify/{certificate.id}.json")

    assert response.status_code == 200
    body = response.json()
    assert body.keys() >= {"valid", "status", "document", "signature", "keyId", "checkedAt"}
    assert (body["valid"], body["status"]) == (True, "valid")
    assert body["document"]["claim"]["cooperative"]["slug"] == "cooperative-safi"
    assert body["canonicalDocument"] == certificate.document
    assert (body["signature"], body["keyId"]) == (certificate.signature, certificate.signing_key_id)
    assert body["serial"] == certificate.serial
    assert body["checkedAt"].endswith("Z")


def test_json_verification_by_serial_in_any_case(client, certificate):
    response = client.get(f"/verify/{certificate.serial.lower()}.json")

    assert response.json()["serial"] == certificate.serial


def test_json_verification_of_revoked_and_superseded_certificates(
    client, certificate, tajine_claim
):
    newer = issue_certificate({**tajine_claim, "madeOn": "2025-03-21"})
    revoke_certificate(newer.pk, "Wrong artisan named.")

    superseded = client.get(f"/verify/{certificate.serial}.json").json()
    revoked = client.get(f"/verify/{newer.serial}.json").json()

    assert (superseded["valid"], superseded["status"], superseded["supersededBy"]) == (
        False,
        "superseded",
        newer.serial,
    )
    assert (revoked["valid"], revoked["status"], revoked["revocationReason"]) == (
        False,
        "revoked",
        "Wrong artisan named.",
    )


def test_json_verification_of_an_unknown_certificate(client, db):
    response = client.get("/verify/ZZZZZZZZZZ.json")

    assert response.status_code == 404
    assert response.json()["status"] == "unknown"


@pytest.mark.parametrize(
    ("query", "accept_language", "lang", "direction", "verdict", "made_by", "artisan"),
    [
        (
            "",
            "fr-FR,fr;q=0.9",
            "fr",
            "ltr",
            "Authentique.",
            "Qui l&#x27;a fait",
            "Fatima Zahra El Amrani",
        ),
        ("?lang=ar", "en", "ar", "rtl", "أصلية.", "من صنعها", "فاطمة الزهراء العمراني"),
        ("", "en-GB,en;q=0.9", "en", "ltr", "Genuine.", "Who made it", "Fatima Zahra El Amrani"),
        ("", "ar-MA", "ar", "rtl", "أصلية.", "من صنعها", "فاطمة الزهراء العمراني"),
    ],
)
def test_verification_page_in_three_languages(
    client, certificate, query, accept_language, lang, direction, verdict, made_by, artisan
):
    response = client.get(
        f"/verify/{certificate.serial}{query}", headers={"Accept-Language": accept_language}
    )

    assert response.status_code == 200
    assert response["Content-Language"] == lang
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert 'role="status" data-status="valid"' in html
    assert verdict in html
    assert made_by in html
    assert artisan in html
    for shown in [
        "Safi",
        "ARG-2025-014",
        "Hassan Ouaziz",
        "Morocco Handmade",
        "Gold",
        "2025-03-14",
        "Souk Europe SARL",
        "eu-safety@souk.example",
        certificate.serial,
    ]:
        assert shown in html


def test_verification_page_says_revoked_in_plain_words(client, certificate):
    revoke_certificate(certificate.pk, "Glaze found to contain lead.")

    html = client.get(f"/verify/{certificate.id}?lang=en").content.decode()

    assert 'data-status="revoked"' in html
    assert "Revoked. Souk has withdrawn this certificate" in html
    assert "Glaze found to contain lead." in html


def test_verification_page_of_a_superseded_certificate_links_to_the_current_one(
    client, certificate, tajine_claim
):
    newer = issue_certificate({**tajine_claim, "madeOn": "2025-03-21"})

    html = client.get(f"/verify/{certificate.serial}?lang=fr").content.decode()

    assert 'data-status="superseded"' in html
    assert f'href="/verify/{newer.serial}?lang=fr"' in html


def test_verification_page_of_an_unknown_certificate(client, db):
    response = client.get("/verify/ZZZZZZZZZZ?lang=ar")

    assert response.status_code == 404
    assert "لا توجد شهادة بهذا الرقم." in response.content.decode()


def _post(client, body):
    return client.post("/verify", data=json.dumps(body), content_type="application/json")


def test_post_verifies_an_offline_copy_as_object_or_exact_text(client, certificate):
    copy = client.get(f"/verify/{certificate.serial}.json").json()

    as_object = _post(
        client,
        {"document": copy["document"], "signature": copy["signature"], "keyId": copy["keyId"]},
    )
    as_text = _post(
        client,
        {
            "document": copy["canonicalDocument"],
            "signature": copy["signature"],
            "keyId": copy["keyId"],
        },
    )

    assert (as_object.status_code, as_object.json()["status"]) == (200, "valid")
    assert as_text.json()["valid"] is True
    assert as_text.json()["serial"] == certificate.serial


def test_post_reports_a_tampered_copy_invalid(client, certificate):
    copy = client.get(f"/verify/{certificate.serial}.json").json()
    copy["document"]["claim"]["artisans"][0]["share"] = "0.99"

    body = _post(
        client,
        {"document": copy["document"], "signature": copy["signature"], "keyId": copy["keyId"]},
    ).json()

    assert (body["valid"], body["status"], body["error"]["code"]) == (
        False,
        "invalid",
        "BAD_SIGNATURE",
    )


def test_post_reports_an_unknown_key_and_a_revoked_copy(client, certificate):
    copy = client.get(f"/verify/{certificate.serial}.json").json()
    unknown = _post(
        client, {"document": copy["document"], "signature": copy["signature"], "keyId": "nope"}
    ).json()
    revoke_certificate(certificate.pk, "Withdrawn by the cooperative.")
    revoked = _post(
        client,
        {"document": copy["document"], "signature": copy["signature"], "keyId": copy["keyId"]},
    ).json()

    assert (unknown["status"], unknown["error"]["code"]) == ("invalid", "UNKNOWN_KEY")
    assert (revoked["valid"], revoked["status"]) == (False, "revoked")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", "MALFORMED_DOCUMENT"),
        (b'{"document": 3, "signature": "x", "keyId": "k"}', "MALFORMED_DOCUMENT"),
        (b'{"document": {"a": 1.5}, "signature": "x", "keyId": "k"}', "NOT_CANONICALIZABLE"),
        (b'{"document": {}, "keyId": "k"}', "MALFORMED_DOCUMENT"),
    ],
)
def test_post_refuses_malformed_requests(client, db, body, code):
    response = client.post("/verify", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_gtin_digital_link_resolves_to_the_verification_page(client, certificate):
    response = client.get(f"/01/06111234567895/21/{certificate.serial}?lang=ar")

    assert response.status_code == 307
    assert response["Location"] == f"/verify/{certificate.serial}?lang=ar"


def test_short_gtins_resolve_too_and_a_wrong_gtin_does_not(client, certificate):
    assert client.get(f"/01/6111234567895/21/{certificate.serial}").status_code == 307
    assert client.get(f"/01/00000096385074/21/{certificate.serial}").status_code == 404


def test_product_digital_link_without_gtin(client, tajine_claim, public_url):
    claim = {**tajine_claim, "productId": "UHJvZHVjdDo/Mg==", "variantId": ""}
    del claim["gtin"]
    certificate = issue_certificate(claim)

    response = client.get(f"/p/UHJvZHVjdDo%2FMg==/21/{certificate.serial}")
    wrong = client.get(f"/p/UHJvZHVjdDo0Mg==/21/{certificate.serial}")

    assert response.status_code == 307
    assert response["Location"] == f"/verify/{certificate.serial}"
    assert wrong.status_code == 404


def _png_pixels(png: bytes) -> tuple[bytes, int, int]:
    """Greyscale pixels of a 1-bit, non-interlaced PNG as segno writes it (no Pillow here)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header, palette = 8, b"", b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, data = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = data
        elif kind == b"PLTE":
            palette = data
        elif kind == b"IDAT":
            chunks += data
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (1, 0)
    if colour_type == 3:  # palette: each index's luminance from its red channel
        shades = [palette[3 * index] for index in range(len(palette) // 3)]
    else:
        shades = [0, 255]
    raw = zlib.decompress(chunks)
    stride = (width + 7) // 8
    previous = bytearray(stride)
    pixels = bytearray()
    for row in range(height):
        kind, line = (
            raw[row * (stride + 1)],
            bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)]),
        )
        for i in range(stride):  # undo the PNG filter, one byte per "pixel" at this depth
            left, up, up_left = (
                (line[i - 1] if i else 0),
                previous[i],
                (previous[i - 1] if i else 0),
            )
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                nearest = min(
                    (abs(estimate - left), 0, left),
                    (abs(estimate - up), 1, up),
                    (abs(estimate - up_left), 2, up_left),
                )
                line[i] = (line[i] + nearest[2]) & 0xFF
        previous = line
        for x in range(width):
            pixels.append(shades[(line[x // 8] >> (7 - x % 8)) & 1])
    return bytes(pixels), width, height


def test_qr_png_decodes_to_the_digital_link(client, certificate):
    response = client.get(f"/verify/{certificate.serial}/qr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    pixels, width, height = _png_pixels(response.content)
    results = zxingcpp.read_barcodes(
        zxingcpp.ImageView(pixels, width, height, zxingcpp.ImageFormat.Lum)
    )
    assert [result.text for result in results] == [
        f"https://souk.example/01/06111234567895/21/{certificate.serial}"
    ]


def test_qr_svg_draws_the_same_code(client, certificate):
    response = client.get(f"/verify/{certificate.id}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert f"<title>Souk {certificate.serial}</title>" in svg
    qr = make_qr(f"https://souk.example/01/06111234567895/21/{certificate.serial}")
    assert qr.designator.endswith("M")
    assert not qr.is_micro


def test_unknown_certificate_has_no_qr(client, db):
    assert client.get("/verify/ZZZZZZZZZZ/qr.svg").status_code == 404


def test_no_signing_key_is_served_before_one_exists(client, db):
    assert client.get("/.well-known/souk-certificate-keys.json").json() == {"keys": []}
    assert not SigningKey.objects.exists()
