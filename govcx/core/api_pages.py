"""Cursor pagination for every list the API returns.

Items come in id order and the cursor is the last id seen, so a walk is stable while rows are
being added: nothing shifts between pages (as it does with page numbers or offsets), no item
appears twice, and new rows land at the end of the walk. There is no page cap: a client follows
``next_cursor`` as far as the data goes, and keeps it to pick up new rows later.
"""

import base64
import binascii
from collections.abc import Callable
from typing import Generic, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from ninja import Field, Schema

from govcx.core.api_schemas import ApiProblem

M = TypeVar("M", bound=Model)
T = TypeVar("T")
CURSOR_VERSION = "v1"
DEFAULT_LIMIT = 100


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next items; kept, it resumes after the last one."
    )
    has_more: bool = Field(description="False when this page reached the newest item.")


def cursor_encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_VERSION}:{last_id}".encode()).decode().rstrip("=")


def cursor_decode(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, number = text.partition(":")
        if version != CURSOR_VERSION or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiProblem(
            400, "malformed", "The cursor is not one this API returned.", field="cursor"
        ) from None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= settings.GOVCX_API_PAGE_MAX:
        raise ApiProblem(
            400,
            "malformed",
            f"Ask for 1 to {settings.GOVCX_API_PAGE_MAX} items per page.",
            field="limit",
        )
    return limit


def page_of(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int,
    render: Callable[[M], T],
) -> Page[T]:
    """One page of ``queryset`` after ``cursor``, each item passed through ``render``."""
    after = cursor_decode(cursor)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: check_limit(limit) + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1].pk if rows else after
    return Page[T](
        items=[render(row) for row in rows],
        next_cursor=cursor_encode(last) if last else None,
        has_more=has_more,
    )
