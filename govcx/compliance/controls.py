"""How govcx implements NIST SP 800-53 Rev. 5 controls, and which tests prove it.

The one source for docs/security/nist-800-53.md and the OSCAL component definition
(docs/security/oscal/component-definition.json), both written by `govcx compliance write` and
checked by the tests: every test named here must exist, so the mapping cannot point at nothing.
"""

from dataclasses import dataclass

# Bump when the mapping changes; it becomes the OSCAL document's version and date.
REVISION = "0.6.1"
REVISED = "2026-12-06T00:00:00+00:00"


@dataclass(frozen=True)
class Control:
    id: str  # as NIST writes it, e.g. "AC-2"
    title: str
    implementation: str
    code: tuple[str, ...]  # where it is implemented
    tests: tuple[str, ...]  # "path/to/test_file.py::test_name"


CONTROLS: tuple[Control, ...] = (
    Control(
        "AC-2",
        "Account Management",
        "Accounts are identified by email. A first Login.gov sign-in creates an account matched "
        "to organizations by verified email domain, with no role until an organization admin "
        "grants one; roles are granted per organization (viewer, analyst, survey manager, "
        "organization admin) and inherited down the hierarchy; the last admin of an organization "
        "cannot be removed. A role for a person whose email domain belongs to an organization "
        "outside the granting one's line needs a confirmation naming that organization, and is "
        "recorded in both organizations' audit logs. Accounts unused for GOVCX_INACTIVE_DAYS "
        "(90) are deactivated after warnings at 14 and 7 days. Admins list their people with "
        "role and last sign-in. Every grant, change, removal, deactivation and reactivation is "
        "audited.",
        (
            "govcx/accounts/services.py",
            "govcx/accounts/roles.py",
            "govcx/accounts/sign_in.py",
            "govcx/accounts/lifecycle.py",
        ),
        (
            "govcx/accounts/tests/test_members.py::test_admin_gives_a_role_to_a_new_person",
            "govcx/accounts/tests/test_members.py::test_admin_changes_and_removes_a_role",
            "govcx/accounts/tests/test_members.py::test_the_last_admin_cannot_be_removed_or_demoted",
            "govcx/accounts/tests/test_cross_org_roles.py::test_a_person_of_another_organization_needs_a_confirmation_naming_it",
            "govcx/accounts/tests/test_login_gov.py::test_a_first_sign_in_creates_an_account_matched_by_domain_with_no_role",
            "govcx/accounts/tests/test_inactive_accounts.py::test_warnings_then_deactivation",
            "govcx/accounts/tests/test_inactive_accounts.py::test_an_admin_sees_last_sign_in_and_reactivates",
        ),
    ),
    Control(
        "AC-3",
        "Access Enforcement",
        "Deny by default: every route declares an access rule (a test walks the URL "
        "configuration and fails on any route without one; a middleware refuses undeclared "
        "views), every API operation declares its authentication, and every organization-owned "
        "lookup goes through one access helper that answers 404 for other organizations' objects.",
        ("govcx/accounts/rules.py", "govcx/accounts/access.py", "govcx/accounts/middleware.py"),
        (
            "govcx/accounts/tests/test_url_access_rules.py::test_every_route_declares_an_access_rule",
            "govcx/accounts/tests/test_url_access_rules.py::test_a_view_without_a_rule_is_refused",
            "govcx/accounts/tests/test_access_helpers.py::test_other_organizations_objects_are_not_found",
            "govcx/reporting/tests/test_a11_exports.py::test_other_organizations_cannot_download_a_report",
            "govcx/accounts/tests/test_api_isolation.py::test_every_read_operation_keeps_organizations_apart",
            "govcx/accounts/tests/test_api_tokens.py::test_roles_still_decide_the_data",
        ),
    ),
    Control(
        "AC-6",
        "Least Privilege",
        "Views and services ask for a permission, never a role; each role carries only the "
        "permissions it needs (viewers read, survey managers build and collect, organization "
        "admins manage members, approve and submit reports). A weaker role gets 403.",
        ("govcx/accounts/roles.py",),
        (
            "govcx/accounts/tests/test_access_helpers.py::test_a_lesser_role_is_forbidden_not_hidden",
            "govcx/reporting/tests/test_collections.py::test_each_transition_is_allowed_to_its_role_only_and_audited",
            "govcx/accounts/tests/test_url_access_rules.py::test_the_admin_is_for_platform_admins_only",
        ),
    ),
    Control(
        "AC-7",
        "Unsuccessful Logon Attempts",
        "Local password accounts (development and the demo; in production only when explicitly "
        "enabled) are locked after GOVCX_LOCKOUT_FAILURES failures per account for "
        "GOVCX_LOCKOUT_MINUTES (django-axes); failures and lockouts are audited. Staff sign in "
        "with Login.gov in production, which applies its own limits.",
        ("govcx/accounts/sign_in_views.py", "govcx/settings.py"),
        (
            "govcx/accounts/tests/test_local_accounts.py::test_repeated_failures_lock_the_account_out",
            "govcx/accounts/tests/test_sign_in.py::test_a_failed_sign_in_is_refused_and_audited",
        ),
    ),
    Control(
        "AC-11",
        "Device Lock",
        "A signed-in session ends on the server after GOVCX_SESSION_IDLE_MINUTES (15) without a "
        "page view; a warning appears GOVCX_SESSION_WARNING_SECONDS before, offering to stay "
        "signed in. Without JavaScript the next request ends the session and the sign-in page "
        "says why.",
        ("govcx/accounts/sessions.py", "govcx/accounts/static/accounts/session-timeout.js"),
        (
            "govcx/accounts/tests/test_sessions.py::test_an_idle_session_ends_on_the_server_and_the_sign_in_page_says_why",
            "govcx/accounts/tests/test_sessions.py::test_the_warning_asks_without_counting_as_activity_and_stay_signed_in_restarts_it",
            "govcx/core/tests/test_csp_browser.py::test_the_idle_warning_keeps_the_session_when_asked_then_signs_out",
        ),
    ),
    Control(
        "AC-12",
        "Session Termination",
        "Sessions end at an absolute limit (SESSION_COOKIE_AGE, 12 hours) whatever the activity, "
        "and on sign-out (POST only), which deletes the session on the server so a copied cookie "
        "stops working; after a Login.gov sign-in, sign-out also ends the Login.gov session "
        "(OpenID Connect RP-initiated logout). Each end is audited with its reason.",
        ("govcx/accounts/sessions.py", "govcx/accounts/sign_in_views.py"),
        (
            "govcx/accounts/tests/test_sessions.py::test_a_session_ends_at_the_absolute_limit_even_when_active",
            "govcx/accounts/tests/test_sessions.py::test_sign_out_is_post_only_and_the_old_cookie_stops_working",
            "govcx/accounts/tests/test_login_gov.py::test_signing_out_ends_the_login_gov_session_too",
        ),
    ),
    Control(
        "AU-2",
        "Event Logging",
        "Sign-ins (and failures), sign-outs, role changes, catalog and survey changes, survey "
        "lifecycle transitions, key issue and revocation, imports, report transitions and data "
        "exports are recorded in the audit log.",
        ("govcx/audit/models.py", "govcx/audit/services.py"),
        (
            "govcx/accounts/tests/test_sign_in.py::test_a_failed_sign_in_is_refused_and_audited",
            "govcx/audit/tests/test_admin_changes_audited.py::test_an_admin_edit_is_audited",
            "govcx/reporting/tests/test_a11_exports.py::test_the_17_column_file_is_exact",
            "govcx/accounts/tests/test_api_tokens.py::test_an_expired_token_is_refused_and_audited",
        ),
    ),
    Control(
        "AU-3",
        "Content of Audit Records",
        "Each entry records when, who (user id and email, kept even if the user is deleted), "
        "what (action), on which object, for which organization, from which address, and details "
        "such as changed fields: never response content.",
        ("govcx/audit/models.py",),
        (
            "govcx/accounts/tests/test_sign_in.py::test_sign_in_and_out_are_audited_with_the_address",
        ),
    ),
    Control(
        "AU-9",
        "Protection of Audit Information",
        "Audit entries are append-only: the model and its queryset refuse updates and deletes, "
        "the admin is read-only, and on PostgreSQL a trigger refuses UPDATE and DELETE even in "
        "raw SQL. Organization admins read only their subtree's entries: what was done to its "
        "objects, and the sign-in and account events of its own people (by email domain), never "
        "what someone with a role there did in another organization.",
        ("govcx/audit/models.py", "govcx/audit/migrations/0002_append_only_trigger.py"),
        (
            "govcx/audit/tests/test_audit_log.py::test_entries_cannot_be_changed_or_deleted_through_the_application",
            "govcx/audit/tests/test_audit_log.py::test_postgresql_refuses_changes_even_in_raw_sql",
            "govcx/audit/tests/test_audit_log.py::test_the_admin_reads_its_subtree_and_its_own_people_s_sign_ins_only",
            "govcx/audit/tests/test_audit_scope.py::test_a_role_elsewhere_does_not_bring_that_person_s_activity_into_the_log",
        ),
    ),
    Control(
        "CM-6",
        "Configuration Settings",
        "Settings come from the environment and are checked at start-up: production refuses "
        "debug mode, weak or missing secrets, unsafe hosts and malformed values, naming the "
        "variable; `check --deploy` runs in CI with production settings and must be silent.",
        ("govcx/env.py", "govcx/settings.py", "scripts/test.sh"),
        (
            "govcx/core/tests/test_configuration.py::test_unsafe_or_malformed_settings_stop_start_up_naming_the_variable",
            "govcx/core/tests/test_configuration.py::test_good_production_settings_start",
        ),
    ),
    Control(
        "IA-2",
        "Identification and Authentication (Organizational Users)",
        "Staff sign in with Login.gov (OpenID Connect authorization code flow with PKCE and "
        "private_key_jwt, through Authlib), which requires multi-factor authentication; an "
        "organization can require phishing-resistant authenticators or PIV/CAC, checked against "
        "the acr and amr Login.gov returns. Local password accounts, where enabled in "
        "production, require TOTP as a second factor.",
        ("govcx/accounts/login_gov.py", "govcx/accounts/sign_in.py"),
        (
            "govcx/accounts/tests/test_login_gov_browser.py::test_a_person_signs_in_and_out_through_login_gov_in_a_browser",
            "govcx/accounts/tests/test_login_gov.py::test_a_wrong_state_is_refused",
            "govcx/accounts/tests/test_login_gov.py::test_a_replayed_code_is_refused_by_the_provider",
            "govcx/accounts/tests/test_login_gov.py::test_an_id_token_that_fails_verification_is_refused",
            "govcx/accounts/tests/test_login_gov.py::test_the_provider_requires_pkce",
            "govcx/accounts/tests/test_login_gov.py::test_an_organization_can_require_a_phishing_resistant_method",
            "govcx/accounts/tests/test_local_accounts.py::test_mfa_enrollment_then_verification",
        ),
    ),
    Control(
        "IA-5",
        "Authenticator Management",
        "govcx stores no Login.gov credentials. Local passwords follow Django's validators and "
        "hashers; TOTP devices are enrolled by the person (QR code and text secret) only with "
        "both the password and a one-time, expiring link emailed to the account, a used code "
        "is refused, and production refuses local accounts without MFA. API and touchpoint keys "
        "are random 256-bit secrets shown once and stored as digests, expiring and revocable.",
        (
            "govcx/accounts/mfa.py",
            "govcx/accounts/backends.py",
            "govcx/accounts/credentials.py",
            "govcx/accounts/tokens.py",
        ),
        (
            "govcx/accounts/tests/test_sign_in.py::test_passwords_follow_django_validators",
            "govcx/accounts/tests/test_local_accounts.py::test_the_code_step_needs_the_password_first",
            "govcx/accounts/tests/test_mfa_enrolment.py::test_a_password_alone_never_reaches_enrolment",
            "govcx/accounts/tests/test_mfa_enrolment.py::test_the_link_works_once",
            "govcx/accounts/tests/test_mfa_enrolment.py::test_the_link_expires",
            "govcx/accounts/tests/test_local_accounts.py::test_turned_off_local_accounts_refuse_passwords_everywhere",
            "govcx/accounts/tests/test_api_tokens.py::test_a_token_is_shown_once_and_stored_as_a_digest",
            "govcx/accounts/tests/test_api_tokens.py::test_expiry_is_required_and_bounded",
            "govcx/accounts/tests/test_api_tokens.py::test_a_revoked_token_stops_working",
        ),
    ),
    Control(
        "IA-8",
        "Identification and Authentication (Non-Organizational Users)",
        "People outside the agency are identified through Login.gov, the government's shared "
        "identity service, by a verified email address; identity verification can be required "
        "(acr_values) and is checked in the answer. Members of the public who give feedback are "
        "not identified at all: surveys are anonymous unless they ask for contact details.",
        ("govcx/accounts/login_gov.py",),
        (
            "govcx/accounts/tests/test_login_gov.py::test_an_unverified_email_is_refused",
            "govcx/accounts/tests/test_login_gov.py::test_identity_verification_asked_for_is_checked_in_the_answer",
            "govcx/accounts/tests/test_login_gov.py::test_the_most_specific_domain_wins_and_lookalikes_do_not_match",
        ),
    ),
    Control(
        "SC-5",
        "Denial-of-Service Protection",
        "Public submission endpoints limit body size before parsing and rate-limit per address "
        "and per touchpoint in Redis (shared across processes); refused submissions are counted "
        "by reason.",
        ("govcx/collection/limits.py", "govcx/collection/api.py"),
        (
            "govcx/collection/tests/test_submission_api.py::test_oversized_bodies_are_refused_before_parsing",
            "govcx/collection/tests/test_submission_api.py::test_rate_limits_per_address_with_an_allowance_for_shared_addresses",
            "govcx/collection/tests/test_rate_limit_store.py::test_two_processes_share_one_count",
        ),
    ),
    Control(
        "SC-8",
        "Transmission Confidentiality and Integrity",
        "TLS terminates at the agency's proxy or load balancer; govcx requires HTTPS in "
        "production: HSTS, secure and host-only (__Host-) cookies, secure CSRF cookie, HTTPS "
        "redirect, and a Login.gov issuer that must be https.",
        ("govcx/settings.py",),
        (
            "govcx/core/tests/test_security_headers.py::test_hsts_over_https_when_configured_as_in_production",
            "govcx/accounts/tests/test_sessions.py::test_production_cookies_are_secure_host_only_and_http_only",
            "govcx/core/tests/test_configuration.py::test_good_production_settings_start",
        ),
    ),
    Control(
        "SC-13",
        "Cryptographic Protection",
        "No cryptography of our own: secrets come from Python's secrets module; API keys are "
        "stored as SHA-256 digests and shown once; passwords use Django's hashers; report "
        "packages are sealed with SHA-256 (hashlib); respondent addresses, when kept at all, as "
        "keyed hashes.",
        ("govcx/collection/keys.py", "govcx/reporting/integrity.py"),
        (
            "govcx/collection/tests/test_staff_screens.py::test_a_key_is_shown_once_then_only_its_prefix",
            "govcx/reporting/tests/test_collections.py::test_submitting_freezes_the_report_and_later_changes_show",
        ),
    ),
    Control(
        "SC-18",
        "Mobile Code",
        "A strict Content-Security-Policy on every response: scripts run only with the "
        "response's own nonce, no inline or eval, everything else from govcx's origin, no "
        "framing except a touchpoint's listed websites framing its hosted survey page. A browser "
        "test loads every kind of page and finds no violation.",
        ("govcx/core/csp.py", "govcx/settings.py"),
        (
            "govcx/core/tests/test_security_headers.py::test_every_kind_of_page_gets_the_security_headers",
            "govcx/core/tests/test_security_headers.py::test_the_nonce_is_new_on_every_response",
            "govcx/core/tests/test_csp_browser.py::test_every_kind_of_page_runs_with_no_policy_violation",
        ),
    ),
    Control(
        "SC-23",
        "Session Authenticity",
        "The session key is replaced at sign-in (the old one deleted), cookies are HttpOnly and "
        "SameSite=Lax, CSRF tokens guard every form, and Login.gov sign-in checks state, nonce "
        "and PKCE so a response cannot be replayed or injected.",
        ("govcx/accounts/sessions.py", "govcx/accounts/login_gov.py"),
        (
            "govcx/accounts/tests/test_sessions.py::test_sign_in_gives_a_new_session_key_and_the_old_one_is_gone",
            "govcx/accounts/tests/test_login_gov.py::test_a_wrong_state_is_refused",
            "govcx/accounts/tests/test_login_gov.py::test_a_replayed_code_is_refused_by_the_provider",
        ),
    ),
    Control(
        "SI-10",
        "Information Input Validation",
        "Every channel (hosted page, widget, API, file import) goes through one validator "
        "against the exact survey version; unknown fields, wrong types and hidden questions are "
        "refused with a message per field; the validator is fuzzed.",
        ("govcx/collection/validation.py",),
        (
            "govcx/collection/tests/test_validation.py::test_each_problem_is_named_on_its_field",
            "govcx/collection/tests/test_submission_api.py::test_unexpected_fields_and_bad_json_are_refused",
            "govcx/collection/tests/test_fuzz.py::test_the_validator_never_raises_and_accepts_only_sound_answers",
        ),
    ),
    Control(
        "SI-12",
        "Information Management and Retention",
        "Responses are kept for each organization's retention period (default 12 months, GRS 5.8 "
        "item 010) from the publication of the quarter's A-11 report, then purged by a scheduled "
        "task in short batches, with a dry-run report; a legal hold on a survey stops the purge; "
        "each purge is audited with counts, never content; a survey with responses cannot be "
        "deleted until they are purged or all exported (the export proven by the audit log).",
        ("govcx/retention/policy.py", "govcx/retention/purge.py"),
        (
            "govcx/retention/tests/test_purge.py::test_due_responses_are_deleted_and_later_ones_kept",
            "govcx/retention/tests/test_purge.py::test_a_legal_hold_stops_the_purge_until_cleared",
            "govcx/retention/tests/test_purge.py::test_the_audit_entry_has_counts_and_never_content",
            "govcx/retention/tests/test_policy.py::test_a_published_report_starts_the_clock_the_day_after_its_publication",
            "govcx/surveys/tests/test_survey_deletion.py::test_a_survey_on_legal_hold_cannot_be_deleted",
            "govcx/surveys/tests/test_survey_deletion.py::test_responses_must_be_purged_first",
            "govcx/surveys/tests/test_survey_deletion.py::test_responses_exported_in_full_go_with_the_survey",
        ),
    ),
    Control(
        "SI-19",
        "De-identification",
        "Free-text answers are redacted before they are stored (names, SSNs, birth dates, "
        "phone numbers, emails, street addresses, Medicare, bank account and routing, A-, "
        "passport, VA file and driver's license numbers, card and case numbers; docs/"
        "collection.md lists what is not detected), keeping the organization's own public "
        "contacts; `govcx redact --stored` applies an improved redactor to stored answers; "
        "public pages and exports apply minimum-n and small-cell suppression so no respondent "
        "can be singled out.",
        ("govcx/collection/redaction.py", "govcx/collection/rerun.py", "govcx/reporting/public.py"),
        (
            "govcx/collection/tests/test_redaction.py::test_precision_and_recall_on_the_labelled_set_are_at_least_95_percent",
            "govcx/collection/tests/test_redact_command.py::test_stored_answers_are_redacted_again_counted_and_audited",
            "govcx/reporting/tests/test_public.py::test_under_ten_respondents_not_even_the_count_is_shown",
        ),
    ),
)
