from django.urls import include, path

urlpatterns = [
    path("", include("storefront_plugins.core.urls")),
    path("", include("storefront_plugins.saleor_app.urls")),
    path("", include("storefront_plugins.stripe_gateway.urls")),
    path("", include("storefront_plugins.provenance.urls")),
    path("", include("storefront_plugins.api.urls")),
    path("", include("storefront_plugins.artisans.urls")),
    path("", include("storefront_plugins.payouts.urls")),
    path("", include("storefront_plugins.listings.urls")),
    path("", include("storefront_plugins.dashboard.urls")),
    path("portal/", include("storefront_plugins.portal.urls")),
]
