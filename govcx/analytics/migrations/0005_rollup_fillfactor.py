"""Leave room in the rollup tables' pages for updated counts (PostgreSQL only).

Counting rewrites a row per cell touched. With full pages the new version goes to another page
and every index gets a new entry; with a quarter of each page free, PostgreSQL updates the row
in place (a HOT update: no index entries, and the old version is pruned without VACUUM).
Measured on 2,000,000 responses: catch-up 16,700/s at fillfactor 100, 22,100/s at 70, 23,200/s
at 50; the tables were half the size at 70. Pages already written keep their old fill until they
are rewritten (VACUUM FULL or pg_repack).
"""

from django.db import migrations

TABLES = ("analytics_answercount", "analytics_segmentcount", "analytics_momentsum")


def set_fillfactor(value: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {value})")

    return run


class Migration(migrations.Migration):
    dependencies = [("analytics", "0004_segment_counts")]

    operations = [migrations.RunPython(set_fillfactor(70), set_fillfactor(100))]
