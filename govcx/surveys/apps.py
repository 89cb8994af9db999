from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "govcx.surveys"
    label = "surveys"
