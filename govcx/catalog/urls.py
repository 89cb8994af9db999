from django.urls import path

from govcx.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/new/", views.organization_create, name="organization-create"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("organizations/<slug:slug>/edit/", views.organization_edit, name="organization-edit"),
    path("services/", views.services, name="services"),
    path("services/new/", views.service_create, name="service-create"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/edit/", views.service_edit, name="service-edit"),
    path(
        "services/<int:service_pk>/touchpoints/new/",
        views.touchpoint_create,
        name="touchpoint-create",
    ),
    path("touchpoints/<int:pk>/edit/", views.touchpoint_edit, name="touchpoint-edit"),
    path("life-events/", views.life_events, name="life-events"),
    path("life-events/new/", views.life_event_create, name="life-event-create"),
    path("life-events/<slug:slug>/", views.life_event_detail, name="life-event"),
    path("life-events/<slug:slug>/edit/", views.life_event_edit, name="life-event-edit"),
]
