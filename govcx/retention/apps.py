from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "govcx.retention"
    label = "retention"
