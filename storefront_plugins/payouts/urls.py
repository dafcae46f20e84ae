from django.urls import path

from storefront_plugins.payouts import views

urlpatterns = [
    path("payouts/runs/<str:run_id>/bank-batch.csv", views.bank_batch, name="payouts-bank-batch"),
]
