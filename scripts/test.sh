#!/usr/bin/env bash
# The whole check, as `make test` and CI run it: lint, types, migrations, deploy check, and the
# test suite on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1

step() { printf '\n== %s\n' "$*"; }

step "ruff (lint and format)"
$BIN/ruff check govcx
$BIN/ruff format --check govcx

step "mypy --strict"
$BIN/mypy govcx

step "import-linter (the layers of docs/architecture.md; contracts in .importlinter)"
$BIN/lint-imports --no-cache

step "bandit (security lint; justified skips in pyproject.toml and at their lines)"
$BIN/bandit -c pyproject.toml -q -r govcx

step "migrations are complete"
GOVCX_ENV=development DATABASE_URL="sqlite:///:memory:" $BIN/govcx makemigrations --check --dry-run

step "check --deploy and collectstatic with production settings"
PROD_DATA="$(mktemp -d)"
# Production refuses SQLite; neither command connects, so the database need not exist.
export_prod() {
  GOVCX_ENV=production DATABASE_URL="postgres://govcx@db.invalid:5432/govcx" \
    ALLOWED_HOSTS=govcx.example.gov \
    GOVCX_DATA_DIR="$PROD_DATA" \
    SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(64))')" "$@"
}
export_prod $BIN/govcx check --deploy --fail-level WARNING
export_prod $BIN/govcx collectstatic --noinput -v0
rm -rf "$PROD_DATA"

# Browser tests need Debian's Chromium; the rule-evaluator test and the sign-in tests' OpenID
# Connect provider need Node.js (and npm to install the provider).
missing=()
command -v "${GOVCX_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d tools/oidc-provider/node_modules/oidc-provider ]; then
  step "installing the test OpenID Connect provider (npm ci)"
  npm ci --prefix tools/oidc-provider --no-audit --no-fund --loglevel=error
fi

step "tests on SQLite"
DATABASE_URL="sqlite:///var/test.sqlite3" $BIN/pytest

PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/govcx}"
if $BIN/python - "$PG_URL" <<'PY'
import sys, psycopg, dj_database_url
c = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(host=c["HOST"] or None, port=c["PORT"] or None, user=c["USER"] or None,
                    password=c["PASSWORD"] or None, dbname="postgres", connect_timeout=5).close()
except psycopg.OperationalError as e:
    print(f"PostgreSQL unreachable: {e}", file=sys.stderr); sys.exit(1)
PY
then
  step "tests on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" $BIN/pytest
else
  if [ -n "${CI:-}" ]; then
    echo "FAILED: PostgreSQL is not reachable at $PG_URL and CI is set; every test must run on it." >&2
    exit 1
  fi
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! PostgreSQL is not reachable at $PG_URL: the suite ran on SQLite ONLY."
  echo "!! Start PostgreSQL or set DATABASE_URL, then run make test again."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi
