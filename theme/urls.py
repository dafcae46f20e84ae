"""/<language>/ on every page; a storefront by path (/fr/s/<path>/...) or by its own domain
(/fr/... on the storefront's Host)."""

from django.urls import include, path, register_converter

from theme.views import browse, cart


class LanguageConverter:
    regex = "fr|ar|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

shop_patterns = [
    path("catalogue/", browse.catalogue),
    path("p/<slug:product_slug>/", browse.product),
    path("artisans/<slug:artisan_slug>/", browse.artisan),
    path("pages/<slug:page_slug>/", browse.editorial),
    path("cart/", cart.cart),
    path("cart/add/", cart.cart_add),
    path("cart/line/", cart.cart_line),
    path("checkout/", cart.checkout),
    path("checkout/pay/", cart.pay),
    path("checkout/return/", cart.payment_return),
    path("order/", cart.confirmation),
]

urlpatterns = [
    path("", browse.root),
    path("healthz", browse.healthz),
    path("<lang:language>/", browse.front),
    path("<lang:language>/s/<slug:shop>/", browse.storefront_home),
    path("<lang:language>/s/<slug:shop>/", include(shop_patterns)),
    path("<lang:language>/", include(shop_patterns)),
]
