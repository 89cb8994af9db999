"""Freezing the responses behind a report at submission, and thawing them when it goes back to
being edited.

One ``INSERT ... SELECT`` per detail records the ids the live query finds, inside the submitting
transaction; the package's digest is then computed from those very rows, so the files, the
package and its hash describe the same responses. The respondents the report states and the
trust figures the public pages show are counted from the same rows and stored on the detail
(reporting/figures.py).
"""

from django.db import connection

from govcx.analytics.counting import RESPONSE
from govcx.reporting.exports import detail_live_responses, frozen_tally
from govcx.reporting.figures import trust_figures
from govcx.reporting.models import Collection, CollectionDetail, FrozenResponse


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
    """Count the frozen responses once: the respondents the report states and the trust
    figures the public pages show."""
    counted = frozen_tally(detail)
    trust = trust_figures(counted)
    CollectionDetail.objects.filter(pk=detail.pk).update(
        volume_of_respondents=counted[RESPONSE],
        frozen_trust_n=trust.n,
        frozen_trust_positive=trust.positive,
    )


def responses_thaw(collection: Collection) -> None:
    """Forget the frozen responses and figures: the report reads the live data again."""
    FrozenResponse.objects.filter(detail__collection=collection).delete()
    CollectionDetail.objects.filter(collection=collection).update(
        frozen_trust_n=None, frozen_trust_positive=None
    )
