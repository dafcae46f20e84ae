from django.urls import path, re_path

from storefront_plugins.provenance.certificates import views

REFERENCE = r"(?P<reference>[0-9A-Za-z-]{6,36})"

urlpatterns = [
    path(".well-known/souk-certificate-keys.json", views.key_set, name="provenance-key-set"),
    path("verify", views.verify_offline_copy, name="provenance-verify-offline"),
    re_path(rf"^verify/{REFERENCE}\.json$", views.verification_json, name="provenance-verify-json"),
    re_path(
        rf"^verify/{REFERENCE}/qr\.(?P<image_format>svg|png)$",
        views.qr_code,
        name="provenance-qr",
    ),
    re_path(rf"^verify/{REFERENCE}$", views.verification_page, name="provenance-verify"),
    # GS1 Digital Link: AI 01 (GTIN) and AI 21 (serial); /p/ when the product has no GTIN.
    re_path(
        r"^01/(?P<gtin>\d{8}|\d{12,14})/21/(?P<serial>[0-9A-Za-z-]+)$",
        views.resolve_gtin_link,
        name="provenance-gtin-link",
    ),
    re_path(
        r"^p/(?P<product_id>.+)/21/(?P<serial>[0-9A-Za-z-]+)$",
        views.resolve_product_link,
        name="provenance-product-link",
    ),
]
