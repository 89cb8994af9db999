"""Catalog screens. Views parse input, ask ``access`` for the object, and call services."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from govcx.accounts.access import (
    access_object,
    access_organization,
    has_perm,
    is_platform_admin,
    organizations_for,
    scope,
)
from govcx.accounts.models import Membership
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm
from govcx.accounts.rules import PLATFORM_ADMIN, PUBLIC, SIGNED_IN, HasPerm, access
from govcx.catalog.forms import LifeEventForm, OrganizationForm, ServiceForm, TouchpointForm
from govcx.catalog.models import LifeEvent, Organization, Service, Touchpoint
from govcx.catalog.services import catalog_save
from govcx.catalog.tree import as_tree
from govcx.surveys.attention import surveys_needing_attention


@access(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "catalog/welcome.html")
    memberships = Membership.objects.filter(user=request.user).select_related("organization")
    life_events = (
        LifeEvent.objects.filter(services__in=scope(Service.objects.all(), request.user))
        .annotate(service_count=Count("services", distinct=True))
        .order_by("kind", "name")
    )
    return render(
        request,
        "catalog/home.html",
        {
            "memberships": memberships,
            "life_events": life_events,
            "attention": surveys_needing_attention(request.user, today=timezone.localdate()),
        },
    )


@access(SIGNED_IN)
def organizations(request: HttpRequest) -> HttpResponse:
    visible = organizations_for(request.user).annotate(service_count=Count("services"))
    return render(
        request,
        "catalog/organizations.html",
        {"tree": as_tree(list(visible)), "can_add_top": is_platform_admin(request.user)},
    )


@access(SIGNED_IN)
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, Perm.VIEW_CATALOG, slug=slug)
    user = request.user
    return render(
        request,
        "catalog/organization_detail.html",
        {
            "organization": organization,
            "ancestors": Organization.objects.filter(pk__in=organization.ancestor_ids()[:-1])
            .filter(pk__in=organizations_for(user))
            .order_by("path"),
            "children": organization.children.all(),
            "services": Service.objects.filter(organization__path__startswith=organization.path)
            .select_related("organization")
            .annotate(touchpoint_count=Count("touchpoints"))
            .order_by("organization__name", "name"),
            "domains": organization.domains.all(),
            "can_manage": has_perm(user, organization, Perm.MANAGE_CATALOG),
            "can_manage_members": has_perm(user, organization, Perm.MANAGE_MEMBERS),
            "can_view_audit": has_perm(user, organization, Perm.VIEW_AUDIT),
            "can_manage_retention": has_perm(user, organization, Perm.MANAGE_RETENTION),
        },
    )


@access(HasPerm(Perm.MANAGE_CATALOG))
def organization_create(request: HttpRequest) -> HttpResponse:
    parent_slug = request.GET.get("parent") or request.POST.get("parent_slug")
    parent = None
    if parent_slug:
        parent = access_organization(request.user, Perm.MANAGE_CATALOG, slug=parent_slug)
    elif not is_platform_admin(request.user):
        messages.error(request, _("Only a platform admin can add a top-level organization."))
        return redirect("catalog:organizations")
    form = OrganizationForm(
        request.POST or None,
        initial={"parent": parent},
        parents=organizations_for(request.user, Perm.MANAGE_CATALOG),
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["parent"] is None and not is_platform_admin(request.user):
            form.add_error("parent", _("Only a platform admin can add a top-level organization."))
        else:
            organization = catalog_save(form=form, by=request_user(request), request=request)
            messages.success(request, _("Organization added."))
            return redirect("catalog:organization", slug=organization.slug)
    return render(
        request,
        "catalog/organization_form.html",
        {"form": form, "parent": parent, "organization": None},
    )


@access(HasPerm(Perm.MANAGE_CATALOG))
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, Perm.MANAGE_CATALOG, slug=slug)
    # A parent must be managed by the user and must not lie beneath the organization itself.
    parents = organizations_for(request.user, Perm.MANAGE_CATALOG).exclude(
        path__startswith=organization.path
    )
    original_parent = organization.parent
    form = OrganizationForm(request.POST or None, instance=organization, parents=parents)
    if request.method == "POST" and form.is_valid():
        moving_to_top = form.cleaned_data["parent"] is None and original_parent is not None
        if moving_to_top and not is_platform_admin(request.user):
            form.add_error("parent", _("Only a platform admin can make an organization top-level."))
        else:
            catalog_save(form=form, by=request_user(request), request=request)
            messages.success(request, _("Organization saved."))
            return redirect("catalog:organization", slug=form.instance.slug)
    return render(
        request,
        "catalog/organization_form.html",
        {"form": form, "organization": organization, "parent": original_parent},
    )


@access(SIGNED_IN)
def services(request: HttpRequest) -> HttpResponse:
    visible = organizations_for(request.user)
    selected = request.GET.get("organization", "")
    queryset = (
        scope(Service.objects.all(), request.user)
        .select_related("organization")
        .annotate(touchpoint_count=Count("touchpoints"))
        .order_by("organization__name", "name")
    )
    if selected:
        queryset = queryset.filter(organization__slug=selected)
    return render(
        request,
        "catalog/services.html",
        {
            "services": queryset,
            "organizations": visible.order_by("name"),
            "selected": selected,
            "can_add": organizations_for(request.user, Perm.MANAGE_CATALOG).exists(),
        },
    )


@access(SIGNED_IN)
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_object(
        request.user, Perm.VIEW_CATALOG, Service.objects.select_related("organization"), pk=pk
    )
    return render(
        request,
        "catalog/service_detail.html",
        {
            "service": service,
            "touchpoints": service.touchpoints.all(),
            "life_events": service.life_events.all(),
            "can_manage": has_perm(request.user, service.organization, Perm.MANAGE_CATALOG),
            "can_manage_touchpoints": has_perm(
                request.user, service.organization, Perm.MANAGE_TOUCHPOINTS
            ),
        },
    )


@access(HasPerm(Perm.MANAGE_CATALOG))
def service_create(request: HttpRequest) -> HttpResponse:
    managed = organizations_for(request.user, Perm.MANAGE_CATALOG).order_by("name")
    initial_org = managed.filter(slug=request.GET.get("organization", "")).first()
    form = ServiceForm(
        request.POST or None, initial={"organization": initial_org}, organizations=managed
    )
    if request.method == "POST" and form.is_valid():
        service = catalog_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Service added."))
        return redirect("catalog:service", pk=service.pk)
    return render(request, "catalog/service_form.html", {"form": form, "service": None})


@access(HasPerm(Perm.MANAGE_CATALOG))
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_object(request.user, Perm.MANAGE_CATALOG, Service.objects.all(), pk=pk)
    form = ServiceForm(
        request.POST or None,
        instance=service,
        organizations=Organization.objects.filter(pk=service.organization_id),
    )
    if request.method == "POST" and form.is_valid():
        catalog_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Service saved."))
        return redirect("catalog:service", pk=service.pk)
    return render(request, "catalog/service_form.html", {"form": form, "service": service})


@access(HasPerm(Perm.MANAGE_TOUCHPOINTS))
def touchpoint_create(request: HttpRequest, service_pk: int) -> HttpResponse:
    service = access_object(
        request.user, Perm.MANAGE_TOUCHPOINTS, Service.objects.all(), pk=service_pk
    )
    form = TouchpointForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        catalog_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Touchpoint added."))
        return redirect("catalog:service", pk=service.pk)
    return render(
        request,
        "catalog/touchpoint_form.html",
        {"form": form, "service": service, "touchpoint": None},
    )


@access(HasPerm(Perm.MANAGE_TOUCHPOINTS))
def touchpoint_edit(request: HttpRequest, pk: int) -> HttpResponse:
    touchpoint = access_object(
        request.user,
        Perm.MANAGE_TOUCHPOINTS,
        Touchpoint.objects.select_related("service__organization"),
        pk=pk,
    )
    form = TouchpointForm(request.POST or None, instance=touchpoint, service=touchpoint.service)
    if request.method == "POST" and form.is_valid():
        catalog_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Touchpoint saved."))
        return redirect("catalog:service", pk=touchpoint.service_id)
    return render(
        request,
        "catalog/touchpoint_form.html",
        {"form": form, "service": touchpoint.service, "touchpoint": touchpoint},
    )


@access(SIGNED_IN)
def life_events(request: HttpRequest) -> HttpResponse:
    events = LifeEvent.objects.annotate(
        service_count=Count("services", distinct=True),
        organization_count=Count("services__organization", distinct=True),
    )
    return render(
        request,
        "catalog/life_events.html",
        {"life_events": events, "can_manage": is_platform_admin(request.user)},
    )


@access(SIGNED_IN)
def life_event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A journey across agencies: its services' names and owners are shown to every signed-in
    user (catalog facts, not data); each links to its detail page only for its own staff."""
    mine = set(scope(Service.objects.all(), request.user).values_list("pk", flat=True))
    event = get_object_or_404(
        LifeEvent.objects.prefetch_related(
            Prefetch(
                "services",
                queryset=Service.objects.select_related("organization").order_by(
                    "organization__name", "name"
                ),
            )
        ),
        slug=slug,
    )
    return render(
        request,
        "catalog/life_event_detail.html",
        {
            "life_event": event,
            "services": event.services.all(),
            "mine": mine,
            "can_manage": is_platform_admin(request.user),
        },
    )


@access(PLATFORM_ADMIN)
def life_event_create(request: HttpRequest) -> HttpResponse:
    return _life_event_form(request, LifeEvent())


@access(PLATFORM_ADMIN)
def life_event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _life_event_form(request, get_object_or_404(LifeEvent, slug=slug))


def _life_event_form(request: HttpRequest, event: LifeEvent) -> HttpResponse:
    form = LifeEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        saved = catalog_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Life event saved."))
        return redirect("catalog:life-event", slug=saved.slug)
    return render(request, "catalog/life_event_form.html", {"form": form, "life_event": event})
