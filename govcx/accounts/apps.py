from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govcx.accounts"
    label = "accounts"
