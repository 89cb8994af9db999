"""The rollups' side of the collection app's signals (ADR 9)."""

from typing import Any

from django.dispatch import receiver

from govcx.analytics.rollups import rollup_state_locked
from govcx.collection.signals import bulk_store_started


@receiver(bulk_store_started)
def hold_the_watermark(sender: Any, **kwargs: Any) -> None:
    """An import holds the watermark until it commits, so its rows are never passed over."""
    rollup_state_locked()
