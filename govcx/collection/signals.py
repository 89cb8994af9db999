"""Signals the collection app sends to the layers above it, which it does not import."""

from django.dispatch import Signal

# Sent inside the transaction of a bulk import, before its rows are written. Their ids are taken
# now but become visible only at commit, so whatever reads responses in id order (the rollups'
# watermark) must wait for that commit: its receiver takes its lock here.
bulk_store_started = Signal()
