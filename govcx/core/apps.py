from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govcx.core"
    label = "core"
