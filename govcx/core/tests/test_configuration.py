"""Start-up configuration: strict parsing, and production refusing unsafe settings."""

import os
import secrets
import subprocess
import sys

import pytest

GOOD_PRODUCTION = {
    "GOVCX_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "govcx.example.gov",
    # Nothing here connects: importing the settings and `check --deploy` read the URL only.
    "DATABASE_URL": "postgres://govcx@db.invalid:5432/govcx",
}


def start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as a server process would at start-up."""
    clean = {k: v for k, v in os.environ.items() if k not in {*GOOD_PRODUCTION, "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import govcx.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_good_production_settings_start() -> None:
    assert start(GOOD_PRODUCTION).returncode == 0


@pytest.mark.parametrize(
    ("change", "variable"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:///:memory:"}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////srv/govcx/govcx.sqlite3"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://govcx@db.invalid/govcx"}, "DATABASE_URL"),
        ({"DEBUG": "true"}, "DEBUG"),
        ({"DEBUG": "perhaps"}, "DEBUG"),
        ({"SECURE_SSL_REDIRECT": "false"}, "SECURE_SSL_REDIRECT"),
        ({"SECURE_HSTS_SECONDS": "60"}, "SECURE_HSTS_SECONDS"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"GOVCX_ENV": "staging"}, "GOVCX_ENV"),
        ({"GOVCX_LOCAL_ACCOUNTS": "true", "GOVCX_LOCAL_MFA": "false"}, "GOVCX_LOCAL_MFA"),
        ({"LOGIN_GOV_ISSUER": "https://secure.login.gov"}, "LOGIN_GOV_CLIENT_ID"),
        (
            {"LOGIN_GOV_ISSUER": "http://127.0.0.1:9", "LOGIN_GOV_CLIENT_ID": "x"},
            "LOGIN_GOV_ISSUER",
        ),
        (
            {
                "LOGIN_GOV_ISSUER": "https://secure.login.gov",
                "LOGIN_GOV_CLIENT_ID": "x",
                "LOGIN_GOV_PRIVATE_KEY": "not a key",
            },
            "LOGIN_GOV_PRIVATE_KEY",
        ),
        ({"GOVCX_LOCKOUT_FAILURES": "0"}, "GOVCX_LOCKOUT_FAILURES"),
        ({"GOVCX_RATE_PER_KEY": "lots"}, "GOVCX_RATE_PER_KEY"),
        ({"GOVCX_MFA_LINK_MINUTES": "0"}, "GOVCX_MFA_LINK_MINUTES"),
        ({"GOVCX_MFA_LINK_MINUTES": "10000"}, "GOVCX_MFA_LINK_MINUTES"),
        ({"GOVCX_RATE_PER_ADDRESS": "30/0m"}, "GOVCX_RATE_PER_ADDRESS"),
        ({"GOVCX_API_RATE_PER_TOKEN": "600 per minute"}, "GOVCX_API_RATE_PER_TOKEN"),
        ({"GOVCX_SESSION_IDLE_MINUTES": "0"}, "GOVCX_SESSION_IDLE_MINUTES"),
        (
            {"GOVCX_SESSION_IDLE_MINUTES": "1", "GOVCX_SESSION_WARNING_SECONDS": "60"},
            "GOVCX_SESSION_WARNING_SECONDS",
        ),
    ],
)
def test_unsafe_or_malformed_settings_stop_start_up_naming_the_variable(
    change: dict[str, str], variable: str
) -> None:
    result = start({**GOOD_PRODUCTION, **change})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}:" in result.stderr.strip().splitlines()[-1]


def test_development_starts_with_no_configuration() -> None:
    assert start({"GOVCX_ENV": "development"}).returncode == 0


def test_secrets_can_come_from_files(tmp_path: object) -> None:
    from pathlib import Path

    key_file = Path(str(tmp_path)) / "key"
    key_file.write_text(GOOD_PRODUCTION["SECRET_KEY"] + "\n")
    env = {k: v for k, v in GOOD_PRODUCTION.items() if k != "SECRET_KEY"}
    assert start({**env, "SECRET_KEY_FILE": str(key_file)}).returncode == 0
    both = start({**GOOD_PRODUCTION, "SECRET_KEY_FILE": str(key_file)})
    assert "set either SECRET_KEY or SECRET_KEY_FILE" in both.stderr


def test_production_turns_local_passwords_off_unless_enabled_and_then_requires_mfa() -> None:
    probe = (
        "from django.conf import settings as s; print(s.GOVCX_LOCAL_ACCOUNTS, s.GOVCX_LOCAL_MFA)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {*GOOD_PRODUCTION, "DEBUG"}}

    def flags(env: dict[str, str]) -> str:
        return subprocess.run(  # noqa: S603 - fixed interpreter and code
            [sys.executable, "-c", f"import django; django.setup(); {probe}"],
            env={**clean, "DJANGO_SETTINGS_MODULE": "govcx.settings", **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert flags(GOOD_PRODUCTION) == "False True"
    assert flags({**GOOD_PRODUCTION, "GOVCX_LOCAL_ACCOUNTS": "true"}) == "True True"
    assert flags({"GOVCX_ENV": "development"}) == "True False"
