# Cloud Foundry runs this before each process: the bound services' credentials become the
# DATABASE_URL and CACHE_URL govcx reads (docs/operations.md). Values already set win.
if [ -n "${VCAP_SERVICES:-}" ]; then
  eval "$(python3 - <<'PY'
import json, os, shlex
services = json.loads(os.environ["VCAP_SERVICES"])
def uri(*labels):
    for label in labels:
        for service in services.get(label, []):
            credentials = service.get("credentials", {})
            if credentials.get("uri"):
                return credentials["uri"]
    return None
for name, labels in (("DATABASE_URL", ("aws-rds", "postgres")), ("CACHE_URL", ("aws-elasticache-redis", "redis"))):
    value = uri(*labels)
    if value and not os.environ.get(name):
        print(f"export {name}={shlex.quote(value)}")
PY
)"
fi
