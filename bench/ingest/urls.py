from django.urls import include, path

from bench.ingest import views

urlpatterns = [
    path("bench/hello", views.hello),
    path("bench/insert", views.insert),
    path("", include("govcx.urls")),
]
