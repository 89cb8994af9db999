from django.urls import path

from govcx.surveys import builder_views, views

app_name = "surveys"
urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/new/", views.survey_new, name="new"),
    path("surveys/import/", views.survey_import, name="import"),
    path("surveys/<int:pk>/", views.survey_detail, name="detail"),
    path("surveys/<int:pk>/transition/", views.survey_transition_view, name="transition"),
    path("surveys/<int:pk>/settings/", views.survey_settings, name="settings"),
    path("surveys/<int:pk>/delete/", views.survey_delete_view, name="delete"),
    path("surveys/<int:pk>/preview/", views.survey_preview, name="preview"),
    path("surveys/<int:pk>/export.json", views.survey_export, name="export"),
    path("surveys/<int:pk>/edit/", builder_views.outline, name="outline"),
    path("surveys/<int:pk>/edit/change/", builder_views.outline_change, name="outline-change"),
    path("surveys/<int:pk>/edit/questions/new/", builder_views.question_edit, name="question-new"),
    path(
        "surveys/<int:pk>/edit/questions/<slug:key>/", builder_views.question_edit, name="question"
    ),
    path("surveys/<int:pk>/edit/pages/<slug:key>/", builder_views.page_edit, name="page"),
    path("surveys/<int:pk>/edit/texts/", builder_views.texts_edit, name="texts"),
    path("surveys/<int:pk>/edit/languages/", builder_views.languages, name="languages"),
    path(
        "surveys/<int:pk>/edit/translations/<str:language>/",
        builder_views.translations,
        name="translations",
    ),
]
