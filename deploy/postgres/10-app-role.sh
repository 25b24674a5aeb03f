#!/bin/sh
# Runs once, when docker compose initialises an empty database volume (docker-entrypoint-initdb.d):
# creates the role the app connects as at run time. POSTGRES_USER (redwhistle) owns the database and
# runs the migrations; redwhistle_app owns nothing, and the migrations grant it what it may do (on
# the audit log only insert and read). An existing volume needs this once by hand (docs/audit.md).
: "${RW_DB_PASSWORD:?set RW_DB_PASSWORD, the app role's password}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_pw="$RW_DB_PASSWORD" <<'SQL'
CREATE ROLE redwhistle_app LOGIN PASSWORD :'app_pw';
SQL
