"""The embeddable widget (static/collection/widget-v1.js) in headless Chromium.

Each test serves a host page from the fake agency site (govcx/testing/browser.py), on another
origin than govcx, with a strict Content-Security-Policy and a stylesheet that tries to break the
widget.
"""

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import expect

from govcx.collection.models import Response
from govcx.collection.redaction import redact
from govcx.collection.tests.helpers import published_survey, with_privacy
from govcx.surveys.definition import SCHEMA
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import draft_save
from govcx.testing.browser import AgencySite, axe_violations, run_clock_until, stop_clock
from govcx.testing.factories import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDGET = "/static/collection/widget-v1.js"
TITLE = "Apply for disaster assistance: tell us about your experience"
THANKS = "Thank you. Your feedback helps us serve the public better."
# Everything a careless host stylesheet could do to an embedded widget.
HOSTILE_CSS = b"""
* { color: red !important; font-size: 40px !important; display: inline !important;
    background: yellow !important; }
"""
PLAIN_CSS = b"body { font-family: sans-serif; margin: 2rem; }"
# Runs before the page's own scripts and outside its CSP: records the widget's events and any
# CSP violation the page reports.
RECORDER = """
window.__events = [];
window.__csp = [];
for (const name of ["loaded", "opened", "submitted", "failed"]) {
  document.addEventListener("govcx:" + name, (e) => {
    window.__events.push({type: e.type, detail: e.detail});
  });
}
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""
# The element that has focus, looking through shadow roots.
FOCUSED = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
  if (!el) { return null; }
  const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    id: el.id,
    role: el.getAttribute("role") || "",
    text: (label || "").trim(),
    in_dialog: !!el.closest("[role=dialog]"),
  };
}"""


def host_page(
    site: AgencySite,
    path: str,
    snippet: dict[str, str],
    *,
    body: str = "",
    css: str = "hostile.css",
) -> str:
    """Publish a page with the widget's snippet, under a strict policy; return its address."""
    attributes = " ".join(f'{name}="{html.escape(value)}"' for name, value in snippet.items())
    document = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Apply for assistance</title>
<link rel="stylesheet" href="/{css}"></head>
<body><main><h1>Apply for disaster assistance</h1><p>Agency content.</p>{body}</main>
<script src="{site.govcx}{WIDGET}" defer {attributes}></script>
</body></html>"""
    policy = (
        f"default-src 'none'; script-src {site.govcx}; connect-src {site.govcx}; "
        "style-src 'self'; img-src 'self'"
    )
    return site.publish(path, document, policy=policy)


@dataclass
class Tab:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def events(self) -> list[dict[str, Any]]:
        return list(self.page.evaluate("window.__events"))

    def assert_clean(self) -> None:
        """No script error and nothing refused by the host page's Content-Security-Policy."""
        assert self.page_errors == []
        assert self.page.evaluate("window.__csp") == []
        assert [m for m in self.console_errors if "Content Security Policy" in m] == []


@pytest.fixture
def site(agency_site: AgencySite) -> AgencySite:
    agency_site.publish("/hostile.css", HOSTILE_CSS, kind="text/css")
    agency_site.publish("/plain.css", PLAIN_CSS, kind="text/css")
    return agency_site


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(RECORDER)
    opened = Tab(page)
    page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else 0)
    page.on("pageerror", lambda error: opened.page_errors.append(str(error)))
    yield opened
    context.close()


def allow(world: World, site: AgencySite) -> None:
    world.touchpoint.allowed_origins = [site.origin]
    world.touchpoint.save()


@pytest.fixture
def survey(world: World, site: AgencySite) -> Survey:
    published = published_survey(world)
    allow(world, site)
    return published


def snippet(survey: Survey, **data: str) -> dict[str, str]:
    attributes = {
        "data-govcx-survey": survey.public_id,
        "data-govcx-touchpoint": str(survey.touchpoints.get().pk),
    }
    attributes.update({f"data-govcx-{name}": value for name, value in data.items()})
    return attributes


def loaded(tab: Tab) -> None:
    tab.page.wait_for_function("() => window.__events.some(e => e.type === 'govcx:loaded')")


def focused(page: Any) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(FOCUSED)
    return found


