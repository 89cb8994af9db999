"""Which organization owns an object: every organization-owned model names the way to it."""

from typing import Any

from django.db.models import Model

from govcx.catalog.models import Organization


def owning_organization(obj: Model) -> Organization:
    """Follow the model's ``tenant_path`` (e.g. "service__organization") to its organization."""
    current: Any = obj
    for attribute in getattr(obj, "tenant_path", "organization").split("__"):
        current = getattr(current, attribute)
    if not isinstance(current, Organization):
        raise TypeError(f"{type(obj).__name__}.tenant_path does not lead to an Organization")
    return current
