from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "govcx.audit"
    label = "audit"

    def ready(self) -> None:
        from govcx.audit import signals  # noqa: F401 - connects the receivers
