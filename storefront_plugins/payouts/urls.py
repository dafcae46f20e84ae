from django.urls import re_path

from storefront_plugins.payouts import views

urlpatterns = [
    re_path(
        r"^payouts/statement\.(?P<file_format>csv|pdf)$",
        views.statement_download,
        name="payouts-statement",
    ),
]
