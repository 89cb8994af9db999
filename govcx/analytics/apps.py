from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "govcx.analytics"
    label = "analytics"

    def ready(self) -> None:
        from govcx.analytics import signals, tasks  # noqa: F401 - receivers, periodic work
