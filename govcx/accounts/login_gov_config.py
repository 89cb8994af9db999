"""Start-up checks of the Login.gov settings, so a bad key stops the server, not a sign-in."""

from django.core.exceptions import ImproperlyConfigured
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey


def check_login_gov_settings(
    *, issuer: str, client_id: str, private_key: str, production: bool
) -> None:
    # Plain http only for a provider on this machine during development and tests.
    local = not production and issuer.startswith("http://127.0.0.1:")
    if not issuer.startswith("https://") and not local:
        raise ImproperlyConfigured(
            "LOGIN_GOV_ISSUER: use the https:// address, e.g. https://secure.login.gov."
        )
    if not client_id:
        raise ImproperlyConfigured("LOGIN_GOV_CLIENT_ID: required when LOGIN_GOV_ISSUER is set.")
    if not private_key:
        raise ImproperlyConfigured(
            "LOGIN_GOV_PRIVATE_KEY: required when LOGIN_GOV_ISSUER is set "
            "(the PEM private key whose certificate is registered with Login.gov)."
        )
    try:
        key = RSAKey.import_key(private_key)
    except (JoseError, ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"LOGIN_GOV_PRIVATE_KEY: not a PEM RSA private key ({error})."
        ) from None
    if not key.is_private:
        raise ImproperlyConfigured(
            "LOGIN_GOV_PRIVATE_KEY: this is a public key; give the private one."
        )
