from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "govcx.audit"
    label = "audit"
