from django.urls import path

from govcx.accounts import token_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("organizations/<slug:slug>/members/", views.members, name="members"),
    path("organizations/<slug:slug>/members/<int:pk>/", views.member, name="member"),
    path("account/api-tokens/", token_views.api_tokens, name="api-tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        token_views.api_token_revoke_view,
        name="api-token-revoke",
    ),
]
