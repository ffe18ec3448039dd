"""The S3 / MinIO bucket-notification event, exactly as MinIO publishes it to Kafka.

Message key: ``bucket/unescaped-key``. ``Records[].s3.object.key`` is URL-query-escaped
(``/`` -> ``%2F``, space -> ``+``): always read it through :py:meth:`S3Object.decoded_key`.
Large uploads arrive as ``s3:ObjectCreated:CompleteMultipartUpload``. Delivery is
at-least-once, so consumers dedupe on bucket + key + versionId/eTag.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from pydantic import BaseModel, ConfigDict, Field

OBJECT_CREATED_EVENTS = (
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectCreated:PutRetention",
    "s3:ObjectCreated:PutLegalHold",
)


class _Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")


class S3Bucket(_Model):
    name: str
    arn: str = ""
    owner_identity: dict[str, Any] = Field(default_factory=dict, alias="ownerIdentity")


class S3Object(_Model):
    key: str  # URL-query-escaped, as MinIO sends it
    size: int = 0
    e_tag: str = Field(default="", alias="eTag")
    content_type: str = Field(default="", alias="contentType")
    user_metadata: dict[str, str] = Field(default_factory=dict, alias="userMetadata")
    version_id: str = Field(default="", alias="versionId")
    sequencer: str = ""

    @property
    def decoded_key(self) -> str:
        return unquote_plus(self.key)

    def metadata(self, name: str) -> str | None:
        """Case-insensitive user-metadata lookup (servers differ in casing and prefix)."""
        wanted = name.lower()
        for k, v in self.user_metadata.items():
            kl = k.lower()
            if kl == wanted or kl == f"x-amz-meta-{wanted}":
                return v
        return None


class S3Entity(_Model):
    s3_schema_version: str = Field(default="1.0", alias="s3SchemaVersion")
    configuration_id: str = Field(default="Config", alias="configurationId")
    bucket: S3Bucket
    object: S3Object


class S3Record(_Model):
    event_version: str = Field(default="2.0", alias="eventVersion")
    event_source: str = Field(default="minio:s3", alias="eventSource")
    aws_region: str = Field(default="", alias="awsRegion")
    event_time: datetime = Field(alias="eventTime")
    event_name: str = Field(alias="eventName")
    user_identity: dict[str, Any] = Field(default_factory=dict, alias="userIdentity")
    request_parameters: dict[str, Any] = Field(default_factory=dict, alias="requestParameters")
    response_elements: dict[str, Any] = Field(default_factory=dict, alias="responseElements")
    s3: S3Entity
    source: dict[str, Any] = Field(default_factory=dict)

    @property
    def is_object_created(self) -> bool:
        return self.event_name.startswith("s3:ObjectCreated:")


class S3EventNotification(_Model):
    """The Kafka message value MinIO publishes for a bucket notification."""

    event_name: str = Field(alias="EventName")
    key: str = Field(alias="Key")  # "bucket/unescaped-key"
    records: list[S3Record] = Field(alias="Records")  # may be empty: intake counts a skip


def object_created_event(
    *,
    bucket: str,
    key: str,
    size: int,
    etag: str,
    content_type: str = "application/octet-stream",
    version_id: str = "",
    user_metadata: dict[str, str] | None = None,
    event_name: str = "s3:ObjectCreated:Put",
    principal: str = "himflow",
    event_time: datetime | None = None,
) -> tuple[str, S3EventNotification]:
    """Build the (message key, value) MinIO would publish for a created object."""
    when = event_time or datetime.now(timezone.utc)
    record = S3Record(
        event_time=when,
        event_name=event_name,
        user_identity={"principalId": principal},
        s3=S3Entity(
            bucket=S3Bucket(name=bucket, arn=f"arn:aws:s3:::{bucket}"),
            object=S3Object(
                key=quote_plus(key, safe=""),
                size=size,
                e_tag=etag.strip('"'),
                content_type=content_type,
                user_metadata=dict(user_metadata or {}),
                version_id=version_id,
                sequencer=f"{int(when.timestamp() * 1e9):X}",
            ),
        ),
        source={"host": "himflow", "userAgent": "himflow"},
    )
    value = S3EventNotification(
        event_name=event_name, key=f"{bucket}/{key}", records=[record]
    )
    return f"{bucket}/{key}", value
