from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "govcx.operations"
    label = "operations"

    def ready(self) -> None:
        from govcx.operations import signals, tasks  # noqa: F401 - task log, periodic work
