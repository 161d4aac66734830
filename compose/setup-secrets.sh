#!/bin/bash
# First start of the compose stack only: a CA and Elasticsearch's certificate, and the secrets
# (the elastic password, the job's Elasticsearch password, Kibana's encryption key). Each is
# made when missing and kept after, so a restart keeps its passwords. Runs as root in the
# Elasticsearch image, whose elasticsearch-certutil makes the certificates.
set -eu
umask 077
password() { head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 32; }

if [ ! -f /certs/ca/ca.crt ]; then
  bin/elasticsearch-certutil ca --silent --pem -out /tmp/ca.zip
  unzip -q /tmp/ca.zip -d /certs
  printf 'instances:\n  - name: elasticsearch\n    dns: [elasticsearch, localhost]\n    ip: [127.0.0.1]\n' > /tmp/instances.yml
  bin/elasticsearch-certutil cert --silent --pem --in /tmp/instances.yml -out /tmp/certs.zip \
    --ca-cert /certs/ca/ca.crt --ca-key /certs/ca/ca.key
  unzip -q /tmp/certs.zip -d /certs
  echo "made a CA and Elasticsearch's certificate"
fi
[ -s /secrets/elastic-password ] || { password > /secrets/elastic-password; echo "made the elastic password"; }
[ -s /secrets/elasticsearch.properties ] || { echo "password=$(password)" > /secrets/elasticsearch.properties; echo "made the job's Elasticsearch password"; }
[ -s /secrets/kibana-encryption-key ] || password > /secrets/kibana-encryption-key

# Elasticsearch and Kibana run as uid 1000, Flink as uid 9999: every container that mounts these
# volumes reads them, none other does. The CA's key stays root's.
chown -R 1000:0 /certs /secrets
chmod 755 /certs /certs/ca /certs/elasticsearch /secrets
chmod 644 /certs/ca/ca.crt /certs/elasticsearch/* /secrets/*
chown 0:0 /certs/ca/ca.key && chmod 600 /certs/ca/ca.key
