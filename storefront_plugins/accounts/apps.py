from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "storefront_plugins.accounts"
    label = "accounts"
    verbose_name = "Accounts"
