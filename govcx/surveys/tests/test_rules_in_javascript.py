"""The browser's rule evaluator (static/surveys/rules.js) agrees with the server's on every case."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SCRIPT = HERE.parent / "static" / "surveys" / "rules.js"
RUNNER = """
const rules = require(process.argv[1]);
const cases = require(process.argv[2]);
process.stdout.write(JSON.stringify(cases.map(c => rules.evaluate(c.rule, c.answers))));
"""


def test_javascript_matches_every_shared_case() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to test the browser's rule evaluator")
        pytest.skip("node not installed")
    cases = json.loads((HERE / "rule_cases.json").read_text())
    result = subprocess.run(  # noqa: S603 - fixed program and arguments
        [node, "-e", RUNNER, str(SCRIPT), str(HERE / "rule_cases.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [case["expected"] for case in cases]
