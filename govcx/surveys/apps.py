from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "govcx.surveys"
    label = "surveys"

    def ready(self) -> None:
        from govcx.surveys import tasks  # noqa: F401 - registers its periodic work
