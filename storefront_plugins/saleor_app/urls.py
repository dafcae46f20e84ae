from django.urls import path

from storefront_plugins.saleor_app import views

urlpatterns = [
    path("api/manifest", views.manifest, name="saleor-app-manifest"),
    path("api/register", views.register, name="saleor-app-register"),
    path("api/webhooks/<slug:event_slug>", views.webhook, name="saleor-app-webhook"),
    path("healthz", views.health, name="health"),
    *(
        path(route, views.page, {"name": name}, name=f"page-{name}")
        for route, name in views.PAGES.items()
    ),
]
