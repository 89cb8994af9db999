from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govcx.accounts"
    label = "accounts"

    def ready(self) -> None:
        from govcx.accounts import audit_signals, signals, tasks  # noqa: F401 - receivers, work
        from govcx.audit.services import person_home_set

        person_home_set(audit_signals.person_home)
