#!/usr/bin/env bash
# Regenerates the dashboard's REST types from the OpenAPI document the application serves:
#   1. runs OpenApiContractTest (the application against a database and broker of its own, like
#      scripts/test.sh), which writes the document it fetched from /v3/api-docs to
#      command-api/target/openapi.json;
#   2. copies it to dashboard-web/openapi.json, the committed copy the dashboard's build reads;
#   3. generates dashboard-web/src/generated/api.d.ts from it (npm run api:types, openapi-typescript).
# Then `cd dashboard-web && npm run build` shows where the dashboard must follow a changed payload.
# Extra arguments go to Maven (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f command-api/target/openapi.json
# the test fails while the committed copy is out of date: that is why we are here, so go on
scripts/test.sh -pl command-api -am -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Drw.skipFaultTests=true "$@" || true
if [ ! -s command-api/target/openapi.json ]; then
  echo "openapi-types: the application did not serve its document; see command-api/target/surefire-reports" >&2
  exit 1
fi
cp command-api/target/openapi.json dashboard-web/openapi.json
(cd dashboard-web && npm run --silent api:types)
echo "openapi-types: dashboard-web/openapi.json and dashboard-web/src/generated/api.d.ts regenerated; commit both"
