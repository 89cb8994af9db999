from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from govcx.accounts.access import access_organization
from govcx.accounts.forms import ChangeRoleForm, GrantRoleForm
from govcx.accounts.lifecycle import account_reactivate, users_waiting_for_a_role
from govcx.accounts.models import Membership
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm, Role
from govcx.accounts.rules import HasPerm, access
from govcx.accounts.services import (
    OtherOrganization,
    membership_change,
    membership_grant,
    membership_revoke,
)
from govcx.catalog.models import Organization


@access(HasPerm(Perm.MANAGE_MEMBERS))
def members(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, Perm.MANAGE_MEMBERS, slug=slug)
    form = GrantRoleForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    other: Organization | None = None
    if request.method == "POST" and form.is_valid():
        try:
            membership = membership_grant(
                organization=organization,
                email=form.cleaned_data["email"],
                role=Role(form.cleaned_data["role"]),
                by=request_user(request),
                request=request,
                other_organization=Organization.objects.filter(
                    slug=request.POST.get("other_organization", "")
                ).first(),
            )
        except OtherOrganization as asked:
            other = asked.home  # ask for a confirmation that names it
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(email)s is now %(role)s.")
                % {"email": membership.user.email, "role": membership.get_role_display()},
            )
            return redirect("accounts:members", slug=organization.slug)
    direct = Membership.objects.filter(organization=organization).select_related("user")
    inherited = (
        Membership.objects.filter(organization_id__in=organization.ancestor_ids()[:-1])
        .select_related("user", "organization")
        .order_by("organization__path", "user__email")
    )
    page = Paginator(direct, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/members.html",
        {
            "organization": organization,
            "page": page,
            "inherited": inherited,
            "waiting": users_waiting_for_a_role(organization),
            "form": form,
            "other": other,
        },
    )


@access(HasPerm(Perm.MANAGE_MEMBERS))
def member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization: Organization = access_organization(request.user, Perm.MANAGE_MEMBERS, slug=slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organization=organization
    )
    form = ChangeRoleForm.for_membership(membership, request.POST or None)
    if request.method == "POST":
        try:
            if "reactivate" in request.POST:
                account_reactivate(user=membership.user, by=request_user(request), request=request)
                messages.success(request, _("Account reactivated."))
                return redirect("accounts:members", slug=organization.slug)
            if "remove" in request.POST:
                membership_revoke(membership=membership, by=request_user(request), request=request)
                messages.success(request, _("Role removed."))
                return redirect("accounts:members", slug=organization.slug)
            if form.is_valid():
                membership_change(
                    membership=membership,
                    role=Role(form.cleaned_data["role"]),
                    by=request_user(request),
                    request=request,
                )
                messages.success(request, _("Role changed."))
                return redirect("accounts:members", slug=organization.slug)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "accounts/member.html",
        {"organization": organization, "membership": membership, "form": form},
    )
