from django.urls import path

from govcx.accounts import session_views, sign_in_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", sign_in_views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", sign_in_views.mfa_verify, name="mfa-verify"),
    path("sign-in/authenticator/", sign_in_views.mfa_enroll, name="mfa-enroll"),
    path(
        "sign-in/authenticator/check-email/",
        sign_in_views.mfa_link_sent,
        name="mfa-link-sent",
    ),
    path(
        "sign-in/authenticator/link/<str:uidb64>/<str:token>/",
        sign_in_views.mfa_link,
        name="mfa-link",
    ),
    path("sign-in/login-gov/", sign_in_views.login_gov_start, name="login-gov"),
    path(
        "sign-in/login-gov/callback/",
        sign_in_views.login_gov_callback,
        name="login-gov-callback",
    ),
    path("sign-out/", sign_in_views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", sign_in_views.signed_out, name="signed-out"),
    path("session/", session_views.session_status, name="session-status"),
    path("session/extend/", session_views.session_extend, name="session-extend"),
    path("organizations/<slug:slug>/members/", views.members, name="members"),
    path("organizations/<slug:slug>/members/<int:pk>/", views.member, name="member"),
    path("account/api-tokens/", token_views.api_tokens, name="api-tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        token_views.api_token_revoke_view,
        name="api-token-revoke",
    ),
]
