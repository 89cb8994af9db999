from unittest import mock

from django.db import OperationalError
from django.test import Client


def test_healthz_answers_when_the_database_does(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(db: None) -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
