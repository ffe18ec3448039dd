#!/bin/bash
# Creates himflow's topics on Apache Kafka (idempotent: --if-not-exists; existing topics get
# their retention re-applied). Runs in the apache/kafka image: compose `kafka-init`, and the
# Kubernetes Job deploy/k8s/kafka-topics-job.yaml (which carries a verbatim copy).
#
# Environment (defaults in brackets):
#   KAFKA_BOOTSTRAP [kafka:9092]   PARTITIONS [6]   REPLICATION_FACTOR [1]   MIN_INSYNC_REPLICAS [1]
#   KAFKA_CLIENT_CONFIG  optional client .properties (SASL/TLS) passed as --command-config, or
#   KAFKA_SECURITY_PROTOCOL [PLAINTEXT] with KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
#   KAFKA_SASL_PASSWORD, KAFKA_CA_FILE (PEM): the client config is then written here (0600).
#   KAFKA_BIN [/opt/kafka/bin]
# Scaling out = more partitions: a worker kind runs at most one busy consumer per partition.
set -euo pipefail

KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka:9092}
PARTITIONS=${PARTITIONS:-6}
REPLICATION_FACTOR=${REPLICATION_FACTOR:-1}
MIN_INSYNC_REPLICAS=${MIN_INSYNC_REPLICAS:-1}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}

DAY_MS=86400000
# topic name                     retention (days)   -- must equal schemas.topics.ALL_TOPICS
TOPICS=(
  "himflow.object-created.v1      7"
  "himflow.scan-routed.v1         7"
  "himflow.dictation-routed.v1    7"
  "himflow.text-extracted.v1      7"
  "himflow.document-indexed.v1    7"
  "himflow.patient-record.v1      30"
  "himflow.patient-record-hl7.v1  30"
  "himflow.patients.v1            30"
  "himflow.chart-reminders.v1     30"
  "himflow.dead-letter.v1         90"
)

KAFKA_SECURITY_PROTOCOL=${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}
if [ -z "${KAFKA_CLIENT_CONFIG:-}" ] && [ "$KAFKA_SECURITY_PROTOCOL" != "PLAINTEXT" ]; then
  KAFKA_CLIENT_CONFIG=$(mktemp)
  trap 'rm -f "$KAFKA_CLIENT_CONFIG"' EXIT
  {
    echo "security.protocol=$KAFKA_SECURITY_PROTOCOL"
    if [ -n "${KAFKA_SASL_MECHANISM:-}" ]; then
      case "$KAFKA_SASL_MECHANISM" in
        PLAIN) module=org.apache.kafka.common.security.plain.PlainLoginModule ;;
        *) module=org.apache.kafka.common.security.scram.ScramLoginModule ;;
      esac
      echo "sasl.mechanism=$KAFKA_SASL_MECHANISM"
      echo "sasl.jaas.config=$module required username=\"${KAFKA_SASL_USERNAME:?}\" password=\"${KAFKA_SASL_PASSWORD:?}\";"
    fi
    if [ -n "${KAFKA_CA_FILE:-}" ]; then
      echo "ssl.truststore.type=PEM"
      echo "ssl.truststore.location=$KAFKA_CA_FILE"
    fi
  } >"$KAFKA_CLIENT_CONFIG"
  chmod 600 "$KAFKA_CLIENT_CONFIG"
fi
client=()
if [ -n "${KAFKA_CLIENT_CONFIG:-}" ]; then
  client=(--command-config "$KAFKA_CLIENT_CONFIG")
fi

for _ in $(seq 1 60); do
  if "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" "${client[@]}" --list >/dev/null 2>&1; then
    break
  fi
  sleep 2
done

for entry in "${TOPICS[@]}"; do
  read -r topic days <<<"$entry"
  retention_ms=$((days * DAY_MS))
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" "${client[@]}" \
    --create --if-not-exists --topic "$topic" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
    --config "retention.ms=$retention_ms" \
    --config "min.insync.replicas=$MIN_INSYNC_REPLICAS" \
    --config "max.message.bytes=1048576"
  "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" "${client[@]}" \
    --alter --entity-type topics --entity-name "$topic" \
    --add-config "retention.ms=$retention_ms" >/dev/null
  echo "kafka-init: $topic ok (retention ${days}d)"
done
