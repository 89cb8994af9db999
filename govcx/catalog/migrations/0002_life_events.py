"""Initial life events (E.O. 14058) and cross-agency life experiences; admins may edit them."""

from django.db import migrations
from django.utils.text import slugify

LIFE_EVENTS = [
    "Retiring",
    "Filing and managing your taxes",
    "Surviving a disaster",
    "Traveling",
    "Financing education",
    "Managing VA health care and benefits",
    "Reducing barriers for those experiencing poverty",
    "Financing your business",
    "Supporting women, infants, and children",
    "Managing your health",
    "Updating your personal information once",
]

LIFE_EXPERIENCES = {
    "Approaching retirement": "A journey across agencies such as SSA, CMS (Medicare), OPM and IRS.",
    "Recovering from a disaster": "A journey across agencies such as FEMA, SBA, HUD and USDA.",
    "Navigating the transition to civilian life": "A journey across agencies such as VA, DoD and DOL.",
    "Having a child and early childhood": "A journey across agencies such as HHS, USDA (WIC) and SSA.",
    "Facing a financial shock": (
        "A journey across programs such as unemployment insurance (DOL), SNAP (USDA), HHS and "
        "Treasury."
    ),
}


def load(apps, schema_editor):
    LifeEvent = apps.get_model("catalog", "LifeEvent")
    for name in LIFE_EVENTS:
        LifeEvent.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": "life_event",
                "description": "A life event named in Executive Order 14058.",
            },
        )
    for name, description in LIFE_EXPERIENCES.items():
        LifeEvent.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "kind": "life_experience", "description": description},
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
