"""Alerts are written once (core/alert.html) and keep their type, role and content."""

from pathlib import Path

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

import govcx

# Alerts whose body is richer than a heading, a paragraph and a list (links to fields, a secret
# in <code>, a focus target) keep their own markup.
OWN_MARKUP = {
    "core/form_errors.html",
    "collection/survey_page.html",
    "catalog/home.html",
    "reporting/detail.html",
    "collection/touchpoint_collect.html",
    "accounts/api_tokens.html",
    "accounts/members.html",
}


def test_alert_renders_type_role_heading_text_and_items() -> None:
    html = render_to_string(
        "core/alert.html",
        {
            "type": "error",
            "slim": True,
            "classes": "margin-bottom-3",
            "role": "alert",
            "heading": "Fix <these>",
            "level": 3,
            "text": "One & two",
            "items": ["a", "b"],
        },
    )
    assert 'class="usa-alert usa-alert--error usa-alert--slim margin-bottom-3" role="alert"' in html
    assert '<h3 class="usa-alert__heading">Fix &lt;these&gt;</h3>' in html
    assert '<p class="usa-alert__text">One &amp; two</p>' in html
    assert "<li>a</li><li>b</li>" in html


@pytest.mark.parametrize(
    ("level", "tag", "role"),
    [
        (constants.ERROR, "error", "alert"),
        (constants.WARNING, "warning", "status"),
        (constants.INFO, "info", "status"),
        (constants.SUCCESS, "success", "status"),
    ],
)
def test_messages_keep_their_type_and_role(level: int, tag: str, role: str) -> None:
    html = render_to_string("core/messages.html", {"messages": [Message(level, "Saved.")]})
    assert f'class="usa-alert usa-alert--{tag} usa-alert--slim" role="{role}"' in html
    assert '<p class="usa-alert__text">Saved.</p>' in html


def test_templates_use_the_alert_include() -> None:
    root = Path(govcx.__file__).parent
    writing_their_own = {
        str(path.relative_to(path.parents[1]))
        for path in root.glob("*/templates/**/*.html")
        if "usa-alert__body" in path.read_text() and path.name != "alert.html"
    }
    assert writing_their_own == OWN_MARKUP
