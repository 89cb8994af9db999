"""Idempotency keys become unique per survey within their sender's scope.

Rows stored before keep an empty scope, which no new submission uses: they can block or replay
nobody's. Imported rows get the import scope, so a file imported before this migration is still
recognised when it is imported again (their keys keep the "import:" prefix they were stored with).
Only imported rows are updated; the partial unique index is rebuilt on the three columns, and the
old one (survey, key) being unique, every existing row satisfies the new one.
"""

from typing import Any

from django.db import migrations, models


def scope_imported_rows(apps: Any, schema_editor: Any) -> None:
    Response = apps.get_model("collection", "Response")
    Response.objects.filter(source="import", idempotency_key__isnull=False).update(
        idempotency_scope="import"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_organization_sign_in_assurance"),
        ("collection", "0003_fewer_indexes"),
        ("surveys", "0003_help_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="idempotency_scope",
            field=models.CharField(blank=True, db_default="", default="", max_length=40),
        ),
        migrations.RunPython(scope_imported_rows, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="response",
            name="one_response_per_idempotency_key",
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key__isnull", False)),
                fields=("survey", "idempotency_scope", "idempotency_key"),
                name="one_response_per_scoped_idempotency_key",
            ),
        ),
    ]
