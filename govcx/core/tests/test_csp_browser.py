"""The Content-Security-Policy in a real headless Chromium: every kind of page loads and runs its
scripts with no policy violation and no script error (USWDS, the survey page's live rules, the
survey builder, dashboards' charts, Swagger UI on the API docs page), and the idle-timeout
warning appears, keeps the session when asked, and then signs out with the reason shown."""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from govcx.accounts import middleware, sessions
from govcx.accounts.sessions import ACTIVE_AT
from govcx.collection.tests.helpers import published_survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.browser import AgencySite, axe_violations
from govcx.testing.factories import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass
class Tab:
    page: Any
    problems: list[str] = field(default_factory=list)

    def visit(self, path: str, status: int = 200) -> None:
        response = self.page.goto(path)
        assert response.status == status, path
        self.page.wait_for_load_state("load")
        self.assert_clean(path)

    def assert_clean(self, where: str) -> None:
        violations = self.page.evaluate("window.__csp")
        assert violations == [], (where, violations)
        assert self.problems == [], (where, self.problems)

    def sign_in(self, email: str) -> None:
        self.page.goto(reverse("accounts:sign-in"))
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("main button[type=submit]")
        assert reverse("accounts:sign-in") not in self.page.url


@pytest.fixture
def tab(browser: Any, live_server: Any) -> Iterator[Tab]:
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    opened = Tab(page)
    page.on("pageerror", lambda error: opened.problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            opened.problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield opened
    context.close()


def test_every_kind_of_page_runs_with_no_policy_violation(tab: Tab, world: World) -> None:
    survey = published_survey(world)
    draft = make_survey(world)
    tab.visit("/")
    tab.visit(reverse("accounts:sign-in"))
    tab.visit(f"/s/{survey.public_id}/")
    tab.page.click("main form button[value=next]")  # unanswered: the error summary, by script
    tab.assert_clean("survey page with errors")
    tab.visit(f"/s/{survey.public_id}/thanks/")
    tab.visit("/no-such-page/", status=404)

    tab.sign_in(world.owner.email)
    tab.assert_clean("sign-in")
    for path in (
        reverse("catalog:home"),
        reverse("catalog:organizations"),
        reverse("catalog:service", args=[world.service.pk]),
        reverse("surveys:detail", args=[draft.pk]),
        reverse("surveys:outline", args=[draft.pk]),
        reverse("surveys:question-new", args=[draft.pk]),
        reverse("surveys:preview", args=[draft.pk]),
        reverse("analytics:organization", args=["fema"]),
        reverse("audit:organization-log", args=["fema"]),
    ):
        tab.visit(path)
        assert tab.page.evaluate("window.uswdsPresent") is True, path
    # USWDS's behaviours run: the banner opens.
    tab.page.click("button.usa-banner__button")
    assert tab.page.locator("#gov-banner").is_visible()
    tab.visit(reverse("audit:platform-log"), status=403)


def test_the_django_admin_runs_its_scripts_with_no_violation(tab: Tab, world: World) -> None:
    tab.sign_in(world.platform.email)
    for path in ("/django-admin/", "/django-admin/accounts/user/"):
        tab.visit(path)
    tab.visit(f"/django-admin/accounts/user/{world.owner.pk}/change/")
    # The admin's own scripts ran: the theme switcher is set up.
    assert tab.page.evaluate("document.documentElement.dataset.theme") is not None


def test_the_api_docs_render_under_the_policy(tab: Tab) -> None:
    tab.visit("/api/v1/docs")
    tab.page.wait_for_selector(".swagger-ui .opblock-summary", timeout=15_000)
    assert "govcx API" in tab.page.inner_text(".swagger-ui .info")
    tab.assert_clean("API docs")


class SharedClock:
    """The page's timers and the server's session clock, moved on together: what an idle user
    would see over minutes, in well under a second of real time."""

    def __init__(self, page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.page = page
        self.ahead = 0.0
        page.clock.install()
        # The live server runs in this process: its session checks read this clock.
        monkeypatch.setattr(sessions, "time", self)
        monkeypatch.setattr(middleware, "time", self)

    def time(self) -> float:
        return time.time() + self.ahead

    def run_for(self, seconds: int) -> None:
        """Move both clocks on a second at a time, as the page's timers would see it."""
        for _ in range(seconds):
            self.ahead += 1
            self.page.clock.run_for(1000)


def test_the_idle_warning_keeps_the_session_when_asked_then_signs_out(
    tab: Tab, world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.GOVCX_SESSION_IDLE_SECONDS = 6
    settings.GOVCX_SESSION_WARNING_SECONDS = 4
    clock = SharedClock(tab.page, monkeypatch)
    tab.sign_in(world.owner.email)
    tab.visit(reverse("catalog:organizations"))
    warning = tab.page.locator("#session-warning")
    stay = warning.get_by_role("button", name="Stay signed in")
    clock.run_for(1)
    assert not warning.is_visible()
    clock.run_for(1)  # four seconds left: the page asks the server, which says so
    stay.wait_for(state="visible", timeout=5_000)
    assert tab.page.locator("#session-warning-heading").is_visible()
    assert tab.page.locator("[data-session-countdown]").inner_text().startswith("0:0")
    assert axe_violations(tab.page) == []

    from django.contrib.sessions.models import Session

    def active_at() -> float:
        return float(Session.objects.get().get_decoded()[ACTIVE_AT])

    before = active_at()
    stay.click()
    stay.wait_for(state="hidden", timeout=3_000)
    assert active_at() > before
    # Nothing more happens: the warning comes back, then the session ends on the server and the
    # browser lands on the sign-in page, which says why.
    clock.run_for(2)
    stay.wait_for(state="visible", timeout=5_000)
    with tab.page.expect_navigation(url="**/sign-in/?next=*", timeout=5_000):
        clock.run_for(4)
    assert "no activity for" in tab.page.inner_text("main")
    assert not Session.objects.exists()
    tab.assert_clean("after the timeout")
    tab.page.goto(reverse("catalog:organizations"))
    assert reverse("accounts:sign-in") in tab.page.url


def test_only_the_touchpoints_websites_can_frame_the_hosted_survey_page(
    tab: Tab, world: World, live_server: Any, agency_site: AgencySite
) -> None:
    origin = agency_site.origin
    survey = published_survey(world)
    world.touchpoint.allowed_origins = [origin]
    world.touchpoint.save()
    address = f"{live_server.url}/s/{survey.public_id}/?tp={world.touchpoint.pk}"
    agency_site.publish(
        "/apply",
        f'<!doctype html><html lang="en"><head><title>Apply</title></head><body>'
        f'<iframe title="Survey" src="{address}" width="800" height="900"></iframe></body></html>',
    )

    tab.page.goto(f"{origin}/apply")
    survey_frame = tab.page.frame_locator("iframe")
    survey_frame.locator("input[name=trust][value='1'] + label").click()
    survey_frame.get_by_role("button", name="Submit").click()
    tab.page.frames[1].wait_for_url("**/thanks/?*")
    expect(survey_frame.locator("h1")).to_be_visible()
    assert tab.problems == []

    world.touchpoint.allowed_origins = []
    world.touchpoint.save()
    tab.page.goto(f"{origin}/apply")
    tab.page.wait_for_load_state("load")
    assert any("frame-ancestors 'none'" in problem for problem in tab.problems), tab.problems
    assert not tab.page.frames[1].url.startswith(live_server.url)
