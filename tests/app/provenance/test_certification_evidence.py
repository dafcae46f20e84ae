"""Evidence documents of certifications, uploaded through the App's GraphQL API as a
multipart request (GraphQL multipart request spec) into S3: moto's server over HTTP."""

import json
from typing import Any

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from graphql_relay import to_global_id

from storefront_plugins.artisans.models import Artisan, Cooperative
from storefront_plugins.provenance.evidence import MAX_EVIDENCE_BYTES, refuse_evidence
from storefront_plugins.provenance.models import Certification, CertificationScheme

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64

UPLOAD = """
mutation($id: ID!, $file: Upload!) {
  certificationEvidenceUpload(id: $id, file: $file) {
    certification { name evidenceUrl }
    errors { field code message }
  }
}
"""
EVIDENCE_URL = "query($id: ID!) { node(id: $id) { ... on Certification { evidenceUrl } } }"


def upload(
    client: Client, certification_id: str, name: str, content: bytes, token: str | None
) -> Any:
    """A multipart request as Apollo's and urql's upload links send it."""
    operations = {"query": UPLOAD, "variables": {"id": certification_id, "file": None}}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.file"]}),
            "0": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        },
        headers=headers,
    )
    return response


@pytest.fixture
def safi_label(directory: None) -> Certification:
    return Certification.objects.create(
        cooperative=Cooperative.objects.get(slug="cooperative-safi"),
        scheme=CertificationScheme.MOROCCO_HANDMADE,
        name="Label national Fait main Maroc",
        issuer="Maison de l'Artisan",
    )


def _id(certification: Certification) -> str:
    return to_global_id("Certification", certification.pk)


def test_a_manager_uploads_a_pdf_and_anyone_reads_it_back_through_a_presigned_url(
    api_client, tokens, safi_label, s3_storage, moto_s3
):
    # when the cooperative's manager uploads the scan, named like a photo
    response = upload(api_client, _id(safi_label), "scan.jpeg", PDF, tokens["manager"])

    # then it is stored in the bucket as a private PDF, under a name of ours
    body = response.json()
    assert response.status_code == 200, body
    assert body["data"]["certificationEvidenceUpload"]["errors"] == []
    safi_label.refresh_from_db()
    key = safi_label.evidence.name
    assert key.startswith(f"provenance/certifications/{safi_label.pk}/")
    assert key.endswith(".pdf")
    stored = moto_s3.client().get_object(Bucket=s3_storage.bucket_name, Key=key)
    assert stored["Body"].read() == PDF
    assert stored["ContentType"] == "application/pdf"

    # and the public evidenceUrl is the App's lasting link, which redirects to a fresh
    # presigned URL that serves it (an answer cached for hours never holds an expired one)
    link = body["data"]["certificationEvidenceUpload"]["certification"]["evidenceUrl"]
    assert link.startswith("http://testserver/files/")
    redirect = api_client.get(link.removeprefix("http://testserver"))
    assert redirect.status_code == 302
    url = redirect["Location"]
    assert url.startswith(f"{moto_s3.endpoint_url}/{s3_storage.bucket_name}/{key}?")
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url
    assert requests.get(url, timeout=10).content == PDF
    unsigned = requests.get(url.split("?")[0], timeout=10)
    assert unsigned.status_code == 403


