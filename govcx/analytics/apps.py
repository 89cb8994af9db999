from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "govcx.analytics"
    label = "analytics"
