import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from storefront_plugins.provenance.certificates.services import (
    CertificateError,
    CertificateStatus,
    check_certificate,
    issue_certificate,
    revoke_certificate,
    rotate_signing_key,
)
from storefront_plugins.provenance.error_codes import CertificateErrorCode
from storefront_plugins.provenance.models import Certificate, SigningKey

pytestmark = pytest.mark.django_db


def test_issuing_signs_the_claim_with_the_active_key(tajine_claim, public_url):
    # when
    certificate = issue_certificate(tajine_claim)

    # then
    key = SigningKey.objects.get()
    assert key.active
    assert certificate.signing_key_id == key.kid
    assert certificate.product_id == "UHJvZHVjdDo0Mg=="
    assert certificate.variant_id == "UHJvZHVjdFZhcmlhbnQ6MTA3"
    assert certificate.gtin == "06111234567895"
    document = json.loads(certificate.document)
    assert document["claim"] == tajine_claim
    assert document["issuer"] == "https://souk.example"
    assert (document["id"], document["serial"]) == (str(certificate.id), certificate.serial)
    check = check_certificate(certificate)
    assert (check.valid, check.status) == (True, CertificateStatus.VALID)


def test_an_identical_claim_is_the_same_certificate(tajine_claim):
    first = issue_certificate(tajine_claim)

    again = issue_certificate(dict(reversed(list(tajine_claim.items()))))

    assert again.pk == first.pk
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize(
    ("claim", "field"),
    [
        ({"artisans": []}, "productId"),
        ({"productId": "P1", "share": 0.5}, "$.share"),
        ({"productId": "P1", "gtin": "6111234567892"}, "gtin"),
        ({"productId": "P1", "artisans": [{"share": [1]}]}, "artisans[0].share"),
    ],
)
def test_invalid_claims_are_refused(claim, field):
    with pytest.raises(CertificateError) as error:
        issue_certificate(claim)

    assert (error.value.code, error.value.field) == (CertificateErrorCode.INVALID_CLAIM, field)
    assert not Certificate.objects.exists()


def test_a_newer_claim_supersedes_the_current_certificate(tajine_claim):
    # given
    old = issue_certificate(tajine_claim)

    # when the cooperative checks the piece again
    new = issue_certificate(
        {**tajine_claim, "qualityCheck": {**tajine_claim["qualityCheck"], "on": "2025-04-02"}}
    )

    # then the old certificate still verifies but shows superseded
    old.refresh_from_db()
    assert old.superseded_by == new
    old_check = check_certificate(old)
    assert (old_check.valid, old_check.status, old_check.error) == (
        False,
        CertificateStatus.SUPERSEDED,
        None,
    )
    assert old_check.as_json()["supersededBy"] == new.serial
    assert check_certificate(new).status == CertificateStatus.VALID


def test_reissuing_a_superseded_claim_makes_it_current_again(tajine_claim):
    first = issue_certificate(tajine_claim)
    second = issue_certificate({**tajine_claim, "madeOn": "2025-03-15"})

    again = issue_certificate(tajine_claim)

    assert again.pk == first.pk
    second.refresh_from_db()
    assert check_certificate(again).status == CertificateStatus.VALID
    assert check_certificate(second).status == CertificateStatus.SUPERSEDED
    assert Certificate.objects.filter(superseded_at__isnull=True).count() == 1


def test_variants_and_products_have_their_own_current_certificates(tajine_claim):
    variant = issue_certificate(tajine_claim)
    other_variant = issue_certificate({**tajine_claim, "variantId": "UHJvZHVjdFZhcmlhbnQ6MTA4"})

    assert check_certificate(variant).status == CertificateStatus.VALID
    assert check_certificate(other_variant).status == CertificateStatus.VALID


def test_revoked_certificates_fail_verification_and_stay_revoked(tajine_claim):
    certificate = issue_certificate(tajine_claim)

    revoke_certificate(certificate.pk, "Glaze found to contain lead.")
    revoke_certificate(certificate.pk, "A second reason is ignored.")
    reissued = issue_certificate(tajine_claim)

    check = check_certificate(reissued)
    assert (check.valid, check.status) == (False, CertificateStatus.REVOKED)
    assert check.as_json()["revocationReason"] == "Glaze found to contain lead."


def test_revoking_needs_a_reason_and_a_known_certificate(tajine_claim):
    certificate = issue_certificate(tajine_claim)

    with pytest.raises(CertificateError) as no_reason:
        revoke_certificate(certificate.pk, "  ")
    with pytest.raises(CertificateError) as unknown:
        revoke_certificate("00000000-0000-0000-0000-000000000000", "reason")

    assert no_reason.value.code == CertificateErrorCode.REVOCATION_REASON_REQUIRED
    assert unknown.value.code == CertificateErrorCode.UNKNOWN_CERTIFICATE


def test_a_row_altered_in_the_database_is_invalid(tajine_claim):
    certificate = issue_certificate(tajine_claim)
    Certificate.objects.filter(pk=certificate.pk).update(
        document=certificate.document.replace("Safi", "Fes")
    )

    certificate.refresh_from_db()
    check = check_certificate(certificate)

    assert (check.valid, check.status, check.error) == (
        False,
        CertificateStatus.INVALID,
        CertificateErrorCode.BAD_SIGNATURE,
    )


def test_rotation_keeps_old_certificates_verifiable_and_signs_new_ones_with_the_new_key(
    tajine_claim,
):
    # given a certificate signed by the first key
    old = issue_certificate(tajine_claim)
    first_key = old.signing_key

    # when the key is rotated and another piece certified
    out = StringIO()
    call_command("rotate_certificate_key", stdout=out)
    new = issue_certificate({**tajine_claim, "productId": "UHJvZHVjdDo0Mw==", "variantId": ""})

    # then
    first_key.refresh_from_db()
    new_key = SigningKey.objects.get(active=True)
    assert (first_key.active, first_key.retired_at is not None) == (False, True)
    assert new.signing_key_id == new_key.kid != first_key.kid
    assert check_certificate(old).valid
    assert check_certificate(new).valid
    assert f"Retired key {first_key.kid}." in out.getvalue()
    assert f"Active key {new_key.kid}." in out.getvalue()


def test_rotating_before_any_key_exists_makes_the_first_one():
    rotation = rotate_signing_key()

    assert rotation.retired_key is None
    assert SigningKey.objects.get().kid == rotation.new_key.kid


def test_the_database_allows_one_active_key_only():
    rotate_signing_key()
    key = rotate_signing_key().new_key

    with pytest.raises(IntegrityError), transaction.atomic():
        SigningKey.objects.create(kid="other", public_key=b"x" * 32, private_key_encrypted="x")
    assert SigningKey.objects.filter(active=True).get() == key


def test_a_key_unreadable_after_a_secret_key_change_is_replaced_by_rotation(tajine_claim, settings):
    old = issue_certificate(tajine_claim)
    settings.SECRET_KEY = "a-new-secret-key"
    with pytest.raises(CertificateError) as unreadable:
        issue_certificate({**tajine_claim, "madeOn": "2025-03-16"})
    assert unreadable.value.code == CertificateErrorCode.NO_SIGNING_KEY

    rotate_signing_key()
    new = issue_certificate({**tajine_claim, "madeOn": "2025-03-16"})

    old.refresh_from_db()
    assert check_certificate(new).valid
    assert check_certificate(old).status == CertificateStatus.SUPERSEDED