def test_a_second_upload_replaces_the_first_and_deletes_it_once_committed(
    api_client, tokens, safi_label, s3_storage, moto_s3, django_capture_on_commit_callbacks
):
    # given
    upload(api_client, _id(safi_label), "label.png", PNG, tokens["manager"])
    safi_label.refresh_from_db()
    first_key = safi_label.evidence.name

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(api_client, _id(safi_label), "label.jpg", JPEG, tokens["manager"])

    # then
    assert response.json()["data"]["certificationEvidenceUpload"]["errors"] == []
    safi_label.refresh_from_db()
    assert safi_label.evidence.name.endswith(".jpg")
    assert len(callbacks) == 1
    keys = [
        item["Key"]
        for item in moto_s3.client()
        .list_objects_v2(Bucket=s3_storage.bucket_name)
        .get("Contents", [])
    ]
    assert keys == [safi_label.evidence.name]
    assert first_key not in keys


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("certificate.pdf", b"MZ\x90\x00 this is a Windows executable", "UNSUPPORTED_FILE_TYPE"),
        ("certificate.pdf", b"<html><script>alert(1)</script></html>", "UNSUPPORTED_FILE_TYPE"),
        ("certificate.gif", b"GIF89a" + b"\x00" * 32, "UNSUPPORTED_FILE_TYPE"),
        ("empty.pdf", b"", "REQUIRED"),
        ("huge.pdf", b"%PDF-1.7\n" + b"0" * MAX_EVIDENCE_BYTES, "FILE_TOO_LARGE"),
    ],
)
def test_a_file_that_is_not_a_small_pdf_jpeg_or_png_is_refused_and_nothing_is_stored(
    api_client, tokens, safi_label, s3_storage, moto_s3, name, content, code
):
    # when
    response = upload(api_client, _id(safi_label), name, content, tokens["manager"])

    # then
    refusal = refuse_evidence(len(content), content)
    assert refusal is not None
    assert response.json()["data"]["certificationEvidenceUpload"]["errors"] == [
        {"field": "file", "code": code, "message": refusal.message}
    ]
    safi_label.refresh_from_db()
    assert not safi_label.evidence
    listing = moto_s3.client().list_objects_v2(Bucket=s3_storage.bucket_name)
    assert listing["KeyCount"] == 0


@pytest.mark.parametrize("actor", ["anonymous", "artisan_self", "other_manager", "treasurer"])
def test_only_who_may_edit_the_certification_uploads_its_evidence(
    api_client, tokens, safi_label, s3_storage, moto_s3, actor
):
    # when
    response = upload(api_client, _id(safi_label), "scan.pdf", PDF, tokens[actor])

    # then
    body = response.json()
    assert body["data"]["certificationEvidenceUpload"] is None
    assert [e["extensions"]["exception"]["code"] for e in body["errors"]] == ["PermissionDenied"]
    safi_label.refresh_from_db()
    assert not safi_label.evidence
    assert moto_s3.client().list_objects_v2(Bucket=s3_storage.bucket_name)["KeyCount"] == 0


def test_an_artisan_uploads_the_evidence_of_their_own_label(
    api_client, tokens, directory, s3_storage
):
    # given
    label = Certification.objects.create(
        artisan=Artisan.objects.get(slug="mohamed-serghini"),
        scheme=CertificationScheme.COLLECTIVE_MARK,
        name="Poterie de Safi",
        issuer="OMPIC",
    )

    # when
    response = upload(api_client, _id(label), "carte.png", PNG, tokens["artisan_self"])

    # then
    assert response.json()["data"]["certificationEvidenceUpload"]["errors"] == []
    label.refresh_from_db()
    with s3_storage.open(label.evidence.name) as stored:
        assert stored.read() == PNG


def test_a_multipart_request_without_its_map_is_a_bad_request(api_client, tokens, safi_label):
    # when
    response = api_client.post(
        "/graphql/",
        data={"operations": json.dumps({"query": UPLOAD, "variables": {"file": None}})},
        headers={"Authorization": f"Bearer {tokens['manager']}"},
    )

    # then
    assert response.status_code == 400


def test_a_file_variable_sent_as_json_is_refused(api_client, tokens, safi_label):
    # when
    response = api_client.post(
        "/graphql/",
        data=json.dumps({"query": UPLOAD, "variables": {"id": _id(safi_label), "file": "x"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['manager']}"},
    )

    # then
    assert response.json()["data"]["certificationEvidenceUpload"]["errors"] == [
        {
            "field": "file",
            "code": "REQUIRED",
            "message": "Send the file as a part of a multipart request.",
        }
    ]


def test_an_upload_request_over_the_limit_is_refused_before_it_is_read(
    api_client, tokens, safi_label, settings
):
    # given
    settings.SOUK_MAX_UPLOAD_BYTES = 1024

    # when
    response = upload(api_client, _id(safi_label), "scan.pdf", PDF + b"0" * 2048, tokens["manager"])

    # then
    assert response.status_code == 413
    safi_label.refresh_from_db()
    assert not safi_label.evidence
