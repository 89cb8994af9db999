"""Building the demo world in the database. Idempotent: running twice changes nothing."""

from collections.abc import Iterable

from django.db import transaction
from tqdm import tqdm

from govcx.accounts.models import Membership, User
from govcx.catalog.models import LifeEvent, Organization, OrganizationDomain, Service, Touchpoint
from govcx.catalog.vocabulary import Channel, TransactionPointType
from govcx.demo.world import DEMO_PASSWORD, ORGANIZATIONS, PEOPLE, SERVICES


def demo_catalog_build() -> int:
    """Create the demo organizations, services and touchpoints; return services created."""
    created = 0
    with transaction.atomic():
        orgs: dict[str, Organization] = {}
        for spec in ORGANIZATIONS:
            org, _ = Organization.objects.get_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "abbreviation": spec.abbreviation,
                    "kind": spec.kind,
                    "parent": orgs.get(spec.parent) if spec.parent else None,
                    "is_hisp": spec.hisp,
                },
            )
            orgs[spec.slug] = org
            for domain in spec.domains:
                OrganizationDomain.objects.get_or_create(
                    domain=domain, defaults={"organization": org}
                )
        events = {event.slug: event for event in LifeEvent.objects.all()}
        for svc in SERVICES:
            service, is_new = Service.objects.get_or_create(
                organization=orgs[svc.org],
                name=svc.name,
                defaults={
                    "description": svc.description,
                    "channels": sorted({str(tp[1]) for tp in svc.touchpoints}),
                },
            )
            if not is_new:
                continue
            created += 1
            service.life_events.set([events[slug] for slug in svc.life_events if slug in events])
            Touchpoint.objects.bulk_create(
                Touchpoint(
                    service=service,
                    name=name,
                    channel=channel,
                    stage=stage,
                    transaction_point_type=point,
                )
                for name, channel, stage, point in svc.touchpoints
            )
    return created


def demo_people_build() -> None:
    """Create one demo user per role (and a platform admin)."""
    with transaction.atomic():
        for email, name, org_slug, role in PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    full_name=name,
                    is_staff=org_slug is None,
                    is_superuser=org_slug is None,
                )
            if org_slug is not None and role is not None:
                Membership.objects.get_or_create(
                    user=user,
                    organization=Organization.objects.get(slug=org_slug),
                    defaults={"role": role},
                )


def demo_people_list() -> list[tuple[str, str]]:
    """(email, what they may do) for each demo account that exists, in the order of PEOPLE."""
    users = {u.email: u for u in User.objects.filter(email__in=[p[0] for p in PEOPLE])}
    roles = {
        m.user.email: f"{m.get_role_display()} at {m.organization.abbreviation}"
        for m in Membership.objects.filter(user__in=users.values()).select_related(
            "user", "organization"
        )
    }
    return [
        (email, "platform admin" if users[email].is_superuser else roles.get(email, "no role"))
        for email, *_ in PEOPLE
        if email in users
    ]


def demo_bulk_services_build(count: int, *, progress: bool) -> int:
    """Add ``count`` synthetic offices' services (for trying large catalogs), in batches."""
    parent = Organization.objects.get(slug="ssa")
    channels = list(Channel.values)
    done = 0
    batches: Iterable[int] = range(0, count, 500)
    with tqdm(total=count, disable=not progress, unit="service") as bar:
        for start in batches:
            size = min(500, count - start)
            with transaction.atomic():
                office = Organization.objects.create(
                    name=f"SSA Field Region {start // 500 + 1}",
                    abbreviation=f"R{start // 500 + 1}",
                    slug=f"ssa-region-{start // 500 + 1}-{Organization.objects.count()}",
                    kind=Organization.Kind.OFFICE,
                    parent=parent,
                )
                services = Service.objects.bulk_create(
                    Service(
                        organization=office,
                        name=f"Field service {start + i + 1}",
                        channels=[channels[(start + i) % len(channels)]],
                    )
                    for i in range(size)
                )
                Touchpoint.objects.bulk_create(
                    Touchpoint(
                        service=service,
                        name="Visit",
                        channel=service.channels[0],
                        stage="middle",
                        transaction_point_type=TransactionPointType.POST_INTERACTION,
                    )
                    for service in services
                )
            done += size
            bar.update(size)
    return done


def demo_surveys_build() -> int:
    """A published A-11 survey (English and Spanish) on every demo service; return how many
    were created. Most use the current standard; two keep the legacy one, one the 5-point trust.
    Every survey also asks the optional "about you" segment questions (age group, where the
    respondent lives, veteran status) that the equity screen breaks trust down by."""
    from datetime import timedelta

    from django.utils import timezone

    from govcx.surveys.lifecycle import survey_transition
    from govcx.surveys.models import Survey
    from govcx.surveys.segment_questions import SEGMENT_QUESTIONS, with_segment_questions
    from govcx.surveys.services import draft_save, survey_create

    admin = User.objects.get(email=PEOPLE[0][0])
    created = 0
    for number, service in enumerate(
        Service.objects.filter(name__in=[s.name for s in SERVICES]).select_related("organization")
    ):
        if Survey.objects.filter(touchpoints__service=service).exists():
            continue
        template = {3: "a11_legacy", 10: "a11_legacy", 6: "a11_current_scale"}.get(
            number, "a11_current_thumbs"
        )
        survey = survey_create(
            organization=service.organization,
            name=f"{service.name} feedback",
            template=template,
            touchpoints=list(service.touchpoints.all()),
            by=admin,
        )
        Survey.objects.filter(pk=survey.pk).update(
            omb_control_number="3090-0325",
            pra_expiration=timezone.localdate() + timedelta(days=700),
            burden_minutes=2,
            burden_comments_to=(
                f"{service.organization.name}, Customer Experience Office, "
                "Attn: PRA Clearance Officer"
            ),
        )
        draft = survey.working_version()
        if draft is not None:
            draft_save(
                survey=survey,
                definition=with_segment_questions(draft.definition, *SEGMENT_QUESTIONS),
                by=admin,
                change="about-you segment questions",
                request=None,
            )
        survey_transition(survey=survey, name="publish", by=admin)
        created += 1
    return created
