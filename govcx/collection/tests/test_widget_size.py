"""The widget file without a browser: its download size, and its copy of the rule evaluator."""

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

WIDGET = Path(__file__).parent.parent / "static" / "collection" / "widget-v1.js"
RULE_CASES = Path(__file__).parents[2] / "surveys" / "tests" / "rule_cases.json"
LIMIT = 15 * 1024
RUNNER = """
const rules = require(process.argv[1]);
const cases = require(process.argv[2]);
process.stdout.write(JSON.stringify(cases.map(c => rules.evaluate(c.rule, c.answers))));
"""


def test_the_widget_is_small_once_gzipped() -> None:
    size = len(gzip.compress(WIDGET.read_bytes()))
    print(f"widget-v1.js: {WIDGET.stat().st_size} bytes, {size} bytes gzipped (limit {LIMIT})")
    assert size < LIMIT


def test_the_widgets_rule_evaluator_matches_every_shared_case() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to test the widget's rule evaluator")
        pytest.skip("node not installed")
    cases = json.loads(RULE_CASES.read_text())
    result = subprocess.run(  # noqa: S603 - fixed program and arguments
        [node, "-e", RUNNER, str(WIDGET), str(RULE_CASES)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [case["expected"] for case in cases]
