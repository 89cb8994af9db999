from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "govcx.retention"
    label = "retention"

    def ready(self) -> None:
        from govcx.retention import tasks  # noqa: F401 - registers its periodic work
