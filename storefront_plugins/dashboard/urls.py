from django.urls import path

from storefront_plugins.dashboard import views

urlpatterns = [
    path("dashboard/provenance", views.product_provenance, name="dashboard-provenance"),
    path("dashboard/payouts", views.payouts, name="dashboard-payouts"),
]
