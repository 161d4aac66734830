#!/bin/sh
# Loads the Outcry boards into Kibana: imports saved-objects/outcry.ndjson through the saved
# objects import API (overwriting earlier copies: the ids are stable) and creates, or recreates,
# the Elasticsearch-query alerting rule of alerting/outcry-alert-opened.rule.json on the
# alerts index. Run it once Kibana answers; docker-compose.yml runs it as the `kibana-setup` service.
#
#   KIBANA_URL=http://localhost:5601 dashboards/load-kibana.sh
#
# Environment: KIBANA_URL (default http://localhost:5601), KIBANA_AUTH ("user:password", for a
# Kibana with security on), KIBANA_WAIT_SECONDS (how long to wait for Kibana, default 300).
set -eu

KIBANA_URL=${KIBANA_URL:-http://localhost:5601}
KIBANA_WAIT_SECONDS=${KIBANA_WAIT_SECONDS:-300}
DIR=$(cd "$(dirname "$0")" && pwd)
EXPORT="$DIR/saved-objects/outcry.ndjson"
RULE="$DIR/alerting/outcry-alert-opened.rule.json"
RULE_ID=outcry-alert-opened

kibana() {
  if [ -n "${KIBANA_AUTH:-}" ]; then
    curl -sS -u "$KIBANA_AUTH" -H 'kbn-xsrf: true' "$@"
  else
    curl -sS -H 'kbn-xsrf: true' "$@"
  fi
}

waited=0
until kibana -f -o /dev/null "$KIBANA_URL/api/status" 2>/dev/null; do
  if [ "$waited" -ge "$KIBANA_WAIT_SECONDS" ]; then
    echo "Kibana did not answer at $KIBANA_URL/api/status within $KIBANA_WAIT_SECONDS s" >&2
    exit 1
  fi
  sleep 5
  waited=$((waited + 5))
done

response=$(kibana -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" --form "file=@$EXPORT")
case "$response" in
  *'"success":true'*) echo "imported the Outcry boards: $response" ;;
  *) echo "the saved objects import failed: $response" >&2; exit 1 ;;
esac

# Create with a fixed id; an existing rule (409) is replaced, so the file stays the truth.
status=$(kibana -o /tmp/outcry-rule-response.json -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary "@$RULE" "$KIBANA_URL/api/alerting/rule/$RULE_ID")
if [ "$status" = 409 ]; then
  kibana -f -o /dev/null -X DELETE "$KIBANA_URL/api/alerting/rule/$RULE_ID"
  status=$(kibana -o /tmp/outcry-rule-response.json -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "@$RULE" "$KIBANA_URL/api/alerting/rule/$RULE_ID")
fi
if [ "$status" != 200 ]; then
  echo "creating the alerting rule failed (HTTP $status): $(cat /tmp/outcry-rule-response.json)" >&2
  exit 1
fi
echo "alerting rule $RULE_ID is in place"
