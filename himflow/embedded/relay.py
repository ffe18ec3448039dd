"""Run a server inside its own network namespace, reachable only through Unix sockets.

``python -m himflow.embedded.relay --tcp PORT=SOCKET ... --unix SOCKET=PORT ... -- ARGV``
(started under ``unshare --net``): brings the namespace's ``lo`` up, forks a relay that
- for ``--tcp PORT=SOCKET`` listens on 127.0.0.1:PORT inside the namespace and relays each
  connection to the filesystem Unix socket SOCKET outside (how tansu reaches SeaweedFS's S3);
- for ``--unix SOCKET=PORT`` listens on the Unix socket SOCKET (0600) and relays each
  connection to 127.0.0.1:PORT inside the namespace (how the Kafka front reaches tansu),
then, once the relay listens, ``exec``s ARGV (so the server keeps this pid). The relay dies
with the server (PR_SET_PDEATHSIG). Filesystem Unix sockets cross network namespaces; TCP
ports do not, so nothing on the host's loopback reaches the server directly.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import signal
import socket
import struct
import sys

_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(s, _SIOCGIFFLAGS, req))[1]
        fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | _IFF_UP))


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(1 << 16):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


_CONNECT_WAIT_S = 10.0  # the server may still be binding its port just after the exec


def _handler(open_target):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _CONNECT_WAIT_S
        while True:
            try:
                t_reader, t_writer = await open_target()
                break
            except OSError:
                if loop.time() >= deadline:
                    writer.close()
                    return
                await asyncio.sleep(0.05)
        await asyncio.gather(_pump(reader, t_writer), _pump(t_reader, writer))
    return handle


async def _serve(tcp: list[tuple[int, str]], unix: list[tuple[str, int]], ready_fd: int) -> None:
    servers = []
    for port, path in tcp:
        servers.append(await asyncio.start_server(
            _handler(lambda p=path: asyncio.open_unix_connection(p)), "127.0.0.1", port, reuse_address=True))
    for path, port in unix:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        old = os.umask(0o177)
        try:
            servers.append(await asyncio.start_unix_server(
                _handler(lambda p=port: asyncio.open_connection("127.0.0.1", p)), path))
        finally:
            os.umask(old)
        os.chmod(path, 0o600)
    os.write(ready_fd, b"1")
    os.close(ready_fd)
    await asyncio.Event().wait()


def _die_with_parent() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)


def _pair(text: str) -> tuple[str, str]:
    left, sep, right = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("expected A=B")
    return left, right


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--" not in args:
        raise SystemExit("usage: relay [--tcp PORT=SOCKET] [--unix SOCKET=PORT] -- ARGV")
    split = args.index("--")
    parser = argparse.ArgumentParser(prog="himflow.embedded.relay")
    parser.add_argument("--tcp", type=_pair, action="append", default=[])
    parser.add_argument("--unix", type=_pair, action="append", default=[])
    opts = parser.parse_args(args[:split])
    target = args[split + 1:]
    loopback_up()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the relay
        os.close(read_fd)
        _die_with_parent()
        if os.getppid() == 1:
            os._exit(0)
        asyncio.run(_serve([(int(p), s) for p, s in opts.tcp], [(s, int(p)) for s, p in opts.unix], write_fd))
        os._exit(0)
    os.close(write_fd)
    ok = os.read(read_fd, 1)
    os.close(read_fd)
    if ok != b"1":
        raise SystemExit("relay did not start")
    os.execv(target[0], target)


if __name__ == "__main__":
    main()
