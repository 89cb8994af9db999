"""Migrations must be safe while the previous release still serves (docs/operations.md,
"Upgrades"): during a deploy the old code runs against the new schema until its processes stop.

- A column or table is dropped or renamed only once the release before no longer reads it: the
  migration says so in `previous_release_safe = "<why>"`.
- A NOT NULL column added to an existing table has a database default (`db_default`), so the
  previous release's INSERTs, which do not name it, still work.
"""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

DESTRUCTIVE = (
    migrations.RemoveField,
    migrations.RenameField,
    migrations.DeleteModel,
    migrations.RenameModel,
)
# Added before this rule existed, each released together with the code that writes it.
GRANDFATHERED = {
    ("accounts", "0002_oidc_and_lifecycle", "oidc_issuer"),
    ("accounts", "0002_oidc_and_lifecycle", "oidc_subject"),
    ("analytics", "0002_question_type", "question_type"),
    ("catalog", "0004_organization_surveys_need_approval", "surveys_need_approval"),
    ("catalog", "0005_organization_store_ip_hash_and_more", "store_ip_hash"),
    ("catalog", "0005_organization_store_ip_hash_and_more", "allowed_origins"),
    ("catalog", "0005_organization_store_ip_hash_and_more", "shared_address"),
    ("catalog", "0007_organization_sign_in_assurance", "sign_in_assurance"),
}


def govcx_migrations() -> list[tuple[str, str, migrations.Migration]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [
        (app, name, migration)
        for (app, name), migration in sorted(loader.disk_migrations.items())
        if type(migration).__module__.startswith("govcx.")
    ]


def unsafe_operations() -> list[str]:
    problems = []
    for app, name, migration in govcx_migrations():
        created: set[str] = set()
        for operation in migration.operations:
            if isinstance(operation, migrations.CreateModel):
                created.add(operation.name.lower())
            if isinstance(operation, DESTRUCTIVE) and not getattr(
                migration, "previous_release_safe", ""
            ):
                problems.append(
                    f"{app}.{name}: {operation.describe()} without previous_release_safe"
                )
            if isinstance(operation, migrations.AddField) and operation.model_name not in created:
                field = operation.field
                if (
                    not field.null
                    and not field.many_to_many
                    and field.db_default is NOT_PROVIDED
                    and (app, name, operation.name) not in GRANDFATHERED
                ):
                    problems.append(f"{app}.{name}: NOT NULL {operation.name} without db_default")
    return problems


def test_every_migration_is_safe_while_the_previous_release_serves() -> None:
    assert unsafe_operations() == []


def test_the_check_sees_a_drop_and_a_column_without_a_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rule itself: a made-up migration with both mistakes is flagged twice."""
    from django.db import models

    class Migration(migrations.Migration):
        operations = [
            migrations.RemoveField("response", "page_url"),
            migrations.AddField("response", "mood", models.CharField(max_length=10, default="")),
        ]

    Migration.__module__ = "govcx.collection.migrations.9999_unsafe"
    original = MigrationLoader.load_disk

    def with_unsafe(self: MigrationLoader) -> None:
        original(self)
        self.disk_migrations["collection", "9999_unsafe"] = Migration("9999_unsafe", "collection")

    monkeypatch.setattr(MigrationLoader, "load_disk", with_unsafe)
    problems = [p for p in unsafe_operations() if "9999_unsafe" in p]
    assert len(problems) == 2
    assert "previous_release_safe" in problems[0]
    assert "without db_default" in problems[1]
