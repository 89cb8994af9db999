"""/metrics in the Prometheus text format, and one log line per request and per task run."""

import json
import logging
from typing import Any

import pytest
from django.test import Client, override_settings

from govcx.analytics.tasks import rollups_catch_up
from govcx.collection.tests.helpers import ORIGIN, published_survey, submit
from govcx.testing.factories import World

TOKEN = "metrics-token-for-tests-0123456789"


def scrape(**headers: Any) -> tuple[int, str]:
    response = Client().get("/metrics", **headers)
    return response.status_code, response.content.decode()


def test_metrics_are_off_unless_configured(db: None) -> None:
    assert scrape()[0] == 404


@override_settings(GOVCX_METRICS_TOKEN=TOKEN)
def test_metrics_need_the_token(db: None) -> None:
    assert scrape()[0] == 403
    assert scrape(HTTP_AUTHORIZATION="Bearer wrong")[0] == 403


@override_settings(GOVCX_METRICS_ALLOWED_IPS=["10.0.0.0/8"])
def test_metrics_open_to_listed_addresses(db: None) -> None:
    assert scrape(REMOTE_ADDR="10.1.2.3")[0] == 200
    assert scrape(REMOTE_ADDR="192.0.2.1")[0] == 403


@override_settings(GOVCX_METRICS_TOKEN=TOKEN)
def test_metrics_count_submissions_requests_tasks_and_background_work(world: World) -> None:
    survey = published_survey(world)

    def value(text: str, prefix: str) -> float:
        lines = [line for line in text.splitlines() if line.startswith(prefix)]
        return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0

    _, before = scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert submit(survey, {"trust": "1"}).status_code == 201
    assert submit(survey, {"trust": "maybe"}).status_code == 400
    rollups_catch_up.enqueue()
    status, after = scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert status == 200
    accepted = 'govcx_submissions_accepted_total{source="widget"}'
    rejected = 'govcx_submissions_rejected_total{reason="invalid"}'
    assert value(after, accepted) == value(before, accepted) + 1
    assert value(after, rejected) == value(before, rejected) + 1
    assert (
        'govcx_http_request_duration_seconds_count{method="POST",route="api/v1/submissions"'
        in after
    )
    runs = 'govcx_task_runs_total{status="successful",task="rollups_catch_up"}'
    assert value(after, runs) == value(before, runs) + 1
    assert 'govcx_periodic_runs_total{job="rollups"}' in after
    assert "govcx_rollup_uncounted_responses 0.0" in after
    assert 'govcx_background_processes{kind="worker"}' in after


def test_one_log_line_per_request_with_its_id_and_no_personal_data(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    survey = published_survey(world)
    caplog.set_level(logging.INFO, logger="govcx.request")
    body = {
        "survey": survey.public_id,
        "touchpoint": world.touchpoint.pk,
        "answers": {"trust": "1", "comment": "write to jane.doe@example.com"},
    }
    response = Client().post(
        "/api/v1/submissions",
        body,
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
        HTTP_X_REQUEST_ID="lb-req-12345678",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 201
    assert response["X-Request-ID"] == "lb-req-12345678"
    records = [r for r in caplog.records if r.name == "govcx.request"]
    assert len(records) == 1
    record = records[0]
    assert (record.request_id, record.route, record.status) == (  # type: ignore[attr-defined]
        "lb-req-12345678",
        "api/v1/submissions",
        201,
    )
    everything = json.dumps(record.__dict__, default=str)
    assert "jane.doe" not in everything
    assert "198.51.100.7" not in everything
    made_up = Client().get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert made_up != "bad id with spaces"
    assert len(made_up) == 32


def test_one_log_line_per_task_run(db: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="govcx.task")
    rollups_catch_up.enqueue()
    records = [r for r in caplog.records if r.name == "govcx.task"]
    assert [(r.task, r.status) for r in records] == [("rollups_catch_up", "successful")]  # type: ignore[attr-defined]


def test_production_logs_are_json_lines() -> None:
    from django.conf import settings

    formatter_settings: dict[str, Any] = dict(settings.LOGGING["formatters"]["json"])  # type: ignore[index]
    factory = formatter_settings.pop("()")
    from django.utils.module_loading import import_string

    formatter = import_string(factory)(**formatter_settings)
    record = logging.LogRecord("govcx.request", logging.INFO, __file__, 1, "request", None, None)
    record.route = "healthz"
    line = json.loads(formatter.format(record))
    assert (line["level"], line["logger"], line["message"], line["route"]) == (
        "INFO",
        "govcx.request",
        "request",
        "healthz",
    )
