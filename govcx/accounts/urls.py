from django.urls import path

from govcx.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("organizations/<slug:slug>/members/", views.members, name="members"),
    path("organizations/<slug:slug>/members/<int:pk>/", views.member, name="member"),
]
