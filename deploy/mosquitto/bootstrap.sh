#!/bin/sh
# The project broker inside the eclipse-mosquitto image: dynamic security on, anonymous off, and the
# platform account (same role and ACLs as scripts/lib/services.sh creates without Docker).
set -eu
: "${RW_MQTT_ADMIN_PASSWORD:?}" "${RW_MQTT_PASSWORD:?}"
cat > /mosquitto/config/mosquitto.conf <<CONF
per_listener_settings false
allow_anonymous false
listener 1883
plugin /usr/lib/mosquitto_dynamic_security.so
plugin_opt_config_file /mosquitto/data/dynamic-security.json
persistence true
persistence_location /mosquitto/data/
max_queued_messages 10000000
max_queued_bytes 0
max_inflight_messages 100
# no topic aliases: see scripts/lib/services.sh (devices would loop on "protocol error" after a broker restart)
max_topic_alias 0
CONF
if [ ! -f /mosquitto/data/dynamic-security.json ]; then
  mosquitto_ctrl dynsec init /mosquitto/data/dynamic-security.json admin "$RW_MQTT_ADMIN_PASSWORD"
fi
chown -R mosquitto: /mosquitto/data
mosquitto -c /mosquitto/config/mosquitto.conf &
broker=$!
sleep 1
ctrl() { mosquitto_ctrl -u admin -P "$RW_MQTT_ADMIN_PASSWORD" dynsec "$@" >/dev/null 2>&1 || true; }
ctrl createRole platform
for acl in "subscribePattern cc/v1/#" "subscribePattern \$share/+/cc/v1/#" "publishClientSend cc/v1/#" \
           "publishClientReceive cc/v1/#" "subscribePattern \$CONTROL/dynamic-security/#" \
           "publishClientSend \$CONTROL/dynamic-security/#" "publishClientReceive \$CONTROL/dynamic-security/#"; do
  # shellcheck disable=SC2086
  ctrl addRoleACL platform $acl allow 5
done
ctrl createClient platform -p "$RW_MQTT_PASSWORD"
ctrl setClientPassword platform "$RW_MQTT_PASSWORD"
ctrl addClientRole platform platform 10
wait "$broker"
