"""The API's one error shape and the errors every read operation documents; the parameter types
the read operations share; and the refusal of parameters an operation does not define."""

import functools
import inspect
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar, get_args, get_origin

from django.conf import settings
from ninja import Schema
from pydantic import BaseModel, BeforeValidator, Field

F = TypeVar("F", bound=Callable[..., Any])


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
        except (ValueError, OverflowError):
            raise ValueError("Use ISO 8601, e.g. 2026-01-31 or 2026-01-31T14:00:00Z.") from None

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


def known_parameters(handler: F) -> F:
    """Refuse query parameters the operation does not define: a misspelt filter must not
    silently widen a list or an export."""
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
        return handler(request, *args, **kwargs)

    return checked  # type: ignore[return-value]
