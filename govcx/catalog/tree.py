"""Arrange organizations as an indented tree for display."""

from dataclasses import dataclass

from govcx.catalog.models import Organization


@dataclass(frozen=True)
class TreeRow:
    organization: Organization
    level: int


def as_tree(organizations: list[Organization]) -> list[TreeRow]:
    """Depth-first rows, siblings by name. An organization whose parent is not in the list
    (the user sees only part of the hierarchy) starts its own tree at level 0."""
    present = {org.pk for org in organizations}
    children: dict[int | None, list[Organization]] = {}
    for org in organizations:
        parent = org.parent_id if org.parent_id in present else None
        children.setdefault(parent, []).append(org)
    rows: list[TreeRow] = []

    def walk(parent: int | None, level: int) -> None:
        for org in sorted(children.get(parent, []), key=lambda o: o.name):
            rows.append(TreeRow(org, level))
            walk(org.pk, level + 1)

    walk(None, 0)
    return rows
