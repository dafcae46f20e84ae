from django.urls import path

from storefront_plugins.stripe_gateway import views

urlpatterns = [
    path("api/stripe/webhooks", views.stripe_webhook, name="stripe-webhooks"),
]
