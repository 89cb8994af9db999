"""The response store's hot path: one INSERT per submission, idempotency included.

``INSERT ... ON CONFLICT DO NOTHING RETURNING id`` stores a response, or tells that its
idempotency key is already taken in its sender's scope, in a single statement: no savepoint, no
second round trip on the common path. It is SQL both PostgreSQL and SQLite (3.35+) run; the field
values are prepared by the model's own fields, so JSON and dates are stored exactly as the ORM
would store them.
"""

from functools import cache

from django.db import connection
from django.db.models import Field

from govcx.collection.models import Response

COLUMNS = (
    "organization",
    "survey",
    "version",
    "touchpoint",
    "channel",
    "language",
    "source",
    "received_at",
    "page_url",
    "location_code",
    "answers",
    "ip_hash",
    "idempotency_key",
    "idempotency_scope",
)


@cache
def _fields() -> tuple["Field[object, object]", ...]:
    by_name = {field.name: field for field in Response._meta.concrete_fields}
    return tuple(by_name[name] for name in COLUMNS)


@cache
def _sql(vendor: str) -> str:
    """The statement; identifiers come from the model's metadata, values are parameters."""
    meta = Response._meta
    fields = [field.column for field in _fields()]
    quote = connection.ops.quote_name
    return (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f) for f in fields)}) "  # noqa: S608  # nosec B608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({quote('survey_id')}, {quote('idempotency_scope')}, "
        f"{quote('idempotency_key')}) "
        f"WHERE {quote('idempotency_key')} IS NOT NULL DO NOTHING RETURNING {quote('id')}"
    )


def response_insert(response: Response) -> bool:
    """Store the response and set its id; False (nothing stored) when its idempotency key was
    already used for this survey by the same sender (scope)."""
    values = [
        field.get_db_prep_save(getattr(response, field.attname), connection=connection)
        for field in _fields()
    ]
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor), values)
        row = cursor.fetchone()
    if row is None:
        return False
    response.pk = row[0]
    response._state.adding = False
    return True
