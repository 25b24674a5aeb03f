#!/bin/sh
# One node of the `emqx` compose profile (docs/cluster.md). Writes the platform's account into the
# bootstrap file of EMQX's built-in authentication database (read when the database is empty, so on a
# fresh volume), then starts EMQX as the image does. The platform account is a superuser in this
# profile: EMQX's authorization is not configured. Devices have no accounts here (docs/cluster.md).
set -eu
: "${RW_MQTT_PASSWORD:?}"
umask 077
printf 'user_id,password,is_superuser\nplatform,%s,true\n' "$RW_MQTT_PASSWORD" > /opt/emqx/data/rw-users.csv
exec /usr/bin/docker-entrypoint.sh /opt/emqx/bin/emqx foreground
