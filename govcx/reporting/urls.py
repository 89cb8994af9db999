from django.urls import path

from govcx.core.converters import register_choice
from govcx.reporting import views

register_choice("table", "csv", "xlsx")

app_name = "reporting"
urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/government/", views.government_view, name="government"),
    path("reports/export.<table:fmt>", views.quarter_export, name="quarter-export"),
    path(
        "reports/start/<int:service_pk>/<int:fiscal_year>/<int:quarter>/",
        views.report_start,
        name="start",
    ),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/do/<str:action>/", views.report_transition, name="transition"),
    path("reports/<int:pk>/export.<table:fmt>", views.report_export, name="export"),
    path(
        "reports/<int:pk>/surveys/<int:detail_pk>/a11-responses.csv",
        views.detail_responses_csv,
        name="a11-responses",
    ),
    path(
        "reports/<int:pk>/surveys/<int:detail_pk>/a11-legacy.csv",
        views.detail_legacy_csv,
        name="a11-legacy",
    ),
]
