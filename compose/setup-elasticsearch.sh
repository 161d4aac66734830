#!/bin/bash
# Once Elasticsearch is up: the job's least-privilege role and user (docs/operations.md), a
# reader role for people, and Kibana's service token, made once and kept in the secrets volume.
set -eu
ES=https://elasticsearch:9200
ELASTIC="elastic:$(cat /secrets/elastic-password)"
es() { curl -sS -f --cacert /certs/ca/ca.crt -u "$ELASTIC" -H 'Content-Type: application/json' "$@"; }

es -X PUT "$ES/_security/role/outcry_writer" -d \
  '{"cluster": ["manage_index_templates"], "indices": [{"names": ["outcry-*"], "privileges": ["auto_configure", "index"]}, {"names": ["outcry-posts-*"], "privileges": ["delete"]}]}'
es -X PUT "$ES/_security/role/outcry_reader" -d \
  '{"indices": [{"names": ["outcry-*"], "privileges": ["read", "view_index_metadata"]}]}'
writer=$(sed -n 's/^password=//p' /secrets/elasticsearch.properties)
es -X PUT "$ES/_security/user/outcry_writer" -d "{\"password\": \"$writer\", \"roles\": [\"outcry_writer\"]}"
echo
if [ ! -s /secrets/kibana-token ]; then
  es -X DELETE "$ES/_security/service/elastic/kibana/credential/token/outcry-compose" > /dev/null 2>&1 || true
  es -X POST "$ES/_security/service/elastic/kibana/credential/token/outcry-compose" \
    | sed -n 's/.*"value":"\([^"]*\)".*/\1/p' > /secrets/kibana-token
  chmod 644 /secrets/kibana-token
  echo "made Kibana's service token"
fi
[ -s /secrets/kibana-token ]
