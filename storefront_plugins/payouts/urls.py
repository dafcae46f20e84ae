from django.urls import path, re_path

from storefront_plugins.payouts import payout_views, views

urlpatterns = [
    re_path(
        r"^payouts/statement\.(?P<file_format>csv|pdf)$",
        views.statement_download,
        name="payouts-statement",
    ),
    path(
        "payouts/runs/<str:run_id>/bank-batch.csv",
        payout_views.bank_batch,
        name="payouts-bank-batch",
    ),
]
