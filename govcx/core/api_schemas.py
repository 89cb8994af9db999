"""The API's one error shape and the errors every read operation documents; the parameter types
the read operations share; the refusal of parameters an operation does not define; and schema
problems said in the product's words."""

import functools
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar, get_args, get_origin

from django.conf import settings
from ninja import Schema
from pydantic import BaseModel, BeforeValidator, Field

from govcx.core.text import text_problem

F = TypeVar("F", bound=Callable[..., Any])
_ISO = "Use ISO 8601, e.g. 2026-01-31 or 2026-01-31T14:00:00Z."


class ApiProblem(Exception):
    """An error answered in the API's JSON shape, with optional headers."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.errors = {field: message} if field else {}


class ErrorOut(Schema):
    error: str
    message: str
    errors: dict[str, str] = {}


# 400 bad parameters, 401 no valid token, 403 scope or role too weak, 404 not found (or another
# organization's), 429 rate limited (with Retry-After).
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 429), ErrorOut)


def _digits_only(value: Any) -> Any:
    """Whole numbers as plain digits: pydantic alone would read "1.0", "+1", "1_000", " 1", a
    JSON true or 1.0 as a number, so a typo or a float would quietly name something."""
    if isinstance(value, bool | float) or (
        isinstance(value, str) and not (value.isascii() and value.isdigit() and len(value) < 30)
    ):
        raise ValueError("Use a whole number written with digits only, e.g. 12.")
    return value


WholeNumber = BeforeValidator(_digits_only)
# Ids as the database holds them (64-bit), so a made-up huge number is a 400, not a database error.
Id = Annotated[int, WholeNumber, Field(ge=1, le=2**63 - 1)]
Limit = Annotated[
    int, WholeNumber, Field(ge=1, le=settings.GOVCX_API_PAGE_MAX, description="Items per page.")
]
Cursor = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_-]{1,40}$",
        description="The next_cursor of the page before; opaque.",
    ),
]


def _iso(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    """Dates and times only in ISO 8601 (pydantic would also take a number of seconds)."""

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse(value.replace("Z", "+00:00"))
        except OverflowError:
            raise ValueError("Give a moment between the years 1 and 9999 in UTC.") from None
        except ValueError:
            raise ValueError(_ISO) from None

    return check


def _utc(text: str) -> datetime:
    """In UTC (without an offset, the time is taken as UTC): the database stores UTC, and an
    offset such as +20:44, legal in ISO 8601, is one PostgreSQL refuses."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


IsoDateTime = Annotated[datetime, BeforeValidator(_iso(_utc))]
IsoDate = Annotated[date, BeforeValidator(_iso(date.fromisoformat))]


def _parameter_names(handler: Callable[..., Any]) -> set[str]:
    names: set[str] = set()
    for parameter in list(inspect.signature(handler).parameters.values())[1:]:
        annotation = parameter.annotation
        model = get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            names.update(model.model_fields)
        else:
            names.add(parameter.name)
    return names


def _refuse_text(parameters: list[tuple[str, str]]) -> None:
    for name, value in parameters:
        if problem := text_problem(value):
            raise ApiProblem(400, "malformed", problem, field=name)


def known_parameters(handler: F) -> F:
    """Refuse query parameters the operation does not define: a misspelt filter must not
    silently widen a list or an export. Refuse text that govcx accepts nowhere (a NUL byte,
    which PostgreSQL refuses in a query) in any parameter, path or query, naming it."""
    allowed = _parameter_names(handler)

    @functools.wraps(handler)
    def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            raise ApiProblem(
                400,
                "malformed",
                f"Unknown parameter {unknown[0]!r}; this operation takes: "
                + (", ".join(sorted(allowed)) or "none"),
                field=unknown[0] or "query",
            )
        _refuse_text(
            [
                *((name, value) for name, values in request.GET.lists() for value in values),
                *((name, value) for name, value in kwargs.items() if isinstance(value, str)),
            ]
        )
        return handler(request, *args, **kwargs)

    return checked  # type: ignore[return-value]


# Where pydantic names the member of a union it tried ("str", "list[str]", "function-after[...]"):
# not a field, so the location stops before it.
_UNION_MEMBER = re.compile(r"^(str|int|float|bool|bytes|decimal|date|datetime|none|[\w-]+\[.*\])$")
_FIXED = {
    "missing": "Required.",
    "extra_forbidden": "Not a field of this operation.",
    "string_type": "Give text.",
    "string_unicode": "Give text.",
    "string_pattern_mismatch": "Not in the form this field takes.",
    "bool_type": "Give true or false.",
    "bool_parsing": "Give true or false.",
    "dict_type": "Give an object ({...}).",
    "model_type": "Give an object ({...}).",
    "model_attributes_type": "Give an object ({...}).",
    "list_type": "Give a list ([...]).",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "Give a number of at least %s."),
    "greater_than": ("gt", "Give a number above %s."),
    "less_than_equal": ("le", "Give a number of at most %s."),
    "less_than": ("lt", "Give a number below %s."),
}


def problem_location(loc: Sequence[Any]) -> str:
    """The field a schema problem is about, dotted ("answers.trust"), without the request part
    or the union member pydantic tried."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, str) and _UNION_MEMBER.match(part):
            break
        if part not in ("body", "payload", "query", "path"):
            parts.append(str(part))
    return ".".join(parts) or "body"


def problem_message(error: Mapping[str, Any]) -> str:
    """What is wrong with one field, in the product's words (never pydantic's or Python's)."""
    kind = str(error.get("type", ""))
    context: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "value_error" and context.get("error"):
        return str(context["error"])  # our own validators' messages
    if kind == "refused_text" and context.get("problem"):
        return str(context["problem"])  # the accepted-text rule's own words (core/text.py)
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _BOUNDS:
        name, text = _BOUNDS[kind]
        return text % str(context.get(name, ""))
    if kind.startswith("int_"):
        return "Give a whole number."
    if kind.startswith(("float_", "decimal_")):
        return "Give a number."
    if kind.startswith(("date", "time")):
        return _ISO
    unit = "characters" if kind.startswith("string") else "items"
    if kind in ("string_too_long", "too_long"):
        return f"Use at most {context.get('max_length', '')} {unit}."
    if kind in ("string_too_short", "too_short"):
        return f"Use at least {context.get('min_length', '')} {unit}."
    if kind in ("literal_error", "enum"):
        return f"Use one of: {context.get('expected', '')}."
    return "Not a value this field takes."


def schema_problems(errors: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Field to problem; a value refused by every member of a union (text, number or list) is
    one problem of its field."""
    found: dict[str, list[str]] = {}
    for error in errors:
        found.setdefault(problem_location(error.get("loc", ())), []).append(problem_message(error))
    return {
        where: messages[0] if len(messages) == 1 else "Not a kind of value this field takes."
        for where, messages in found.items()
    }
