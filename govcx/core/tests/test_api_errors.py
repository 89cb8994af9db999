"""The API answers in its own JSON error shape everywhere under /api/v1/, unknown paths included;
the rest of the site keeps its HTML pages."""

import pytest
from django.test import Client

from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.testing.factories import World

METHODS = ("get", "post", "put", "patch", "delete", "options", "head")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "path", ["/api/v1/nothing", "/api/v1/surveys/abc/definition/extra", "/api/v1/submissions/1"]
)
def test_unknown_api_paths_answer_the_json_error_shape(db: None, method: str, path: str) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    if method != "head":
        assert response.json() == {"error": "not_found", "message": "Not found.", "errors": {}}


def test_a_post_to_an_unknown_api_path_is_not_a_csrf_page(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/nothing", {"a": 1}, content_type="application/json"
    )
    assert (response.status_code, response.json()["error"]) == (404, "not_found")


def test_other_unknown_paths_keep_the_html_page(db: None) -> None:
    for path in ("/nothing/", "/api/v2/anything", "/apiv1/x"):
        response = Client().get(path, follow=True)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("text/html"), path


@pytest.mark.parametrize("value", ["1.0", "+1", "1_000", " 1", "1e0", "true", "\u0661"])
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/responses", "survey"),
        ("/api/v1/responses", "limit"),
        ("/api/v1/surveys", "touchpoint"),
        ("/api/v1/quarterly-reports", "fiscal_year"),
        ("/api/v1/quarterly-reports", "quarter"),
    ],
)
def test_whole_number_parameters_take_digits_only(
    world: World, path: str, parameter: str, value: str
) -> None:
    """A float, a sign, underscores or spaces are not quietly read as a whole number."""
    response = api_get(path, token_for(world.owner), **{parameter: value})
    assert response.status_code == 400, (path, parameter, value)
    assert response.json()["error"] == "malformed"
    assert parameter in response.json()["errors"]


@pytest.mark.parametrize("value", ["1.0", "+1", "1_000"])
def test_whole_number_path_ids_take_digits_only(world: World, value: str) -> None:
    response = api_get(f"/api/v1/services/{value}", token_for(world.owner))
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] in ("malformed", "not_found")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("delete", "/api/v1/submissions", {"OPTIONS", "POST"}),
        ("get", "/api/v1/submissions", {"OPTIONS", "POST"}),
        ("put", "/api/v1/organizations", {"GET"}),
        ("post", "/api/v1/surveys/abc/definition", {"GET", "HEAD"}),
    ],
)
def test_a_method_an_operation_lacks_is_a_json_405_with_allow(
    db: None, method: str, path: str, allow: set[str]
) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == 405
    assert {m.strip() for m in response["Allow"].split(",")} == allow
    assert response.json()["error"] == "method_not_allowed"
