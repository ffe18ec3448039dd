"""Credentials for every SeaweedFS listener besides S3: JWT keys and mutual TLS for gRPC.

`weed mini` opens master, volume, filer and admin listeners (HTTP and gRPC) next to the S3
gateway. Without a ``security.toml`` they answer anyone on the machine: the filer lists every
bucket and serves and deletes objects, the volume server serves a file by its id, the gRPC
ports give the whole filer API. ``weed`` reads ``security.toml`` from its working directory
(the data dir), so ``write_security`` puts one there (0600) with:
- ``[jwt.signing]`` / ``[jwt.signing.read]``: volume-server writes and reads need a token the
  master or filer signs (a fid alone no longer reads a file);
- ``[jwt.filer_signing]`` / ``[jwt.filer_signing.read]``: every filer HTTP request needs a
  token signed with a key only the S3 gateway (same process) has;
- ``[grpc]``: mutual TLS with a CA made here; only a client holding ``client.crt`` (issued by
  that CA, common name checked) talks gRPC to master, volume, filer, S3 or admin;
- ``[access] ui = false`` and ``[filer.expose_directory_metadata] enabled = false``.
Fresh keys and certificates on every start: nothing outside the process needs them (our
clients speak S3 with the generated access keys), and a stolen copy dies with the process.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SECURITY_FILE = "security.toml"
TLS_DIR = "tls"
_COMMON_NAME = "himflow-seaweedfs"
_GRPC_COMPONENTS = ("master", "volume", "filer", "s3", "admin", "worker", "msg_broker", "msg_agent", "mq")


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _make_tls(tls_dir: Path) -> dict[str, Path]:
    """A throwaway CA and one certificate (server and client use) it signed, PEM files 0600."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "himflow-seaweedfs-ca")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False, key_agreement=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, _COMMON_NAME)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.DNSName(_COMMON_NAME),
            x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1")),
        ]), critical=False)
        .add_extension(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    paths = {"ca": tls_dir / "ca.crt", "cert": tls_dir / "node.crt", "key": tls_dir / "node.key"}
    _write_private(paths["ca"], ca_cert.public_bytes(pem))
    _write_private(paths["cert"], cert.public_bytes(pem))
    _write_private(paths["key"], key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return paths


def _toml_str(value: str | Path) -> str:
    text = str(value)
    if any(c in text for c in '"\\\n'):
        raise ValueError("path not representable in a basic TOML string")
    return f'"{text}"'


def write_security(data_dir: Path) -> Path:
    """Write ``DATA/security.toml`` (0600) and its TLS files (``DATA/tls``, 0700/0600)."""
    tls = _make_tls(Path(data_dir) / TLS_DIR)
    lines = [
        "[jwt.signing]", f'key = "{secrets.token_urlsafe(32)}"', "expires_after_seconds = 10",
        "[jwt.signing.read]", f'key = "{secrets.token_urlsafe(32)}"', "expires_after_seconds = 10",
        "[jwt.filer_signing]", f'key = "{secrets.token_urlsafe(32)}"', "expires_after_seconds = 10",
        "[jwt.filer_signing.read]", f'key = "{secrets.token_urlsafe(32)}"', "expires_after_seconds = 10",
        "[access]", "ui = false",
        "[filer.expose_directory_metadata]", "enabled = false",
        "[grpc]", f"ca = {_toml_str(tls['ca'])}", 'allowed_wildcard_domain = ""',
    ]
    for component in _GRPC_COMPONENTS:
        lines += [
            f"[grpc.{component}]",
            f"cert = {_toml_str(tls['cert'])}", f"key = {_toml_str(tls['key'])}",
            f"client_cert = {_toml_str(tls['cert'])}", f"client_key = {_toml_str(tls['key'])}",
            f'allowed_commonNames = "{_COMMON_NAME}"',
        ]
    lines += ["[grpc.client]", f"cert = {_toml_str(tls['cert'])}", f"key = {_toml_str(tls['key'])}"]
    path = Path(data_dir) / SECURITY_FILE
    _write_private(path, ("\n".join(lines) + "\n").encode())
    return path