def tab_until(page: Any, wanted: Callable[[dict[str, Any]], bool], limit: int = 30) -> None:
    """Press Tab until the focused element is the wanted one."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted(focused(page)):
            return
    raise AssertionError(f"Tab never reached the element; last focus {focused(page)}")


def shadow(page: Any, script: str) -> Any:
    """Evaluate `script` (an expression using `root`, the widget's shadow root) in the page."""
    return page.evaluate(
        f"() => {{ const root = document.querySelector('[data-govcx-widget]').shadowRoot; "
        f"return {script}; }}"
    )


def test_the_floating_button_opens_a_dialog_that_keeps_focus(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    page.goto(host_page(site, "/apply", snippet(survey, mode="button")))
    loaded(tab)
    button = page.get_by_role("button", name="Give feedback")
    expect(button).to_be_visible()
    button.click()
    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    assert focused(page)["in_dialog"]
    assert shadow(page, "root.querySelector('[role=dialog]').getAttribute('aria-modal')") == "true"

    forward = []
    for _ in range(14):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["in_dialog"], now
        forward.append(now["text"])
    assert forward.count("Close") >= 2  # went round at least once
    assert "Submit" in forward
    backward = []
    for _ in range(14):
        page.keyboard.press("Shift+Tab")
        now = focused(page)
        assert now["in_dialog"], now
        backward.append(now["text"])
    assert backward.count("Close") >= 2

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused(page) == {
        "tag": "button",
        "type": "button",
        "id": "",
        "role": "",
        "text": "Give feedback",
        "in_dialog": False,
    }
    assert [e["type"] for e in tab.events()] == ["govcx:loaded", "govcx:opened"]
    tab.assert_clean()


def test_host_css_changes_nothing_inside_the_widget(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    page.goto(host_page(site, "/apply", snippet(survey)))
    loaded(tab)
    page.get_by_role("button", name="Give feedback").click()
    # The hostile stylesheet did load and does apply to the host's own page.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize") == "40px"
    title = shadow(
        page,
        "(() => { const s = getComputedStyle(root.querySelector('h2')); "
        "return {size: s.fontSize, color: s.color, display: s.display}; })()",
    )
    assert title["size"] != "40px"
    assert title == {"size": "20px", "color": "rgb(27, 27, 27)", "display": "block"}
    fab = shadow(page, "getComputedStyle(root.querySelector('.fab')).position")
    assert fab == "fixed"
    tab.assert_clean()


def test_a_keyboard_user_answers_and_submits(tab: Tab, site: AgencySite, survey: Survey) -> None:
    page = tab.page
    page.goto(host_page(site, "/apply/status", snippet(survey)) + "?claim=123#top")
    loaded(tab)
    page.get_by_role("button", name="Give feedback").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    tab_until(page, lambda f: f["type"] == "radio")
    page.keyboard.press("ArrowDown")  # moves to, and chooses, "Thumbs down: no"
    assert focused(page)["text"] == "Thumbs down: no"
    expect(page.get_by_role("group", name="What didn't go so well?")).to_be_visible()
    expect(page.get_by_text("What went well?")).to_be_hidden()

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "I got what I needed"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "It was easy"
    page.keyboard.press("Space")
    tab_until(page, lambda f: f["tag"] == "textarea")
    comment = "It took weeks. My SSN is 123-45-6789."
    page.keyboard.type(comment)
    tab_until(page, lambda f: f["text"] == "Submit")
    page.keyboard.press("Enter")

    thanks = page.get_by_role("status").filter(has_text=THANKS)
    expect(thanks).to_be_visible()
    assert focused(page)["role"] == "status"
    stored = Response.objects.get()
    assert stored.source == "widget"
    assert stored.answers == {
        "trust": "0",
        "went_poorly": ["effectiveness", "ease"],
        "comment": redact(comment).text,
    }
    assert "123-45-6789" not in stored.answers["comment"]
    assert stored.page_url == site.origin + "/apply/status"
    assert stored.language == "en"
    events = tab.events()
    assert [e["type"] for e in events] == ["govcx:loaded", "govcx:opened", "govcx:submitted"]
    assert events[2]["detail"] == {"survey": survey.public_id, "response_id": stored.pk}
    tab.assert_clean()


def answer_and_submit(page: Any) -> None:
    page.get_by_role("button", name="Give feedback").click()
    page.get_by_label("Thumbs up: yes").check()
    page.get_by_role("checkbox", name="It was quick").check()
    page.get_by_role("button", name="Submit").click()


def test_a_failed_request_is_retried_with_the_same_key(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    sent: list[dict[str, Any]] = []

    def first_fails(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sent.append(route.request.post_data_json)
        if len(sent) == 1:
            route.abort()
        else:
            route.continue_()

    page.route("**/api/v1/submissions", first_fails)
    stop_clock(page)
    page.goto(host_page(site, "/apply", snippet(survey)))
    loaded(tab)
    answer_and_submit(page)
    waited = run_clock_until(page, page.get_by_text(THANKS).is_visible)
    assert waited >= 1000  # the retry waited its second
    assert len(sent) == 2
    assert sent[0] == sent[1]
    assert len(sent[0]["idempotency_key"]) >= 32
    assert Response.objects.count() == 1
    tab.assert_clean()


def test_a_lost_response_is_retried_without_storing_twice(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    sent: list[dict[str, Any]] = []
    statuses: list[int] = []

    def first_answer_lost(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sent.append(route.request.post_data_json)
        if len(sent) == 1:
            reached = route.fetch()  # the server stores the response...
            statuses.append(reached.status)
            route.fulfill(  # ...and the browser sees a 503 instead
                status=503,
                headers={"Access-Control-Allow-Origin": site.origin},
                content_type="application/json",
                body='{"error": "unavailable"}',
            )
        else:
            route.continue_()

    page.route("**/api/v1/submissions", first_answer_lost)
    stop_clock(page)
    page.goto(host_page(site, "/apply", snippet(survey)))
    loaded(tab)
    answer_and_submit(page)
    waited = run_clock_until(page, page.get_by_text(THANKS).is_visible)
    assert waited >= 1000
    assert statuses == [201]
    assert len(sent) == 2
    assert sent[0]["idempotency_key"] == sent[1]["idempotency_key"]
    assert Response.objects.count() == 1
    submitted = [e for e in tab.events() if e["type"] == "govcx:submitted"]
    assert submitted[0]["detail"]["response_id"] == Response.objects.get().pk
    tab.assert_clean()


def test_after_the_automatic_retries_the_button_resends_the_same_key(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    sent: list[dict[str, Any]] = []

    def unreachable(route: Any) -> None:
        if route.request.method == "POST":
            sent.append(route.request.post_data_json)
        route.abort()

    page.route("**/api/v1/submissions", unreachable)
    stop_clock(page)
    page.goto(host_page(site, "/apply", snippet(survey)))
    loaded(tab)
    answer_and_submit(page)
    failed = page.get_by_text("We could not send your answers. Please try again.")
    waited = run_clock_until(page, failed.is_visible)
    assert waited >= 1000 + 2000 + 4000  # the retries backed off
    assert len(sent) == 4  # the first try and three automatic retries
    assert [e["detail"] for e in tab.events() if e["type"] == "govcx:failed"] == [
        {"survey": survey.public_id, "status": 0}
    ]
    page.unroute("**/api/v1/submissions")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text(THANKS)).to_be_visible()
    assert Response.objects.get().idempotency_key == sent[0]["idempotency_key"]
    assert {s["idempotency_key"] for s in sent} == {sent[0]["idempotency_key"]}
    tab.assert_clean()


def test_inline_mode_renders_in_the_container_without_a_dialog(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    slot = '<section id="feedback-slot" aria-label="Feedback"></section>'
    page.goto(
        host_page(
            site, "/inline", snippet(survey, mode="inline", target="#feedback-slot"), body=slot
        )
    )
    loaded(tab)
    assert page.locator("#feedback-slot > [data-govcx-widget]").count() == 1
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_role("button", name="Give feedback").count() == 0
    page.get_by_label("Thumbs up: yes").check()
    expect(page.get_by_role("group", name="What went well?")).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text(THANKS)).to_be_visible()
    assert Response.objects.get().answers == {"trust": "1"}
    assert [e["type"] for e in tab.events()] == [
        "govcx:loaded",
        "govcx:opened",
        "govcx:submitted",
    ]
    tab.assert_clean()


def test_the_hosts_own_button_opens_the_dialog_in_custom_mode(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    own = '<button id="tell-us" type="button">Tell us how we did</button>'
    page.goto(
        host_page(site, "/custom", snippet(survey, mode="custom", target="#tell-us"), body=own)
    )
    loaded(tab)
    assert page.get_by_role("button", name="Give feedback").count() == 0
    page.get_by_role("button", name="Tell us how we did").click()
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    page.get_by_role("button", name="Close").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert focused(page)["id"] == "tell-us"
    tab.assert_clean()


def test_spanish_by_the_snippets_language(tab: Tab, site: AgencySite, survey: Survey) -> None:
    page = tab.page
    page.goto(host_page(site, "/es", snippet(survey, lang="es")))
    loaded(tab)
    page.locator("[data-govcx-widget]").get_by_role("button").click()
    dialog = page.get_by_role("dialog", name="cuéntenos sobre su experiencia")
    expect(dialog).to_be_visible()
    assert shadow(page, "root.querySelector('.bk').lang") == "es"
    expect(page.get_by_role("button", name="Cerrar")).to_be_visible()
    expect(page.get_by_text("Número de control de la OMB: 3090-0325")).to_be_visible()
    page.get_by_label("Pulgar abajo: no").check()
    expect(page.get_by_role("group", name="¿Qué no salió tan bien?")).to_be_visible()
    page.get_by_role("dialog").get_by_role("button").last.click()
    expect(page.get_by_text("Gracias. Sus comentarios nos ayudan")).to_be_visible()
    assert Response.objects.get().language == "es"
    tab.assert_clean()


def test_no_accessibility_violations_open_invalid_and_thanked(
    tab: Tab, site: AgencySite, survey: Survey
) -> None:
    page = tab.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(host_page(site, "/axe", snippet(survey), css="plain.css"))
    loaded(tab)
    page.get_by_role("button", name="Give feedback").click()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Submit").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct these problems")
    assert focused(page)["role"] == "alert"
    assert axe_violations(page) == []
    summary.get_by_role("link").click()
    now = focused(page)
    assert (now["type"], now["text"]) == ("radio", "Thumbs up: yes")
    invalid = shadow(
        page,
        "[...root.querySelectorAll('[name=trust]')].map(i => i.getAttribute('aria-invalid'))",
    )
    assert invalid == ["true", "true"]
    described = shadow(page, "root.getElementById('q-trust').getAttribute('aria-describedby')")
    assert described == "q-trust-e"

    page.get_by_label("Thumbs up: yes").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text(THANKS)).to_be_visible()
    assert axe_violations(page) == []
    tab.assert_clean()


def test_a_closed_survey_shows_its_message_instead_of_a_form(
    tab: Tab, site: AgencySite, survey: Survey, world: World
) -> None:
    survey_transition(survey=survey, name="close", by=world.owner)
    page = tab.page
    slot = '<div id="slot"></div>'
    page.goto(host_page(site, "/closed", snippet(survey, mode="inline", target="#slot"), body=slot))
    loaded(tab)
    expect(page.get_by_text("This survey has closed. Thank you for your interest.")).to_be_visible()
    assert page.get_by_role("radio").count() == 0
    assert page.get_by_role("button").count() == 0
    assert tab.events()[0]["detail"] == {"survey": survey.public_id, "accepting": False}
    tab.assert_clean()


EVERY_TYPE: dict[str, Any] = {
    "schema": SCHEMA,
    "languages": ["en"],
    "title": {"en": "Every kind of question"},
    "privacy": {
        "authority": {"en": "5 U.S.C. 301."},
        "purpose": {"en": "To reply to you."},
        "routine_uses": {"en": "None."},
        "disclosure": {"en": "Voluntary."},
        "sorn": "GSA/OGP-1",
    },
    "pages": [
        {
            "key": "about",
            "title": {"en": "About your visit"},
            "questions": [
                {
                    "key": "visit",
                    "type": "single_choice",
                    "text": {"en": "Why did you visit?"},
                    "help": {"en": "Choose the main reason."},
                    "required": True,
                    "options": [
                        {"value": "claim", "label": {"en": "File a claim"}},
                        {"value": "status", "label": {"en": "Check a status"}},
                    ],
                },
                {"key": "agree", "type": "agreement5", "text": {"en": "It was clear."}},
                {"key": "again", "type": "yes_no", "text": {"en": "Would you come back?"}},
                {
                    "key": "channel",
                    "type": "dropdown",
                    "text": {"en": "How did you hear of us?"},
                    "options": [
                        {"value": "radio", "label": {"en": "Radio"}},
                        {"value": "web", "label": {"en": "The web"}},
                    ],
                },
                {"key": "aside", "type": "static_text", "text": {"en": "A few details next."}},
                {"key": "name", "type": "short_text", "text": {"en": "Name"}, "max_length": 40},
                {"key": "email", "type": "email", "text": {"en": "Email"}},
                {"key": "phone", "type": "phone", "text": {"en": "Phone"}},
                {"key": "visits", "type": "number", "text": {"en": "Visits"}, "min": 0, "max": 9},
                {"key": "when", "type": "date", "text": {"en": "Date of visit"}},
                {"key": "location", "type": "hidden", "text": {"en": "Location"}},
                {"key": "office", "type": "hidden", "text": {"en": "Office"}},
            ],
        },
        {
            "key": "claim",
            "title": {"en": "Your claim"},
            "show_if": {"question": "visit", "op": "equals", "value": "claim"},
            "questions": [
                {
                    "key": "hard",
                    "type": "multiple_choice",
                    "text": {"en": "What was hard?"},
                    "other": True,
                    "options": [
                        {"value": "forms", "label": {"en": "The forms"}},
                        {"value": "wait", "label": {"en": "The wait"}},
                    ],
                },
                {
                    "key": "story",
                    "type": "long_text",
                    "text": {"en": "Tell us more"},
                    "required": True,
                    "max_length": 500,
                },
            ],
        },
    ],
}


def test_every_question_type_over_two_pages(tab: Tab, site: AgencySite, world: World) -> None:
    survey = published_survey(world)
    survey = survey_transition(survey=survey, name="new_version", by=world.owner)
    draft_save(survey=survey, definition=EVERY_TYPE, by=world.owner, change="test", request=None)
    survey = survey_transition(survey=survey, name="publish", by=world.owner)
    allow(world, site)
    page = tab.page
    slot = '<div id="slot"></div>'
    attributes = snippet(survey, mode="inline", target="#slot", location="DRC-12")
    page.goto(host_page(site, "/all", attributes, body=slot))
    loaded(tab)
    expect(page.get_by_text("Privacy Act statement")).to_be_visible()
    assert shadow(page, "root.querySelectorAll('[name=office], [name=location]').length") == 0
    assert shadow(page, "root.querySelector('[name=story]').closest('section').hidden")

    # Until "File a claim" is chosen the second page is not asked: this is the last page.
    expect(page.get_by_role("button", name="Next")).to_be_hidden()
    page.get_by_role("button", name="Submit").click()  # the required question is unanswered
    expect(page.get_by_role("alert")).to_contain_text("Why did you visit?")
    page.get_by_label("File a claim").check()
    expect(page.get_by_role("button", name="Submit")).to_be_hidden()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Yes").check()
    page.get_by_label("How did you hear of us?").select_option("web")
    page.get_by_label("Name").fill("Pat")
    page.get_by_label("Email").fill("not an address")
    page.get_by_label("Phone").fill("202-555-0143")
    page.get_by_label("Visits").fill("3")
    page.get_by_label("Date of visit").fill("2025-01-31")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Your claim")).to_be_visible()
    expect(page.get_by_label("Why did you visit?")).to_be_hidden()
    page.get_by_label("Other", exact=True).check()
    page.get_by_label("Other (please describe)").fill("The phone line")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("File a claim")).to_be_checked()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("alert")).to_contain_text("Tell us more")
    page.get_by_label("Tell us more").fill("Too many forms.")
    page.get_by_role("button", name="Submit").click()

    # The server refuses the address; its message shows on the field, back on the first page.
    expect(page.get_by_role("alert")).to_contain_text("Email")
    email = page.get_by_label("Email")
    expect(email).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")
    email.fill("pat@example.com")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    stored = Response.objects.get()
    assert stored.answers == {
        "visit": "claim",
        "agree": "4",
        "again": "yes",
        "channel": "web",
        "name": "Pat",
        "email": "pat@example.com",
        "phone": "202-555-0143",
        "visits": "3",
        "when": "2025-01-31",
        "location": "DRC-12",
        "hard": ["other"],
        "hard__other": "The phone line",
        "story": "Too many forms.",
    }
    assert stored.location_code == "DRC-12"
    tab.assert_clean()


def test_the_notices_come_first_as_on_the_hosted_page(
    tab: Tab, site: AgencySite, world: World
) -> None:
    """The same layout as /s/<id>/: control number and expiration in view, then the folded PRA
    and Privacy Act statements (with the same labels), then the introduction and questions."""
    survey = with_privacy(world)
    assert survey.pra_expiration is not None
    allow(world, site)
    page = tab.page
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(host_page(site, "/phone", snippet(survey)))
    loaded(tab)
    page.get_by_role("button", name="Give feedback").click()
    facts = f"OMB control number: 3090-0325 · Expiration date: {survey.pra_expiration:%m/%d/%Y}"
    expect(page.get_by_text(facts)).to_be_visible()
    order = [
        facts,
        "Paperwork Reduction Act statement",
        "Privacy Act statement",
        "Authority: 5 U.S.C. 301",
        "System of records notice: GSA/OGP-1",
        "Your answers are voluntary",
        "Based on my experience",
    ]
    positions = shadow(page, f"{order}.map(t => root.textContent.indexOf(t))")
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    question = page.get_by_role("group", name="Based on my experience").bounding_box()
    assert question["y"] < 600, f"the first question starts {question['y']:.0f} px down"
    expect(page.get_by_text("Authority: 5 U.S.C. 301")).to_be_hidden()
    page.get_by_text("Privacy Act statement").click()
    expect(page.get_by_text("Authority: 5 U.S.C. 301")).to_be_visible()
    tab.assert_clean()
