"""Bearer secrets shown once and kept only as digests: touchpoint keys and user API tokens.

A presented credential reads ``<kind>_<prefix>_<secret>``: the kind tells which table to look in,
the prefix finds the row (and names it in lists and logs), the secret is compared by digest in
constant time. The secret is 256 random bits, so a fast SHA-256 digest is safe (a password needs
a slow hash because people choose guessable ones; a random 256-bit value cannot be guessed).
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class NewSecret:
    prefix: str
    digest: str
    presented: str  # the full value handed to its owner once


@dataclass(frozen=True)
class Presented:
    prefix: str
    secret: str


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_new(kind: str) -> NewSecret:
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    return NewSecret(prefix, secret_digest(secret), f"{kind}_{prefix}_{secret}")


def secret_parse(kind: str, presented: str) -> Presented | None:
    """Split a presented credential of this kind; None when it is not one."""
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != kind or not parts[1] or not parts[2]:
        return None
    return Presented(parts[1], parts[2])


def secret_matches(digest: str, presented: Presented) -> bool:
    return hmac.compare_digest(digest, secret_digest(presented.secret))
