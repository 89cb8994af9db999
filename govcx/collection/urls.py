from django.urls import path

from govcx.collection import export_views, page_views, staff_views

app_name = "collection"
urlpatterns = [
    path("s/<str:public_id>/", page_views.survey_page, name="survey"),
    path("s/<str:public_id>/thanks/", page_views.thanks, name="thanks"),
    path(
        "touchpoints/<int:pk>/collect/", staff_views.touchpoint_collect, name="touchpoint-collect"
    ),
    path(
        "touchpoints/<int:pk>/keys/<int:key_pk>/revoke/",
        staff_views.key_revoke,
        name="key-revoke",
    ),
    path("responses/export/", export_views.responses_export, name="export"),
    path("rejections/", staff_views.platform_rejections, name="rejections"),
    path(
        "surveys/<int:pk>/import-responses/",
        staff_views.survey_import_responses,
        name="import-responses",
    ),
]
