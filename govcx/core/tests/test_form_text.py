"""Staff forms refuse text the shared rule refuses (govcx.core.text), with a field error: Django
itself refuses only NUL, and only in character fields."""

from django import forms
from django.urls import reverse

from govcx.catalog.models import Organization, Service
from govcx.core.forms import UswdsForm
from govcx.testing.factories import World, signed_in


def test_a_control_character_in_a_staff_form_is_a_field_error(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:service-create"),
        {
            "organization": world.fema.pk,
            "name": "Request an inspection\x1b[2J",
            "channels": ["phone"],
            "stages": "apply",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == [
        "Remove the control character U+001B: it is not allowed in text."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Service.objects.filter(name__startswith="Request an inspection").exists()


def test_every_field_of_a_model_form_is_checked(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:organization-create") + "?parent=fema",
        {
            "name": "Recovery Directorate",
            "abbreviation": "ORR\x07",
            "slug": "",
            "kind": "office",
            "parent": world.fema.pk,
            "domains": "recovery.fema.example.gov\n\x0b",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"abbreviation", "domains"}
    assert not Organization.objects.filter(name="Recovery Directorate").exists()


class Sample(UswdsForm):
    note = forms.CharField(required=False)
    picks = forms.MultipleChoiceField(choices=[("a", "A"), ("b\x0c", "B")], required=False)


def test_choices_are_checked_too_and_django_s_own_nul_message_is_kept() -> None:
    form = Sample({"note": "x\x00y", "picks": ["a", "b\x0c"]})
    assert not form.is_valid()
    assert form.errors["note"] == ["Null characters are not allowed."]
    assert "U+000C" in form.errors["picks"][0]
    assert Sample({"note": "tab\tand\r\nlines", "picks": ["a"]}).is_valid()
