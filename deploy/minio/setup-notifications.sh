#!/bin/sh
# MinIO setup for himflow, with `mc` only. Idempotent: run it on every deploy.
#
#  1. waits until the server answers;
#  2. creates the buckets (intake, dictation, derived), optionally with default SSE-S3;
#  3. subscribes the watched buckets (intake + dictation) to the Kafka target configured on
#     the server through MINIO_NOTIFY_KAFKA_*_HIMFLOW (ARN arn:minio:sqs::HIMFLOW:kafka,
#     topic himflow.object-created.v1, on-disk queue MINIO_NOTIFY_KAFKA_QUEUE_DIR_HIMFLOW):
#     event "put" = every s3:ObjectCreated:* (Put, Post, Copy, CompleteMultipartUpload, ...);
#  4. optionally creates himflow's own access key with a policy limited to its buckets.
#
# Environment (defaults in brackets):
#   MINIO_URL [http://minio:9000]   MINIO_ROOT_USER, MINIO_ROOT_PASSWORD (required)
#   WATCHED_BUCKETS [himflow-intake himflow-dictation]   OTHER_BUCKETS [himflow-derived]
#   NOTIFY_ARN [arn:minio:sqs::HIMFLOW:kafka]   NOTIFY_EVENTS [put]
#   SSE [off]  on = `mc encrypt set sse-s3` on every bucket (the server needs a KMS key)
#   STORE_ACCESS_KEY, STORE_SECRET_KEY  when both are set: the service user for the workers
#   READY_TIMEOUT_S [120]
# Prints bucket names and counts only; never object keys or metadata.
set -eu

MINIO_URL=${MINIO_URL:-http://minio:9000}
: "${MINIO_ROOT_USER:?MINIO_ROOT_USER is required}"
: "${MINIO_ROOT_PASSWORD:?MINIO_ROOT_PASSWORD is required}"
WATCHED_BUCKETS=${WATCHED_BUCKETS:-himflow-intake himflow-dictation}
OTHER_BUCKETS=${OTHER_BUCKETS:-himflow-derived}
NOTIFY_ARN=${NOTIFY_ARN:-arn:minio:sqs::HIMFLOW:kafka}
NOTIFY_EVENTS=${NOTIFY_EVENTS:-put}
SSE=${SSE:-off}
STORE_ACCESS_KEY=${STORE_ACCESS_KEY:-}
STORE_SECRET_KEY=${STORE_SECRET_KEY:-}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-120}
POLICY_NAME=${POLICY_NAME:-himflow-app}
ALIAS=himflow

log() { echo "minio-setup: $*"; }

mc alias set "$ALIAS" "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

waited=0
until mc ready "$ALIAS" >/dev/null 2>&1; do
  waited=$((waited + 1))
  if [ "$waited" -ge "$READY_TIMEOUT_S" ]; then
    log "server not ready after ${READY_TIMEOUT_S}s" >&2
    exit 1
  fi
  sleep 1
done

for bucket in $WATCHED_BUCKETS $OTHER_BUCKETS; do
  mc mb --ignore-existing "$ALIAS/$bucket" >/dev/null
  if [ "$SSE" = "on" ]; then
    mc encrypt set sse-s3 "$ALIAS/$bucket" >/dev/null
  fi
  log "bucket $bucket ok"
done

for bucket in $WATCHED_BUCKETS; do
  existing=$(mc event ls "$ALIAS/$bucket" "$NOTIFY_ARN" 2>/dev/null || true)
  case "$existing" in
    *"$NOTIFY_ARN"*)
      log "notification $bucket -> $NOTIFY_ARN already present" ;;
    *)
      mc event add "$ALIAS/$bucket" "$NOTIFY_ARN" --event "$NOTIFY_EVENTS"
      log "notification $bucket -> $NOTIFY_ARN added ($NOTIFY_EVENTS)" ;;
  esac
done

if [ -n "$STORE_ACCESS_KEY" ] && [ -n "$STORE_SECRET_KEY" ]; then
  policy_file=$(mktemp)
  trap 'rm -f "$policy_file"' EXIT
  resources=""
  for bucket in $WATCHED_BUCKETS $OTHER_BUCKETS; do
    resources="$resources\"arn:aws:s3:::$bucket\",\"arn:aws:s3:::$bucket/*\","
  done
  resources=${resources%,}
  cat >"$policy_file" <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketVersions",
        "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject",
        "s3:GetObjectTagging", "s3:PutObjectTagging",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"
      ],
      "Resource": [$resources]
    }
  ]
}
POLICY
  mc admin policy create "$ALIAS" "$POLICY_NAME" "$policy_file" >/dev/null
  # `user add` on an existing user sets the new secret: this is also the rotation path.
  mc admin user add "$ALIAS" "$STORE_ACCESS_KEY" "$STORE_SECRET_KEY" >/dev/null
  attached=$(mc admin user info "$ALIAS" "$STORE_ACCESS_KEY" 2>/dev/null || true)
  case "$attached" in
    *"$POLICY_NAME"*) ;;
    *) mc admin policy attach "$ALIAS" "$POLICY_NAME" --user "$STORE_ACCESS_KEY" >/dev/null ;;
  esac
  log "service user ok (policy $POLICY_NAME)"
fi

log "done"
