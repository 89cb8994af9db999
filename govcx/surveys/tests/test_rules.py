"""Server-side evaluation of display rules, on the cases the browser evaluator shares."""

import json
from pathlib import Path
from typing import Any

import pytest

from govcx.surveys.rules import evaluate

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "rule_cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_rule_cases(case: dict[str, Any]) -> None:
    assert evaluate(case["rule"], case["answers"]) is case["expected"]
