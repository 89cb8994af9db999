from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "govcx.catalog"
    label = "catalog"
