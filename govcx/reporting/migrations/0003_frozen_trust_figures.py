"""The trust figures the public pages show for each detail of a submitted report, frozen at
submission.

Reports submitted, published or archived before this migration get theirs here, counted from
the responses frozen for them (0002_frozen_responses): the figures their files show.
"""

from typing import Any

from django.db import migrations, models

from govcx.reporting.figures import trust_count

FROZEN_STATES = ("submitted", "published", "archived")
CHUNK = 2000


def freeze_trust_figures(apps: Any, schema_editor: Any) -> None:
    CollectionDetail = apps.get_model("reporting", "CollectionDetail")
    FrozenResponse = apps.get_model("reporting", "FrozenResponse")
    Response = apps.get_model("collection", "Response")
    SurveyVersion = apps.get_model("surveys", "SurveyVersion")

    def definition(version_id: int) -> dict[str, Any]:
        found: dict[str, Any] = SurveyVersion.objects.get(pk=version_id).definition
        return found

    details = CollectionDetail.objects.filter(collection__state__in=FROZEN_STATES)
    for pk in list(details.order_by("pk").values_list("pk", flat=True)):
        frozen = FrozenResponse.objects.filter(detail_id=pk).values("response_id")
        rows = (
            Response.objects.filter(pk__in=frozen)
            .order_by()
            .values_list("version_id", "answers")
            .iterator(chunk_size=CHUNK)
        )
        count = trust_count(rows, definition)
        CollectionDetail.objects.filter(pk=pk).update(
            frozen_trust_n=count.n, frozen_trust_positive=count.positive
        )


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0003_fewer_indexes"),
        ("surveys", "0001_initial"),
        ("reporting", "0002_frozen_responses"),
    ]

    operations = [
        migrations.AddField(
            model_name="collectiondetail",
            name="frozen_trust_n",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="collectiondetail",
            name="frozen_trust_positive",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(freeze_trust_figures, migrations.RunPython.noop),
    ]
