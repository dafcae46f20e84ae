"""productMediaCreate with an uploaded image (GraphQL multipart request spec) or an
external URL; productMediaUpdate, productMediaDelete and productMediaReorder."""

import io
import json

import pytest
from PIL import Image

from saleor_sandbox.models import ProductMedia
from tests.sandbox.catalogue.conftest import gid

MEDIA_CREATE = """
mutation Create($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) {
    errors { field code message }
    media { id alt type url }
    product { thumbnail { url alt } media { url } }
  }
}
"""
MEDIA_UPDATE = """
mutation Update($id: ID!, $alt: String) {
  productMediaUpdate(id: $id, input: {alt: $alt}) { errors { field code } media { alt } }
}
"""
MEDIA_DELETE = """
mutation Delete($id: ID!) {
  productMediaDelete(id: $id) { errors { code } media { id } product { media { id } } }
}
"""
MEDIA_REORDER = """
mutation Reorder($product: ID!, $media: [ID!]!) {
  productMediaReorder(productId: $product, mediaIds: $media) {
    errors { field code } media { alt } product { thumbnail { alt } }
  }
}
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (176, 78, 43)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, token, product_gid, name, content, content_type, alt="Tajine vert"):
    """A multipart request as Saleor's Dashboard and JS clients send it."""
    operations = {
        "query": MEDIA_CREATE,
        "variables": {"input": {"product": product_gid, "alt": alt, "image": None}},
    }
    file = io.BytesIO(content)
    file.name = name
    file.content_type = content_type  # type: ignore[attr-defined]  # the part's declared type
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.image"]}),
            "0": file,
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content
    return response.json()["data"]["productMediaCreate"]


def test_an_uploaded_image_is_stored_and_served_at_its_media_url(
    client, tajine, manager_token, media_root
):
    # given
    content = png_bytes()

    # when
    payload = upload(client, manager_token, gid(tajine), "tajine.png", content, "image/png")

    # then
    assert payload["errors"] == []
    media = payload["media"]
    assert media["type"] == "IMAGE"
    assert media["alt"] == "Tajine vert"
    assert media["url"].startswith("http://127.0.0.1:8001/media/products/tajine_")
    assert payload["product"]["thumbnail"] == {"url": media["url"], "alt": "Tajine vert"}
    assert payload["product"]["media"] == [{"url": media["url"]}]
    path = media["url"].removeprefix("http://127.0.0.1:8001")
    served = client.get(path)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("notes.txt", b"hello", "text/plain", "Invalid file type."),
        ("tajine.pdf", None, "image/png", "Invalid file extension. Image file required."),
        ("tajine", None, "image/png", "Lack of file extension."),
        ("tajine.png", b"not really a png", "image/png", "Invalid file. The following error"),
    ],
)
def test_an_upload_that_is_not_an_image_is_refused(
    client, tajine, manager_token, name, content, content_type, message
):
    # when
    payload = upload(
        client,
        manager_token,
        gid(tajine),
        name,
        png_bytes() if content is None else content,
        content_type,
    )

    # then
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("image", "INVALID")]
    assert payload["errors"][0]["message"].startswith(message)
    assert not ProductMedia.objects.exists()


def test_an_image_over_the_size_limit_is_refused(client, tajine, manager_token, settings):
    # given
    settings.MAX_IMAGE_FILE_SIZE = 10

    # when
    payload = upload(client, manager_token, gid(tajine), "tajine.png", png_bytes(), "image/png")

    # then
    assert [e["code"] for e in payload["errors"]] == ["FILE_SIZE_LIMIT_EXCEEDED"]


@pytest.mark.parametrize(
    ("media_input", "expected"),
    [
        ({}, [("input", "REQUIRED")]),
        (
            {"image": "0", "mediaUrl": "https://x.example/a.png"},
            [("input", "DUPLICATED_INPUT_ITEM")],
        ),
        ({"mediaUrl": "https://x.example/a.png", "alt": "a" * 251}, [("input", "INVALID")]),
        ({"mediaUrl": "https://x.example/page.html"}, [("mediaUrl", "UNSUPPORTED_MEDIA_PROVIDER")]),
        ({"image": "0"}, [("image", "REQUIRED")]),  # a key with no file in the request
    ],
)
def test_media_input_is_checked_as_saleor_does(gql, tajine, manager_token, media_input, expected):
    # when
    body = gql(
        MEDIA_CREATE, {"input": {"product": gid(tajine), **media_input}}, token=manager_token
    )

    # then
    errors = body["data"]["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == expected


def test_an_external_image_url_is_kept_as_the_media_url(gql, tajine, manager_token):
    # when
    body = gql(
        MEDIA_CREATE,
        {"input": {"product": gid(tajine), "mediaUrl": "https://cdn.example/tajine.jpg"}},
        token=manager_token,
    )

    # then
    assert body["data"]["productMediaCreate"]["media"]["url"] == "https://cdn.example/tajine.jpg"


def test_media_alt_is_updated_media_reordered_and_deleted(gql, tajine, manager_token):
    # given
    first = ProductMedia.objects.create(product=tajine, image="products/a.png", alt="a")
    second = ProductMedia.objects.create(
        product=tajine, image="products/b.png", alt="b", sort_order=1
    )

    # when
    updated = gql(MEDIA_UPDATE, {"id": gid(first), "alt": "Vue de face"}, token=manager_token)
    too_long = gql(MEDIA_UPDATE, {"id": gid(first), "alt": "x" * 251}, token=manager_token)
    reordered = gql(
        MEDIA_REORDER,
        {"product": gid(tajine), "media": [gid(second), gid(first)]},
        token=manager_token,
    )
    incomplete = gql(
        MEDIA_REORDER, {"product": gid(tajine), "media": [gid(second)]}, token=manager_token
    )
    deleted = gql(MEDIA_DELETE, {"id": gid(second)}, token=manager_token)

    # then
    assert updated["data"]["productMediaUpdate"] == {"errors": [], "media": {"alt": "Vue de face"}}
    assert too_long["data"]["productMediaUpdate"]["errors"] == [
        {"field": "input", "code": "INVALID"}
    ]
    assert reordered["data"]["productMediaReorder"] == {
        "errors": [],
        "media": [{"alt": "b"}, {"alt": "Vue de face"}],
        "product": {"thumbnail": {"alt": "b"}},
    }
    assert incomplete["data"]["productMediaReorder"]["errors"] == [
        {"field": "order", "code": "INVALID"}
    ]
    assert deleted["data"]["productMediaDelete"] == {
        "errors": [],
        "media": {"id": gid(second)},
        "product": {"media": [{"id": gid(first)}]},
    }


def test_media_mutations_need_manage_products(gql, tajine, customer_token):
    # when
    body = gql(
        MEDIA_CREATE,
        {"input": {"product": gid(tajine), "mediaUrl": "https://cdn.example/t.jpg"}},
        token=customer_token,
    )

    # then
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert body["data"]["productMediaCreate"] is None
