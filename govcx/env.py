"""Strict readers for configuration held in environment variables.

Every reader names the variable in its error, so a bad deployment fails at start-up with a message
an operator can act on. Secrets may also come from a file named by ``<NAME>_FILE`` (container and
systemd credential conventions).
"""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# A rate limit: count/period, the period in s, m, h or d with an optional multiple ("100/5m").
RATE = re.compile(r"^(\d+)/([1-9]\d*)?([smhd])$")
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


def env_str(name: str, default: str | None = None) -> str | None:
    """Return the variable, or the content of the file named by NAME_FILE, or the default."""
    value = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if value is not None and file_name is not None:
        raise ImproperlyConfigured(f"{name}: set either {name} or {name}_FILE, not both.")
    if file_name is not None:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name!r}: {exc}") from exc
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Parse true/false (also 1/0, yes/no, on/off); anything else is a configuration error."""
    raw = env_str(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: {raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = env_str(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: {raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Parse a comma-separated list, ignoring blanks around items."""
    raw = env_str(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A rate such as 30/m; checked here, since a malformed one would be found only when the
    first request is counted, and rate limits fail open."""
    raw = env_str(name, default) or default
    if not RATE.match(raw):
        raise ImproperlyConfigured(
            f"{name}: {raw!r} is not a rate; use count/period such as 30/m or 100/5m."
        )
    return raw


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env_str(name, default)
    assert raw is not None  # noqa: S101 - a default is always given
    if raw not in choices:
        raise ImproperlyConfigured(f"{name}: {raw!r} is not one of {', '.join(choices)}.")
    return raw
