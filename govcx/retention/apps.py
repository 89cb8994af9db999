from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "govcx.retention"
    label = "retention"

    def ready(self) -> None:
        from govcx.analytics.purged import purged_rows_source_set
        from govcx.reporting.integrity import purge_records_source_set
        from govcx.retention import tasks  # noqa: F401 - registers its periodic work
        from govcx.retention.purge import purge_records, purged_rows

        # The rollups and the reports' integrity check sit below retention in the layers: they
        # are told where the purge's records are instead of importing this app.
        purged_rows_source_set(purged_rows)
        purge_records_source_set(purge_records)
