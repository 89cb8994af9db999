from django.urls import path

from govcx.analytics import equity_views, views

app_name = "analytics"
urlpatterns = [
    path("organizations/<slug:slug>/dashboard/", views.organization_dashboard, name="organization"),
    path("services/<int:pk>/dashboard/", views.service_dashboard, name="service"),
    path("touchpoints/<int:pk>/dashboard/", views.touchpoint_dashboard, name="touchpoint"),
    path("life-events/<slug:slug>/dashboard/", views.life_event_dashboard, name="life-event"),
    path(
        "organizations/<slug:slug>/equity/",
        equity_views.organization_equity,
        name="organization-equity",
    ),
    path("services/<int:pk>/equity/", equity_views.service_equity, name="service-equity"),
    path(
        "organizations/<slug:slug>/drivers/",
        views.organization_drivers,
        name="organization-drivers",
    ),
    path("services/<int:pk>/drivers/", views.service_drivers, name="service-drivers"),
    path("life-events/<slug:slug>/drivers/", views.life_event_drivers, name="life-event-drivers"),
    path(
        "life-events/<slug:slug>/equity/", equity_views.life_event_equity, name="life-event-equity"
    ),
]
