from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "govcx.operations"
    label = "operations"

    def ready(self) -> None:
        from govcx.operations import tasks  # noqa: F401 - registers its periodic work
