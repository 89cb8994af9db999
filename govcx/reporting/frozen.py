"""Freezing the responses behind a report at submission, and thawing them when it goes back to
being edited.

One ``INSERT ... SELECT`` per detail records the ids the live query finds, inside the submitting
transaction; the package's digest is then computed from those very rows, so the files, the
package and its hash describe the same responses. The trust figures the public pages show are
counted from the same rows and stored on the detail (reporting/figures.py).
"""

from typing import Any

from django.db import connection

from govcx.reporting.exports import CHUNK, detail_frozen_responses, detail_live_responses
from govcx.reporting.figures import trust_count
from govcx.reporting.models import Collection, CollectionDetail, FrozenResponse
from govcx.surveys.models import SurveyVersion


def responses_freeze(collection: Collection) -> None:
    """Record, for each detail, the responses its quarter holds now (replacing any earlier),
    and the trust figures they give."""
    responses_thaw(collection)
    meta = FrozenResponse._meta
    quote = connection.ops.quote_name
    column = {field.name: field.column for field in meta.concrete_fields}
    columns = f"{quote(column['detail'])}, {quote(column['response_id'])}"
    for detail in collection.details.all():
        live = detail_live_responses(detail).order_by().values("id")
        sql, params = live.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608  # nosec B608
                f"SELECT %s, {quote('id')} FROM ({sql}) AS live",
                [detail.pk, *params],
            )
        _figures_freeze(detail)


def _figures_freeze(detail: CollectionDetail) -> None:
    rows = detail_frozen_responses(detail).order_by().values_list("version_id", "answers")
    count = trust_count(rows.iterator(chunk_size=CHUNK), _definition)
    CollectionDetail.objects.filter(pk=detail.pk).update(
        frozen_trust_n=count.n, frozen_trust_positive=count.positive
    )


def _definition(version_id: int) -> dict[str, Any]:
    definition: dict[str, Any] = SurveyVersion.objects.get(pk=version_id).definition
    return definition


def responses_thaw(collection: Collection) -> None:
    """Forget the frozen responses and figures: the report reads the live data again."""
    FrozenResponse.objects.filter(detail__collection=collection).delete()
    CollectionDetail.objects.filter(collection=collection).update(
        frozen_trust_n=None, frozen_trust_positive=None
    )
