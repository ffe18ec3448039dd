"""Object store adapter (minio SDK): SeaweedFS locally, MinIO / any S3 in production.

Library errors are converted here, once: a missing object is a permanent OBJECT_MISSING
rejection; connection trouble and 5xx answers are StoreUnavailable (retryable).
Object keys we create carry no PHI; metadata values are percent-encoded ASCII.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, unquote

import urllib3
from minio import Minio
from minio.error import S3Error, ServerError
from minio.sse import SseS3

from himflow.errors import RejectedInput, StoreUnavailable
from himflow.settings import StoreSettings
from schemas.events import ReasonCode

_MISSING = {"NoSuchKey", "NoSuchBucket", "NoSuchVersion"}


@dataclass(frozen=True)
class ObjectInfo:
    bucket: str
    key: str
    size: int
    etag: str
    version_id: str
    content_type: str
    metadata: dict[str, str]
    last_modified: datetime | None = None  # the reconciler's age check needs it

    def meta(self, name: str) -> str | None:
        wanted = name.lower()
        for k, v in self.metadata.items():
            kl = k.lower()
            if kl == wanted or kl == f"x-amz-meta-{wanted}":
                return unquote(v)
        return None


class ObjectStore:
    def __init__(self, settings: StoreSettings, *, timeout_s: float = 30.0):
        self.settings = settings
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=5.0, read=timeout_s),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=(500, 502, 503, 504)),
            maxsize=10,
            cert_reqs="CERT_REQUIRED" if settings.cert_check else "CERT_NONE",
            ca_certs=settings.ca_file,
        )
        self.client = Minio(
            settings.endpoint,
            access_key=settings.access_key,
            secret_key=settings.secret_key.get_secret_value(),
            secure=settings.secure,
            region=settings.region,
            http_client=http,
        )
        self._sse = SseS3() if settings.sse else None

    # -- conversion of library errors, once -------------------------------------------------
    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except S3Error as e:
            if e.code in _MISSING:
                raise RejectedInput("object not found", reason=ReasonCode.OBJECT_MISSING) from e
            if e.code in {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"}:
                raise StoreUnavailable(f"store refused the request ({e.code})") from e
            raise StoreUnavailable(f"store error {e.code}") from e
        except (ServerError, urllib3.exceptions.HTTPError, OSError) as e:
            raise StoreUnavailable(f"store unreachable ({type(e).__name__})") from e
        except ValueError as e:  # the SDK refuses the name itself (e.g. a "../" segment): permanent
            raise RejectedInput("invalid bucket or object name", reason=ReasonCode.MALFORMED_EVENT) from e

    def ensure_buckets(self, *names: str) -> None:
        for name in names or (
            self.settings.intake_bucket,
            self.settings.dictation_bucket,
            self.settings.derived_bucket,
        ):
            if not self._call(self.client.bucket_exists, name):
                try:
                    self._call(self.client.make_bucket, name)
                except StoreUnavailable:
                    if not self._call(self.client.bucket_exists, name):
                        raise

    def stat(self, bucket: str, key: str, *, version_id: str | None = None) -> ObjectInfo:
        st = self._call(self.client.stat_object, bucket, key, version_id=version_id or None)
        return ObjectInfo(
            bucket=bucket,
            key=key,
            size=st.size or 0,
            etag=(st.etag or "").strip('"'),
            version_id=st.version_id or "",
            content_type=st.content_type or "",
            metadata={k: v for k, v in (st.metadata or {}).items()},
            last_modified=st.last_modified,
        )

    def exists(self, bucket: str, key: str) -> bool:
        try:
            self.stat(bucket, key)
            return True
        except RejectedInput:
            return False

    def read_head(self, bucket: str, key: str, *, length: int = 8192, version_id: str | None = None) -> bytes:
        resp = self._call(
            self.client.get_object, bucket, key, offset=0, length=length, version_id=version_id or None
        )
        try:
            return resp.read()
        finally:
            resp.close()
            resp.release_conn()

    def download(
        self, bucket: str, key: str, dest: Path, *, version_id: str | None = None, max_bytes: int | None = None
    ) -> str:
        """Stream an object to a file; returns its SHA-256. Refuses past max_bytes."""
        return self.download_hashed(bucket, key, dest, version_id=version_id, max_bytes=max_bytes)[0]

    def download_hashed(
        self, bucket: str, key: str, dest: Path, *, version_id: str | None = None, max_bytes: int | None = None
    ) -> tuple[str, str]:
        """Stream an object to a file; returns (SHA-256, SHA-1) of its bytes."""
        resp = self._call(self.client.get_object, bucket, key, version_id=version_id or None)
        digest = hashlib.sha256()
        digest1 = hashlib.sha1(usedforsecurity=False)
        total = 0
        try:
            with open(dest, "wb") as fh:
                for chunk in resp.stream(1024 * 1024):
                    total += len(chunk)
                    if max_bytes is not None and total > max_bytes:
                        raise RejectedInput(
                            f"object larger than {max_bytes} bytes", reason=ReasonCode.TOO_LARGE
                        )
                    digest.update(chunk)
                    digest1.update(chunk)
                    fh.write(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as e:
            raise StoreUnavailable(f"download interrupted ({type(e).__name__})") from e
        finally:
            resp.close()
            resp.release_conn()
        return digest.hexdigest(), digest1.hexdigest()

    def get_bytes(self, bucket: str, key: str) -> bytes:
        resp = self._call(self.client.get_object, bucket, key)
        try:
            return resp.read()
        finally:
            resp.close()
            resp.release_conn()

    def put_bytes(
        self, bucket: str, key: str, data: bytes, *, content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> ObjectInfo:
        meta = {k: quote(v, safe="") for k, v in (metadata or {}).items()}
        res = self._call(
            self.client.put_object, bucket, key, io.BytesIO(data), len(data),
            content_type=content_type, metadata=meta or None, sse=self._sse,
        )
        return ObjectInfo(bucket, key, len(data), (res.etag or "").strip('"'), res.version_id or "",
                          content_type, meta)

    def put_file(
        self, bucket: str, key: str, path: Path, *, content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> ObjectInfo:
        meta = {k: quote(v, safe="") for k, v in (metadata or {}).items()}
        res = self._call(
            self.client.fput_object, bucket, key, str(path),
            content_type=content_type, metadata=meta or None, sse=self._sse,
        )
        return ObjectInfo(bucket, key, path.stat().st_size, (res.etag or "").strip('"'),
                          res.version_id or "", content_type, meta)

    def list_keys(self, bucket: str, *, prefix: str = "") -> Iterator[ObjectInfo]:
        for obj in self._call(self.client.list_objects, bucket, prefix=prefix or None, recursive=True):
            yield ObjectInfo(bucket, obj.object_name, obj.size or 0, (obj.etag or "").strip('"'),
                             obj.version_id or "", obj.content_type or "", {})

    def presigned_get(self, bucket: str, key: str, *, expires_s: int = 300) -> str:
        return self._call(self.client.presigned_get_object, bucket, key, expires=timedelta(seconds=expires_s))

    # -- destruction and legal holds (chart/destruction.py, chart/holds.py) ------------------
    def sha256_of(self, bucket: str, key: str, *, version_id: str | None = None) -> tuple[str, int]:
        """(SHA-256, size) of an object's bytes, streamed (nothing written to disk)."""
        resp = self._call(self.client.get_object, bucket, key, version_id=version_id or None)
        digest, total = hashlib.sha256(), 0
        try:
            for chunk in resp.stream(1024 * 1024):
                digest.update(chunk)
                total += len(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as e:
            raise StoreUnavailable(f"download interrupted ({type(e).__name__})") from e
        finally:
            resp.close()
            resp.release_conn()
        return digest.hexdigest(), total

    def versions_of(self, bucket: str, key: str) -> list[str]:
        """Every version id (delete markers included) stored under exactly ``key``; ``[""]``
        when the bucket keeps no versions (or the store lists none): the plain object."""
        found = [o.version_id or "" for o in self._call(
            lambda: list(self.client.list_objects(bucket, prefix=key, recursive=True, include_version=True)))
            if o.object_name == key]
        # "null": the one version of an unversioned bucket (SeaweedFS lists it so)
        return [v for v in dict.fromkeys(found) if v and v != "null"] or [""]

    def remove_every_version(self, bucket: str, key: str) -> int:
        """Delete an object for good: each stored version (a versioned bucket keeps the bytes
        under a delete marker otherwise), or the plain object. Returns how many deletes were
        sent. A store that refuses (an object-lock legal hold or retention) raises
        StoreUnavailable with the store's code."""
        versions = self.versions_of(bucket, key)
        for v in versions:
            self._call(self.client.remove_object, bucket, key, version_id=v or None)
        return len(versions)

    def set_legal_hold(self, bucket: str, key: str, *, on: bool, version_id: str | None = None) -> str:
        """Set or clear the object's S3 object-lock legal hold. Returns ``"set"`` /
        ``"cleared"``, or the store's error code when it does not do legal holds on this
        bucket (a bucket made without object lock; SeaweedFS, see docs/retention.md): the
        caller records it, and the database's rule holds either way."""
        fn = self.client.enable_object_legal_hold if on else self.client.disable_object_legal_hold
        try:
            fn(bucket, key, version_id=version_id or None)
        except S3Error as e:
            if e.code in _MISSING:
                raise RejectedInput("object not found", reason=ReasonCode.OBJECT_MISSING) from e
            return e.code or "error"
        except (ServerError, urllib3.exceptions.HTTPError, OSError) as e:
            raise StoreUnavailable(f"store unreachable ({type(e).__name__})") from e
        return "set" if on else "cleared"

    def legal_hold_on(self, bucket: str, key: str, *, version_id: str | None = None) -> bool | None:
        """Whether the store holds the object under a legal hold (None: the store cannot say)."""
        try:
            return bool(self.client.is_object_legal_hold_enabled(bucket, key, version_id=version_id or None))
        except S3Error:
            return None
        except (ServerError, urllib3.exceptions.HTTPError, OSError) as e:
            raise StoreUnavailable(f"store unreachable ({type(e).__name__})") from e
