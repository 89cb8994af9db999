from django.urls import path

from govcx.audit import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.platform_log, name="platform-log"),
    path("organizations/<slug:slug>/audit/", views.organization_log, name="organization-log"),
]
