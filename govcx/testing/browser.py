"""Test support for real-browser checks: Debian's Chromium driven by Playwright, axe-core, a
page on the live server, a fake agency web site on another origin, and the page's clock.

Lives in the package (not a conftest) so every app's browser tests share one set; the fixtures
are registered in govcx/conftest.py.
"""

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from govcx.testing.factories import PASSWORD

CHROMIUM = os.environ.get("GOVCX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test.sh installs it.")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def axe_violations(page: Any) -> list[str]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; describe each violation found."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser tab whose relative addresses go to the live server."""
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


def sign_in(page: Any, email: str) -> None:
    """Sign in through the sign-in form, as a person would (the world's password)."""
    page.goto(reverse("accounts:sign-in"))
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reverse("accounts:sign-in") not in page.url


def stop_clock(page: Any) -> None:
    """Install the page's clock, stopped: from now on only the test moves it (``run_for``). Call
    before the page loads."""
    start = datetime.now(UTC)
    page.clock.install(time=start)
    page.clock.pause_at(start + timedelta(seconds=1))


def run_clock_until(page: Any, done: Callable[[], bool], *, limit_ms: int = 30_000) -> int:
    """Move the page's stopped clock (``stop_clock``) on in small steps until ``done``; return how
    far it moved. Timers fire at once, while requests still take their real time."""
    moved = 0
    while not done():
        assert moved < limit_ms, f"still waiting after {moved} ms of page time"
        page.clock.run_for(100)
        moved += 100
        page.wait_for_timeout(10)  # real time, for a request the timers started to come back
    return moved


class AgencySite:
    """An agency's web site on its own origin (127.0.0.1; the live server is localhost), serving
    what the test publishes on it, under a Content-Security-Policy when one is given."""

    def __init__(self, govcx: str) -> None:
        self.govcx = govcx
        self.files: dict[str, tuple[str, bytes, str | None]] = {
            "/favicon.ico": ("image/x-icon", b"", None)
        }
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                found = files.get(urlsplit(self.path).path)
                if found is None:
                    self.send_error(404)
                    return
                kind, body, policy = found
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                if policy:
                    self.send_header("Content-Security-Policy", policy)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        assert urlsplit(self.origin).netloc != urlsplit(govcx).netloc
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def publish(
        self, path: str, body: str | bytes, *, kind: str = "text/html", policy: str | None = None
    ) -> str:
        """Serve ``body`` at ``path``; return its address."""
        data = body.encode() if isinstance(body, str) else body
        self.files[path] = (kind, data, policy)
        return self.origin + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def agency_site(live_server: Any) -> Iterator[AgencySite]:
    site = AgencySite(live_server.url)
    yield site
    site.close()
