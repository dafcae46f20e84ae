from django.urls import path

from storefront_plugins.payouts import views

urlpatterns = [
    path(
        "payouts/payouts/<str:payout_id>/manual-payment",
        views.manual_payment,
        name="payouts-manual-payment",
    ),
    path("payouts/runs/<str:run_id>/bank-batch.csv", views.bank_batch, name="payouts-bank-batch"),
]
