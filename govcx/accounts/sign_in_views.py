"""Sign-in screens: Login.gov, and local passwords with an authenticator app where required."""

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from govcx.accounts import mfa, mfa_links
from govcx.accounts.forms import SignInForm, TotpForm
from govcx.accounts.login_gov import (
    AAL_PHISHING_RESISTANT,
    AAL_PIV_CAC,
    LoginGovError,
    login_gov_enabled,
    login_gov_end_session_url,
    login_gov_identity,
    login_gov_redirect,
)
from govcx.accounts.models import User
from govcx.accounts.rules import PUBLIC, SIGNED_IN, access
from govcx.accounts.sign_in import SignInRefused, check_may_sign_in, user_for_identity
from govcx.audit.models import Action
from govcx.audit.services import audit_record

BACKEND = "govcx.accounts.backends.AccountBackend"
NEXT_KEY = "govcx_sign_in_next"
# Set in the session of a Login.gov sign-in: signing out then ends the Login.gov session too.
LOGIN_GOV_KEY = "govcx_login_gov"
PENDING_KEY = "govcx_mfa_pending"
# Seconds between the password and the authenticator code before the person starts again.
PENDING_SECONDS = 300
# Set when an emailed set-up link is used: the password entered next in this browser, for the
# same person, within ENROL_SECONDS, leads to setting up an authenticator app.
ENROL_KEY = "govcx_mfa_enrol"
ENROL_SECONDS = 900
STRONGER_ACR = {"phishing_resistant": AAL_PHISHING_RESISTANT, "piv_cac": AAL_PIV_CAC}


def _sign_in_page(
    request: HttpRequest, *, error: str = "", retry: str = "", status: int = 200
) -> HttpResponse:
    form = SignInForm(request) if settings.GOVCX_LOCAL_ACCOUNTS else None
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "error": error, "retry": retry, "next": "", **_choices()},
        status=status,
    )


def _choices() -> dict[str, Any]:
    return {"login_gov": login_gov_enabled(), "local_accounts": settings.GOVCX_LOCAL_ACCOUNTS}


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@access(PUBLIC)
class SignInView(auth_views.LoginView):
    """The sign-in page; the password form only where local accounts are enabled. With
    GOVCX_LOCAL_MFA the password alone signs nobody in: the authenticator code comes next."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(_choices())  # "next" stays LoginView's, checked to be on this site
        if not settings.GOVCX_LOCAL_ACCOUNTS:
            context["form"] = None
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.GOVCX_LOCAL_ACCOUNTS:
            return _sign_in_page(
                request,
                error=_("Sign-in with a password is turned off here. Sign in with Login.gov."),
                status=403,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        """With a set-up app, the code comes next. Without one, the password alone is not
        enough to set one up: that needs the emailed link as well (govcx.accounts.mfa_links)."""
        if not settings.GOVCX_LOCAL_MFA:
            return super().form_valid(form)
        user = form.get_user()
        session = self.request.session
        enrolling = not mfa.has_device(user)
        if enrolling and not _link_used_for(self.request, user):
            mfa_links.enrolment_link_send(user=user, request=self.request)
            return redirect("accounts:mfa-link-sent")
        session.cycle_key()
        session.pop(ENROL_KEY, None)
        session[PENDING_KEY] = {
            "user": user.pk,
            "at": time.time(),
            "next": self.get_success_url(),
            "enrol": enrolling,
        }
        return redirect("accounts:mfa-enroll" if enrolling else "accounts:mfa-verify")


def _link_used_for(request: HttpRequest, user: User) -> bool:
    used = request.session.get(ENROL_KEY)
    return bool(used and used["user"] == user.pk and time.time() - used["at"] <= ENROL_SECONDS)


def _pending_user(request: HttpRequest, *, enrolling: bool) -> tuple[User, str] | None:
    """The person who entered their password here just now; for setting up an app, only if
    they had used an emailed set-up link first."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    if enrolling and not pending.get("enrol"):
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["next"]) if user else None


