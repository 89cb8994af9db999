"""Sign-in with Login.gov over OpenID Connect, through Authlib (ADR 10).

Authorization code flow with PKCE (S256) and private_key_jwt client authentication. Authlib checks
the state, signs the client assertion, exchanges the code, and verifies the ID token (signature
against the provider's published keys, issuer, audience, expiry, nonce); nothing here parses a
token by hand. The person's email address comes from the userinfo endpoint, as Login.gov sends it.
"""

import functools
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.django_client import (  # type: ignore[import-untyped]
    DjangoIntegration,
    DjangoOAuth2App,
)
from authlib.oauth2.rfc7523 import PrivateKeyJWT  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from joserfc.errors import JoseError
from requests import RequestException

logger = logging.getLogger(__name__)

# Seconds allowed for the provider's clock being ahead or behind ours when checking token times.
CLOCK_LEEWAY = 60
HTTP_TIMEOUT = 10

# acr values Login.gov accepts for authenticator strength (the AAL), and amr values that show
# a phishing-resistant method or a PIV/CAC card was used.
AAL_PHISHING_RESISTANT = "http://idmanagement.gov/ns/assurance/aal/2?phishing_resistant=true"
AAL_PIV_CAC = "http://idmanagement.gov/ns/assurance/aal/2?hspd12=true"


class LoginGovError(Exception):
    """The sign-in did not complete. ``reason`` is a short code for the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """Who Login.gov says signed in, from a verified ID token and the userinfo endpoint."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    acr: str
    amr: tuple[str, ...]


def login_gov_enabled() -> bool:
    return bool(settings.LOGIN_GOV_ISSUER)


def login_gov_client() -> DjangoOAuth2App:
    return _client(
        settings.LOGIN_GOV_ISSUER, settings.LOGIN_GOV_CLIENT_ID, settings.LOGIN_GOV_PRIVATE_KEY
    )


@functools.lru_cache(maxsize=4)
def _client(issuer: str, client_id: str, private_key: str) -> DjangoOAuth2App:
    """One client per configuration; it keeps the provider's metadata and keys once fetched."""
    return DjangoOAuth2App(
        DjangoIntegration("login_gov"),
        name="login_gov",
        client_id=client_id,
        client_secret=private_key,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": "openid email",
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "private_key_jwt",  # nosec B105 - a method name
            "default_timeout": HTTP_TIMEOUT,
        },
        client_auth_methods=[PrivateKeyJWT()],
    )


def login_gov_redirect(request: HttpRequest, *, redirect_uri: str, acr_values: str) -> HttpResponse:
    """Send the browser to Login.gov; the state, nonce and PKCE verifier stay in the session."""
    try:
        response: HttpResponse = login_gov_client().authorize_redirect(
            request, redirect_uri, acr_values=acr_values
        )
    except RequestException as error:
        logger.warning("Login.gov discovery failed: %s", error)
        raise LoginGovError("provider_unreachable") from None
    return response


def login_gov_identity(request: HttpRequest) -> Identity:
    """Finish the flow Login.gov redirected back from, or raise LoginGovError."""
    client = login_gov_client()
    try:
        # The audience must name this client: Authlib alone would accept another audience when
        # the token's azp names us.
        token = client.authorize_access_token(
            request,
            leeway=CLOCK_LEEWAY,
            claims_options={
                "iss": {"essential": True, "value": client.load_server_metadata()["issuer"]},
                "aud": {"essential": True, "value": settings.LOGIN_GOV_CLIENT_ID},
            },
        )
        claims = token.get("userinfo")
        if not claims:
            raise LoginGovError("no_id_token")
        userinfo = client.userinfo(token=token)
    except (AuthlibBaseError, JoseError) as error:
        # State, provider refusals (a replayed code, a rejected client assertion) and every
        # ID token check (signature, issuer, audience, expiry, nonce) end here.
        raise LoginGovError(_reason(error)) from None
    except RequestException as error:
        logger.warning("Login.gov request failed: %s", error)
        raise LoginGovError("provider_unreachable") from None
    if userinfo.get("sub") != claims["sub"]:
        raise LoginGovError("userinfo_subject_mismatch")
    amr = claims.get("amr") or []
    return Identity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=str(userinfo.get("email") or ""),
        email_verified=userinfo.get("email_verified") is True,
        acr=str(claims.get("acr") or ""),
        amr=tuple(str(method) for method in amr) if isinstance(amr, list) else (),
    )


def login_gov_end_session_url(*, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser so that Login.gov ends its own session too (OpenID Connect
    RP-initiated logout: Login.gov identifies the application by client_id, and sends the person
    back to the registered post_logout_redirect_uri). None when the provider cannot be reached or
    has no end-session endpoint: the govcx session is over either way."""
    try:
        endpoint = login_gov_client().load_server_metadata().get("end_session_endpoint")
    except RequestException as error:
        logger.warning("Login.gov discovery failed at sign-out: %s", error)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "client_id": settings.LOGIN_GOV_CLIENT_ID,
            "post_logout_redirect_uri": post_logout_redirect_uri,
        }
    )
    return f"{endpoint}?{query}"


def _reason(error: AuthlibBaseError | JoseError) -> str:
    description = getattr(error, "description", "") or ""
    return f"{error.error or type(error).__name__}: {description}".strip(": ")[:200]
