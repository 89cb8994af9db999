from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govcx.accounts"
    label = "accounts"

    def ready(self) -> None:
        from govcx.accounts import signals, tasks  # noqa: F401 - receivers, periodic work
