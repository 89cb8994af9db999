"""Creating surveys and changing their drafts and settings; every change is audited."""

from typing import Any

from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization, Touchpoint
from govcx.surveys import a11
from govcx.surveys.definition import SCHEMA, Definition, definition_problems
from govcx.surveys.editing import EditError
from govcx.surveys.models import Survey, SurveyVersion

TEMPLATES = {
    "a11_current_thumbs": (Survey.Origin.A11_CURRENT, "thumbs"),
    "a11_current_scale": (Survey.Origin.A11_CURRENT, "agreement5"),
    "a11_legacy": (Survey.Origin.A11_LEGACY, None),
    "blank": (Survey.Origin.CUSTOM, None),
}


def template_definition(template: str, *, agency: str, service: str) -> Definition:
    """A ready definition from a shipped template, with the agency and service names filled in."""
    if template == "a11_current_thumbs":
        return a11.a11_current(agency=agency, service=service, trust_type="thumbs")
    if template == "a11_current_scale":
        return a11.a11_current(agency=agency, service=service, trust_type="agreement5")
    if template == "a11_legacy":
        return a11.a11_legacy(agency=agency, service=service)
    return {
        "schema": SCHEMA,
        "languages": ["en"],
        "title": {"en": f"{service}: your feedback"},
        "pages": [
            {
                "key": "page_1",
                "questions": [
                    {
                        "key": "comment",
                        "type": "long_text",
                        "measure": "comment",
                        "text": {"en": "What would you like to tell us?"},
                        "max_length": 1000,
                    },
                ],
            }
        ],
    }


def survey_create(
    *,
    organization: Organization,
    name: str,
    template: str,
    touchpoints: list[Touchpoint],
    by: User,
    request: HttpRequest | None = None,
    definition: Definition | None = None,
    origin: str | None = None,
) -> Survey:
    """Create a draft survey from a template (or an imported definition) on the touchpoints."""
    origin = origin or TEMPLATES[template][0]
    service = touchpoints[0].service.name if touchpoints else "this service"
    if definition is None:
        definition = template_definition(template, agency=organization.name, service=service)
    problems = definition_problems(definition)
    if problems:
        raise EditError("The survey definition is not valid.", problems)
    with transaction.atomic():
        survey = Survey.objects.create(
            organization=organization, name=name or service, origin=origin, created_by=by
        )
        survey.touchpoints.set(touchpoints)
        SurveyVersion.objects.create(survey=survey, number=1, definition=definition, created_by=by)
        audit_record(
            action=Action.SURVEY_CREATED,
            actor=by,
            request=request,
            organization=organization,
            obj=survey,
            details={"template": template},
        )
    return survey


def draft_save(
    *, survey: Survey, definition: Definition, by: User, change: str, request: HttpRequest | None
) -> SurveyVersion:
    """Store an edited definition on the survey's draft version."""
    with transaction.atomic():
        version = (
            survey.versions.select_for_update().filter(state=SurveyVersion.State.DRAFT).first()
        )
        if version is None:
            raise EditError("There is no draft to edit; start a new version first.")
        problems = definition_problems(definition)
        if problems:
            raise EditError("The survey definition is not valid.", problems)
        version.definition = definition
        version.save(update_fields=["definition"])
        audit_record(
            action=Action.SURVEY_EDITED,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details={"version": version.number, "change": change},
        )
    return version


def survey_settings_save(
    *, form: "ModelForm[Any]", by: User, request: HttpRequest | None
) -> Survey:
    """Save the settings form; deciding that PRA does not apply is recorded on its own."""
    with transaction.atomic():
        survey: Survey = form.save()
        audit_record(
            action=Action.SURVEY_SETTINGS,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details={"fields": sorted(form.changed_data)},
        )
        exemption_fields = {"pra_applies", "pra_exemption", "pra_exemption_note"}
        if not survey.pra_applies and exemption_fields & set(form.changed_data):
            audit_record(
                action=Action.PRA_EXEMPTED,
                actor=by,
                request=request,
                organization=survey.organization,
                obj=survey,
                details={"reason": survey.pra_exemption, "note": survey.pra_exemption_note},
            )
    return survey
