"""Public trust pages: per HISP, per service, per life event; HTML, JSON and CSV of the same data.

No sign-in. Only published quarters, only aggregates that pass the minimum-n and suppression
rules, and the agencies' reflections (see public.py).
"""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from govcx.accounts.rules import PUBLIC, access
from govcx.analytics.charts import trend_chart
from govcx.analytics.stats import SUPPRESS_BELOW
from govcx.catalog.models import LifeEvent, Organization, Service
from govcx.reporting.exports import csv_lines
from govcx.reporting.models import Collection
from govcx.reporting.public import (
    PUBLIC_STATES,
    PublicPoint,
    latest_reported,
    public_summary,
    public_trend,
    reflections,
)

CSV_HEADER = [
    "fiscal_year",
    "quarter",
    "label",
    "status",
    "respondents",
    "trust_percent",
    "ci_low_percent",
    "ci_high_percent",
    "margin_points",
    "change_points",
    "change_significant",
]


def _published_service_ids() -> set[int]:
    return set(
        Collection.objects.filter(state__in=PUBLIC_STATES).values_list("service_id", flat=True)
    )


def _respond(
    request: HttpRequest,
    fmt: str | None,
    context: dict[str, Any],
    filename: str,
    data_url: tuple[str, list[Any]],
) -> HttpResponseBase:
    points: list[PublicPoint] = context["points"]
    if fmt == "json":
        return JsonResponse(
            {
                "subject": context["subject"],
                "quarters": [p.as_dict() for p in points],
                "services": context.get("service_rows", []),
                "reflections": [
                    {
                        "fiscal_year": r.quarter.fiscal_year,
                        "quarter": r.quarter.quarter,
                        "service": r.service,
                        "survey": r.survey,
                        "channel": r.channel,
                        "text": r.text,
                    }
                    for r in context["reflections"]
                ],
                "rules": {
                    "min_n_for_percent": settings.GOVCX_MIN_N,
                    "suppress_below": SUPPRESS_BELOW,
                    "positive": "thumbs up, or 4-5 on the 5-point agreement scale",
                    "interval": "Wilson score, 95%",
                },
                "methodology": request.build_absolute_uri(reverse("trust:methodology")),
            },
            json_dumps_params={"ensure_ascii": False},
        )
    if fmt == "csv":
        rows = ([p.as_dict().get(c) for c in CSV_HEADER] for p in points)
        response = StreamingHttpResponse(
            csv_lines([CSV_HEADER, *([("" if v is None else v) for v in r] for r in rows)]),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    shown = [p.point for p in points if p.status == "reported"]
    context["chart"] = trend_chart(shown) if shown else None
    context["summary"] = public_summary(points)
    context["min_n"] = settings.GOVCX_MIN_N
    context["language"] = translation.get_language()
    name, args = data_url
    context["csv_url"] = reverse(name, args=[*args, "csv"])
    context["json_url"] = reverse(name, args=[*args, "json"])
    return render(request, "reporting/public/trust.html", context)


def _service_rows(services: list[Service], today: Any) -> list[dict[str, Any]]:
    """Each service and its latest reported trust: one query, however many services."""
    latest = latest_reported({service.pk: {service.pk} for service in services}, today)
    return [
        {
            "id": service.pk,
            "name": service.name,
            "organization": service.organization.name,
            "latest": latest[service.pk].as_dict() if service.pk in latest else None,
            "url": reverse("trust:service", args=[service.pk]),
        }
        for service in services
    ]


def _agency_rows(today: Any) -> list[dict[str, Any]]:
    """Every service provider with a published report, and its latest reported trust: the
    figure its own page leads with. A fixed number of queries, however many agencies."""
    published = set(
        Collection.objects.filter(state__in=PUBLIC_STATES).values_list(
            "service_id", "service__organization__path"
        )
    )
    groups = {
        hisp: {service for service, path in published if path.startswith(hisp.path)}
        for hisp in Organization.objects.filter(is_hisp=True).order_by("name")
    }
    shown = {hisp: services for hisp, services in groups.items() if services}
    latest = latest_reported({hisp.pk: services for hisp, services in shown.items()}, today)
    return [
        {
            "name": hisp.name,
            "url": reverse("trust:hisp", args=[hisp.slug]),
            "quarter": latest[hisp.pk].quarter.label if hisp.pk in latest else None,
            "latest": latest[hisp.pk].as_dict() if hisp.pk in latest else None,
        }
        for hisp in shown
    ]


@access(PUBLIC)
def trust_index(request: HttpRequest) -> HttpResponseBase:
    published = _published_service_ids()
    events = LifeEvent.objects.filter(services__pk__in=published).distinct().order_by("name")
    return render(
        request,
        "reporting/public/index.html",
        {
            "agencies": _agency_rows(timezone.localdate()),
            "events": events,
            "min_n": settings.GOVCX_MIN_N,
            "language": translation.get_language(),
        },
    )


@access(PUBLIC)
def trust_hisp(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponseBase:
    hisp = Organization.objects.filter(slug=slug, is_hisp=True).first()
    if hisp is None:
        raise Http404("No such service provider.")
    published = _published_service_ids()
    services = list(
        Service.objects.filter(organization__path__startswith=hisp.path, pk__in=published)
        .select_related("organization")
        .order_by("name")
    )
    ids = [s.pk for s in services]
    today = timezone.localdate()
    context = {
        "kind": "service_provider",
        "title": hisp.name,
        "subject": {"kind": "service_provider", "name": hisp.name, "slug": hisp.slug},
        "points": public_trend(ids, today),
        "service_rows": _service_rows(services, today),
        "reflections": reflections(ids),
    }
    return _respond(request, fmt, context, f"trust-{hisp.slug}", ("trust:hisp-data", [hisp.slug]))


@access(PUBLIC)
def trust_service(request: HttpRequest, pk: int, fmt: str | None = None) -> HttpResponseBase:
    service = Service.objects.select_related("organization").filter(pk=pk).first()
    if service is None or pk not in _published_service_ids():
        raise Http404("No published reports for this service.")
    today = timezone.localdate()
    context = {
        "kind": "service",
        "title": service.name,
        "owner": service.organization.name,
        "subject": {
            "kind": "service",
            "id": service.pk,
            "name": service.name,
            "organization": service.organization.name,
        },
        "points": public_trend([service.pk], today),
        "reflections": reflections([service.pk]),
    }
    return _respond(
        request, fmt, context, f"trust-service-{service.pk}", ("trust:service-data", [service.pk])
    )


@access(PUBLIC)
def trust_life_event(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponseBase:
    event = LifeEvent.objects.filter(slug=slug).first()
    if event is None:
        raise Http404("No such life event.")
    published = _published_service_ids()
    services = list(
        event.services.filter(pk__in=published).select_related("organization").order_by("name")
    )
    if not services:
        raise Http404("No published reports for this life event.")
    ids = [s.pk for s in services]
    today = timezone.localdate()
    context = {
        "kind": "life_event",
        "title": event.name,
        "subject": {"kind": "life_event", "name": event.name, "slug": event.slug},
        "points": public_trend(ids, today),
        "service_rows": _service_rows(services, today),
        "reflections": reflections(ids),
    }
    return _respond(
        request,
        fmt,
        context,
        f"trust-life-event-{event.slug}",
        ("trust:life-event-data", [event.slug]),
    )


@access(PUBLIC)
def methodology(request: HttpRequest) -> HttpResponseBase:
    return render(
        request,
        "reporting/public/methodology.html",
        {
            "min_n": settings.GOVCX_MIN_N,
            "suppress_below": SUPPRESS_BELOW,
            "language": translation.get_language(),
        },
    )
