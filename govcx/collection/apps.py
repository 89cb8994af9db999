from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "govcx.collection"
    label = "collection"
