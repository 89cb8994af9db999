from django.urls import path

from govcx.collection import page_views

app_name = "collection"
urlpatterns = [
    path("s/<str:public_id>/", page_views.survey_page, name="survey"),
    path("s/<str:public_id>/thanks/", page_views.thanks, name="thanks"),
]
