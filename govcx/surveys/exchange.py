"""Survey definitions as shareable JSON files (format documented in docs/survey-definition.md)."""

import json
from typing import Any

from govcx.core.text import MAX_DEPTH, tree_problems
from govcx.surveys.definition import definition_problems
from govcx.surveys.models import Survey, SurveyVersion

FORMAT = "govcx-survey-export/1"
MAX_BYTES = 1_000_000


def export_document(version: SurveyVersion) -> dict[str, Any]:
    """The survey's content, without anything agency-specific (PRA numbers, touchpoints)."""
    return {
        "format": FORMAT,
        "name": version.survey.name,
        "origin": version.survey.origin,
        "version": version.number,
        "definition": version.definition,
    }


def parse_import(raw: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """Read an exported file; return the document, or every problem found in it."""
    if len(raw) > MAX_BYTES:
        return None, [f"The file is larger than {MAX_BYTES // 1000} KB."]
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, ["The file is not UTF-8 text."]
    except json.JSONDecodeError as error:
        return None, [f"Not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."]
    except RecursionError:  # the parser's own limit: arrays or objects in thousands of levels
        return None, [f"The file is nested too deeply (a survey has at most {MAX_DEPTH} levels)."]
    if not isinstance(document, dict):
        return None, ["The file must hold a JSON object."]
    # Refused text (NUL, lone surrogates, control characters) and deep nesting first: the checks
    # below would store the one and recurse into the other.
    refused = tree_problems(document)
    if refused:
        return None, [f"{where}: {problem}" for where, problem in refused.items()]
    problems = [
        f"Unexpected field '{name}'."
        for name in sorted(set(document) - {"format", "name", "origin", "version", "definition"})
    ]
    if document.get("format") != FORMAT:
        problems.append(f"'format' must be \"{FORMAT}\".")
    if not isinstance(document.get("name"), str) or not document["name"].strip():
        problems.append("'name' must be the survey's name.")
    if document.get("origin", "custom") not in Survey.Origin.values:
        problems.append(f"'origin' must be one of {', '.join(Survey.Origin.values)}.")
    if "version" in document and not isinstance(document["version"], int):
        problems.append("'version' must be a whole number.")
    problems += [f"definition: {p}" for p in definition_problems(document.get("definition"))]
    return (None, problems) if problems else (document, [])
