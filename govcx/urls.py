from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from govcx.accounts.rules import PUBLIC, access
from govcx.api import api_urls
from govcx.operations.views import healthz, metrics

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("i18n/setlang/", access(PUBLIC)(set_language), name="set_language"),
    path("django-admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("", include("govcx.accounts.urls")),
    path("", include("govcx.audit.urls")),
    path("", include("govcx.catalog.urls")),
    path("", include("govcx.surveys.urls")),
    path("", include("govcx.collection.urls")),
    path("", include("govcx.analytics.urls")),
    path("", include("govcx.reporting.urls")),
    path("", include("govcx.reporting.public_urls")),
    path("", include("govcx.retention.urls")),
]
