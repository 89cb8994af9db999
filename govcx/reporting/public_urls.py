from django.urls import path

from govcx.core.converters import register_choice
from govcx.reporting import public_views

register_choice("fmt", "json", "csv")

app_name = "trust"
urlpatterns = [
    path("trust/", public_views.trust_index, name="index"),
    path("trust/methodology/", public_views.methodology, name="methodology"),
    path("trust/agencies/<slug:slug>/", public_views.trust_hisp, name="hisp"),
    path("trust/agencies/<slug:slug>.<fmt:fmt>", public_views.trust_hisp, name="hisp-data"),
    path("trust/services/<int:pk>/", public_views.trust_service, name="service"),
    path("trust/services/<int:pk>.<fmt:fmt>", public_views.trust_service, name="service-data"),
    path("trust/life-events/<slug:slug>/", public_views.trust_life_event, name="life-event"),
    path(
        "trust/life-events/<slug:slug>.<fmt:fmt>",
        public_views.trust_life_event,
        name="life-event-data",
    ),
]
