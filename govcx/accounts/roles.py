"""Roles an organization grants, and what each one may do.

Views and services ask for a permission, never for a role name, so a new role or a change in what a
role may do is made here alone.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    ANALYST = "analyst", _("Analyst")
    SURVEY_MANAGER = "survey_manager", _("Survey manager")
    ORG_ADMIN = "org_admin", _("Organization admin")


class Perm(StrEnum):
    VIEW_CATALOG = "view_catalog"
    MANAGE_TOUCHPOINTS = "manage_touchpoints"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_MEMBERS = "manage_members"
    VIEW_AUDIT = "view_audit"
    VIEW_SURVEYS = "view_surveys"
    MANAGE_SURVEYS = "manage_surveys"
    APPROVE_SURVEYS = "approve_surveys"
    VIEW_METRICS = "view_metrics"
    PREPARE_REPORTS = "prepare_reports"
    SUBMIT_REPORTS = "submit_reports"
    MANAGE_RETENTION = "manage_retention"
    # Individual responses (redacted free text included), through the API and exports.
    VIEW_RESPONSES = "view_responses"


ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.VIEWER: frozenset({Perm.VIEW_CATALOG, Perm.VIEW_SURVEYS, Perm.VIEW_METRICS}),
    Role.ANALYST: frozenset(
        {
            Perm.VIEW_CATALOG,
            Perm.VIEW_SURVEYS,
            Perm.VIEW_METRICS,
            Perm.VIEW_RESPONSES,
            Perm.PREPARE_REPORTS,
        }
    ),
    Role.SURVEY_MANAGER: frozenset(
        {
            Perm.VIEW_CATALOG,
            Perm.VIEW_SURVEYS,
            Perm.VIEW_METRICS,
            Perm.VIEW_RESPONSES,
            Perm.MANAGE_TOUCHPOINTS,
            Perm.MANAGE_SURVEYS,
            Perm.PREPARE_REPORTS,
        }
    ),
    Role.ORG_ADMIN: frozenset(Perm),
}


def roles_with(perm: Perm) -> list[str]:
    """Role values that carry the permission, for use in queries."""
    return [role.value for role, perms in ROLE_PERMS.items() if perm in perms]
