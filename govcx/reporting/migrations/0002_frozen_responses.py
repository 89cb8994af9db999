"""The responses behind each detail of a submitted report, frozen at submission.

Reports submitted, published or archived before this migration are frozen here from the
responses their quarter holds now: what they showed until today. If data changed since their
submission, the integrity check still says so (it compares the live data with the package).
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

from govcx.analytics.periods import FiscalQuarter

FROZEN_STATES = ("submitted", "published", "archived")
BATCH = 2000


def freeze_submitted_reports(apps: Any, schema_editor: Any) -> None:
    CollectionDetail = apps.get_model("reporting", "CollectionDetail")
    FrozenResponse = apps.get_model("reporting", "FrozenResponse")
    Response = apps.get_model("collection", "Response")
    details = CollectionDetail.objects.filter(collection__state__in=FROZEN_STATES)
    for detail in details.select_related("collection").iterator():
        quarter = FiscalQuarter(detail.collection.fiscal_year, detail.collection.quarter)
        start, end = quarter.bounds()
        ids = (
            Response.objects.filter(
                survey_id=detail.survey_id,
                touchpoint_id=detail.touchpoint_id,
                received_at__gte=start,
                received_at__lt=end,
            )
            .order_by("id")
            .values_list("id", flat=True)
        )
        batch = []
        for pk in ids.iterator(chunk_size=BATCH):
            batch.append(FrozenResponse(detail_id=detail.pk, response_id=pk))
            if len(batch) == BATCH:
                FrozenResponse.objects.bulk_create(batch)
                batch = []
        FrozenResponse.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0003_fewer_indexes"),
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="FrozenResponse",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "detail",
                        "response_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("response_id", models.BigIntegerField()),
                (
                    "detail",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reporting.collectiondetail",
                    ),
                ),
            ],
        ),
        migrations.RunPython(freeze_submitted_reports, migrations.RunPython.noop),
    ]
