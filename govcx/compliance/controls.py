"""How govcx implements NIST SP 800-53 Rev. 5 controls, and which tests prove it.

The one source for docs/security/nist-800-53.md and the OSCAL component definition
(docs/security/oscal/component-definition.json), both written by `govcx compliance write` and
checked by the tests: every test named here must exist, so the mapping cannot point at nothing.
"""

from dataclasses import dataclass

# Bump when the mapping changes; it becomes the OSCAL document's version and date.
REVISION = "0.4.0"
REVISED = "2026-11-25T00:00:00+00:00"


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
        "cannot be removed. Accounts unused for GOVCX_INACTIVE_DAYS (90) are deactivated after "
        "warnings at 14 and 7 days. Admins list their people with role and last sign-in. Every "
        "grant, change, removal, deactivation and reactivation is audited.",
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
        "raw SQL. Organization admins read only their subtree's entries.",
        ("govcx/audit/models.py", "govcx/audit/migrations/0002_append_only_trigger.py"),
        (
            "govcx/audit/tests/test_audit_log.py::test_entries_cannot_be_changed_or_deleted_through_the_application",
            "govcx/audit/tests/test_audit_log.py::test_postgresql_refuses_changes_even_in_raw_sql",
            "govcx/audit/tests/test_audit_log.py::test_the_admin_reads_its_subtree_and_members_sign_ins_only",
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
        "hashers; TOTP devices are enrolled by the person (QR code and text secret), a used code "
        "is refused, and production refuses local accounts without MFA. API and touchpoint keys "
        "are random 256-bit secrets shown once and stored as digests, expiring and revocable.",
        ("govcx/accounts/mfa.py", "govcx/accounts/backends.py", "govcx/collection/keys.py"),
        (
            "govcx/accounts/tests/test_sign_in.py::test_passwords_follow_django_validators",
            "govcx/accounts/tests/test_local_accounts.py::test_the_code_step_needs_the_password_first",
            "govcx/accounts/tests/test_local_accounts.py::test_turned_off_local_accounts_refuse_passwords_everywhere",
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
        "SI-19",
        "De-identification",
        "Free-text answers are redacted (SSNs, phone numbers, emails, card and case numbers) "
        "before they are stored; public pages and exports apply minimum-n and small-cell "
        "suppression so no respondent can be singled out.",
        ("govcx/collection/redaction.py", "govcx/reporting/public.py"),
        (
            "govcx/collection/tests/test_redaction.py::test_precision_and_recall_on_the_labelled_set_are_at_least_95_percent",
            "govcx/reporting/tests/test_public.py::test_under_ten_respondents_not_even_the_count_is_shown",
        ),
    ),
)
