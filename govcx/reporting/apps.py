from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "govcx.reporting"
    label = "reporting"
    verbose_name = "Reporting"
