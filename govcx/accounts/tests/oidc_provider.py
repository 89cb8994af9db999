"""A real OpenID Connect provider process (tools/oidc-provider, panva's oidc-provider on Node.js)
for the sign-in tests, and a person's browser visiting it.

The provider requires PKCE and private_key_jwt, as Login.gov does for web applications; the test
client's private key is made here and only its public half is given to the provider.
"""

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc.jwk import RSAKey

TOOL_DIR = Path(__file__).resolve().parents[3] / "tools" / "oidc-provider"
CLIENT_ID = "urn:gov:gsa:openidconnect.profiles:sp:sso:govcx:test"
REDIRECT_URI = "http://testserver/sign-in/login-gov/callback/"
POST_LOGOUT_REDIRECT_URI = "http://testserver/signed-out/"


def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Provider:
    issuer: str
    client_key: str

    def next_account(
        self,
        *,
        sub: str,
        email: str,
        email_verified: bool = True,
        acr: str = "urn:acr.login.gov:auth-only",
        amr: tuple[str, ...] = ("pwd", "sms"),
    ) -> None:
        """Who signs in at the provider next, and how."""
        body: dict[str, Any] = {
            "sub": sub,
            "email": email,
            "email_verified": email_verified,
            "acr": acr,
            "amr": list(amr),
        }
        requests.post(f"{self.issuer}/__test/account", json=body, timeout=5).raise_for_status()

    def misbehave_once(self, scenario: str) -> None:
        requests.post(
            f"{self.issuer}/__test/scenario", json={"name": scenario}, timeout=5
        ).raise_for_status()

    def sign_in_at_provider(
        self, authorize_url: str, browser: requests.Session | None = None
    ) -> str:
        """Follow the provider's redirects as a browser would, until it sends the person back to
        govcx; return that callback address (with code and state, or an error). Pass the same
        ``browser`` to keep the person's session at the provider between visits."""
        return _follow(browser or requests.Session(), "GET", authorize_url, REDIRECT_URI)

    def confirm_sign_out_at_provider(self, end_session_url: str, browser: requests.Session) -> str:
        """Visit the provider's end-session page, answer "Yes, sign me out" on its form, and
        return the address the provider then sends the person back to."""
        page = browser.get(end_session_url, timeout=10)
        found = re.search(r'action="([^"]+)".*?name="xsrf" value="([^"]+)"', page.text, re.S)
        if page.status_code != 200 or not found:
            raise AssertionError(f"no sign-out form: {page.status_code} {page.text[:500]}")
        action = urljoin(end_session_url, found.group(1))
        form = {"xsrf": found.group(2), "logout": "yes"}
        return _follow(browser, "POST", action, POST_LOGOUT_REDIRECT_URI, data=form)


def _follow(browser: requests.Session, method: str, url: str, until: str, **kwargs: Any) -> str:
    """Follow redirects until one points at ``until``; return that address."""
    for _ in range(10):
        response = browser.request(method, url, allow_redirects=False, timeout=10, **kwargs)
        method, kwargs = "GET", {}
        location = response.headers.get("location")
        if response.status_code not in {302, 303} or not location:
            raise AssertionError(f"provider answered {response.status_code}: {response.text}")
        url = urljoin(url, location)
        if url.startswith(until):
            return url
    raise AssertionError("the provider never redirected back")


@contextlib.contextmanager
def provider_process(
    redirect_uri: str = REDIRECT_URI, post_logout_redirect_uri: str = POST_LOGOUT_REDIRECT_URI
) -> Iterator[Provider]:
    """A provider process that knows govcx's client by these addresses (the test client's
    "testserver" by default; a live server's for browser tests)."""
    node = shutil.which("node")
    if node is None or not (TOOL_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.skip(
            "Node.js or tools/oidc-provider/node_modules missing (scripts/test.sh installs)"
        )
    client_key = private_key_pem()
    public = RSAKey.import_key(client_key).as_dict(private=False)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed program and arguments
        [node, str(TOOL_DIR / "provider.mjs")],
        env={
            **os.environ,
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_JWKS": json.dumps({"keys": [{**public, "alg": "RS256", "use": "sig"}]}),
            "REDIRECT_URI": redirect_uri,
            "POST_LOGOUT_REDIRECT_URI": post_logout_redirect_uri,
        },
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        if not ready.startswith("ready "):
            raise RuntimeError(f"provider did not start: {ready!r} (its errors are above)")
        yield Provider(issuer=ready.split()[1], client_key=client_key)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    with provider_process() as provider:
        yield provider
