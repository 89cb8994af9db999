"""The API's one error shape, and the error statuses every read operation documents."""

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    error: str
    message: str
    errors: dict[str, str] = {}


# 400 bad parameters, 401 no valid token, 403 scope or role too weak, 404 not found (or another
# organization's), 429 rate limited (with Retry-After).
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 429), ErrorOut)
