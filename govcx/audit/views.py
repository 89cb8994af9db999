from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govcx.accounts.access import access_organization
from govcx.accounts.roles import Perm
from govcx.accounts.rules import PLATFORM_ADMIN, HasPerm, access
from govcx.audit.forms import AuditFilterForm
from govcx.audit.models import AuditEntry
from govcx.audit.services import audit_entries_for
from govcx.catalog.models import Organization


@access(HasPerm(Perm.VIEW_AUDIT))
def organization_log(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, Perm.VIEW_AUDIT, slug=slug)
    return _render_log(request, audit_entries_for(organization), organization)


@access(PLATFORM_ADMIN)
def platform_log(request: HttpRequest) -> HttpResponse:
    return _render_log(request, AuditEntry.objects.all(), None)


def _render_log(
    request: HttpRequest, entries: QuerySet[AuditEntry], organization: Organization | None
) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filtered = form.apply(entries).order_by("-at", "-id")
    page = Paginator(filtered, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "organization": organization,
            "form": form,
            "page": page,
            "querystring_base": f"{query.urlencode()}&" if query else "",
        },
    )
