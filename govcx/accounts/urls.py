from django.urls import path

from govcx.accounts import session_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("session/", session_views.session_status, name="session-status"),
    path("session/extend/", session_views.session_extend, name="session-extend"),
    path("organizations/<slug:slug>/members/", views.members, name="members"),
    path("organizations/<slug:slug>/members/<int:pk>/", views.member, name="member"),
]
