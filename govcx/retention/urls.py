from django.urls import path

from govcx.retention import views

app_name = "retention"
urlpatterns = [
    path("organizations/<slug:slug>/retention/", views.retention, name="organization"),
    path("organizations/<slug:slug>/retention/holds/", views.hold_place, name="hold-place"),
    path(
        "organizations/<slug:slug>/retention/holds/<int:pk>/clear/",
        views.hold_clear,
        name="hold-clear",
    ),
]