def _finish(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    request.session.pop(PENDING_KEY, None)
    request.govcx_sign_in = {"method": "password", "amr": ["pwd", "otp"]}  # type: ignore[attr-defined]
    login(request, user, backend=BACKEND)
    return HttpResponseRedirect(_safe_next(request, next_url))


def _mfa_step(request: HttpRequest, *, enrolling: bool) -> HttpResponse:
    pending = _pending_user(request, enrolling=enrolling)
    if pending is None:
        return _sign_in_page(
            request, error=_("Your sign-in took too long. Enter your password again."), status=400
        )
    user, next_url = pending
    device = mfa.enrollment_device(user) if enrolling else mfa.confirmed_device(user)
    if device is None:
        return redirect("accounts:mfa-verify" if enrolling else "accounts:mfa-enroll")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.check_code(device=device, code=form.cleaned_data["code"], request=request)
        except mfa.CodeRefused as refused:
            form.add_error("code", refused.message)
        else:
            if enrolling:
                mfa.confirm_device(device=device, request=request)
            return _finish(request, user, next_url)
    context: dict[str, Any] = {"form": form, "enrolling": enrolling}
    if enrolling:
        context.update(qr_svg=mfa.qr_svg(device), secret=mfa.secret_text(device))
    return render(request, "accounts/mfa.html", context)


@access(PUBLIC)
@never_cache
def mfa_enroll(request: HttpRequest) -> HttpResponse:
    """First sign-in with a password: set up an authenticator app and enter its first code."""
    return _mfa_step(request, enrolling=True)


@access(PUBLIC)
@never_cache
def mfa_verify(request: HttpRequest) -> HttpResponse:
    return _mfa_step(request, enrolling=False)


@access(PUBLIC)
@never_cache
def mfa_link_sent(request: HttpRequest) -> HttpResponse:
    """After a right password with no app set up: look for the emailed link."""
    return render(
        request,
        "accounts/mfa_link.html",
        {"sent": True, "minutes": settings.GOVCX_MFA_LINK_MINUTES},
    )


@access(PUBLIC)
@never_cache
def mfa_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed set-up link. Opening it changes nothing (mail scanners open links too); its
    button spends it, and the password entered next in this browser leads to the set-up."""
    user = mfa_links.enrolment_link_user(uidb64, token, request)
    if user is None:
        return render(request, "accounts/mfa_link.html", {"refused": True}, status=400)
    if request.method != "POST":
        return render(request, "accounts/mfa_link.html", {})
    mfa_links.enrolment_link_use(user=user, request=request)
    request.session[ENROL_KEY] = {"user": user.pk, "at": time.time()}
    messages.info(request, _("Now sign in with your password to set up your authenticator app."))
    return redirect("accounts:sign-in")


def locked_out(request: HttpRequest, original_response: Any, credentials: Any) -> HttpResponse:
    """django-axes calls this when a sign-in is refused because the account is locked."""
    return _sign_in_page(
        request,
        error=_(
            "Too many failed sign-ins for this account. It is locked for %(minutes)d minutes; "
            "try again later or ask an admin to unlock it."
        )
        % {"minutes": settings.GOVCX_LOCKOUT_MINUTES},
        status=429,
    )


@access(PUBLIC)
def login_gov_start(request: HttpRequest) -> HttpResponse:
    """Send the person to Login.gov. ``assurance`` asks Login.gov for a stronger method when an
    organization requires one (offered after a sign-in that was too weak)."""
    if not login_gov_enabled():
        raise Http404
    acr_values = settings.LOGIN_GOV_ACR_VALUES
    stronger = STRONGER_ACR.get(request.GET.get("assurance", ""))
    if stronger:
        acr_values = f"{acr_values} {stronger}"
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    redirect_uri = request.build_absolute_uri(reverse("accounts:login-gov-callback"))
    try:
        return login_gov_redirect(request, redirect_uri=redirect_uri, acr_values=acr_values)
    except LoginGovError:
        return _sign_in_page(
            request,
            error=_("Login.gov cannot be reached right now. Try again in a few minutes."),
            status=503,
        )


@access(PUBLIC)
def login_gov_callback(request: HttpRequest) -> HttpResponse:
    """Where Login.gov sends the person back: verify, find or create the account, sign in."""
    if not login_gov_enabled():
        raise Http404
    if request.GET.get("error") == "access_denied":
        return _sign_in_page(request, error=_("You cancelled the sign-in at Login.gov."))
    try:
        identity = login_gov_identity(request)
    except LoginGovError as error:
        audit_record(
            action=Action.SIGN_IN_FAILED,
            actor=None,
            request=request,
            details={"method": "login.gov", "reason": error.reason},
        )
        return _sign_in_page(
            request,
            error=_(
                "The sign-in with Login.gov could not be completed or its answer could not be "
                "verified. Start again; if it happens again, tell your platform admin."
            ),
            status=400,
        )
    try:
        user = user_for_identity(identity=identity, request=request)
        check_may_sign_in(user=user, identity=identity, acr_values=settings.LOGIN_GOV_ACR_VALUES)
    except SignInRefused as refused:
        audit_record(
            action=Action.SIGN_IN_FAILED,
            actor=refused.user,
            request=request,
            actor_email=identity.email[:254],
            details={"method": "login.gov", "reason": refused.reason},
        )
        retry = refused.reason.removeprefix("assurance_").removesuffix("_not_met")
        return _sign_in_page(
            request,
            error=refused.message,
            retry=retry if retry in STRONGER_ACR else "",
            status=403,
        )
    next_url = request.session.pop(NEXT_KEY, None)
    request.govcx_sign_in = {"method": "login.gov", "acr": identity.acr, "amr": list(identity.amr)}  # type: ignore[attr-defined]
    login(request, user, backend=BACKEND)
    request.session[LOGIN_GOV_KEY] = True
    return HttpResponseRedirect(_safe_next(request, next_url))


@access(SIGNED_IN)
class SignOutView(auth_views.LogoutView):
    """End the govcx session (POST only, audited) and, after a Login.gov sign-in, Login.gov's
    session as well: otherwise the next person at a shared computer who presses "Sign in with
    Login.gov" would be signed straight back in as this one."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        via_login_gov = bool(request.session.get(LOGIN_GOV_KEY)) and login_gov_enabled()
        response: HttpResponse = super().post(request, *args, **kwargs)
        if via_login_gov:
            back = request.build_absolute_uri(reverse("accounts:signed-out"))
            end_session = login_gov_end_session_url(post_logout_redirect_uri=back)
            if end_session:
                return HttpResponseRedirect(end_session)
        return response


@access(PUBLIC)
@never_cache
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where Login.gov sends the person back after ending its session."""
    return render(request, "accounts/signed_out.html")
