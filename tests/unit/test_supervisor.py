"""Supervisor behaviour with tiny real Python child processes (no mocks)."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from himflow.embedded.supervisor import (
    BackoffPolicy,
    ChildrenNotReady,
    ChildSpec,
    DataDirLock,
    StackAlreadyRunning,
    Supervisor,
    install_signal_handlers,
    read_processes,
)

pytestmark = pytest.mark.timeout(60)


def py(code: str) -> tuple[str, ...]:
    return (sys.executable, "-c", textwrap.dedent(code))


def alive(pid: int) -> bool:
    """Running and not a zombie (PID 1 in a container may never reap orphans)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(predicate, timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_backoff_policy_grows_exponentially_and_is_capped():
    policy = BackoffPolicy(initial_s=0.5, factor=2.0, max_s=3.0)
    assert [policy.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


class ManualClock:
    """The supervisor's clock, moved only by the test: a restart comes when the test says its
    delay has passed, so delays are checked exactly and no wall-clock gap is measured."""

    def __init__(self, now: float = 1000.0) -> None:
        self._lock = threading.Lock()
        self._now = now
        self.reads = 0

    def __call__(self) -> float:
        with self._lock:
            self.reads += 1
            return self._now

    @property
    def now(self) -> float:
        with self._lock:
            return self._now

    def set(self, now: float) -> None:
        with self._lock:
            self._now = now

    def settle(self) -> None:
        """Until the supervisor has run a whole tick on the current time (a tick reads the clock
        once, a start once more: three reads after this call span one complete tick)."""
        seen = self.reads
        wait_for(lambda: self.reads >= seen + 3, what="a supervisor tick")


def assert_restarts_exactly_after(sup: Supervisor, clock: ManualClock, starts: Path, *,
                                  delay: float, restarts: int) -> None:
    """The crashed child (its ``restarts``-th crash) is not started a moment before ``delay`` s of
    the supervisor's clock have passed since the crash was seen, and is started once they have."""
    wait_for(lambda: (r := sup.snapshot()[0]).restarts == restarts and r.state == "backoff",
             what=f"crash {restarts} seen")
    due = clock.now + delay  # the crash was seen at the frozen time
    clock.set(math.nextafter(due, -math.inf))
    clock.settle()
    row = sup.snapshot()[0]
    assert (row.state, row.restarts, row.pid) == ("backoff", restarts, None), f"started before {delay}s"
    assert len(lines(starts)) == restarts
    clock.set(due)
    wait_for(lambda: len(lines(starts)) == restarts + 1, what=f"start {restarts + 1} at {delay}s")


def test_crashed_child_is_restarted_with_growing_delays(tmp_path):
    starts = tmp_path / "starts.txt"
    spec = ChildSpec(
        name="crasher",
        role="ocr",
        argv=py(f"""
            with open({str(starts)!r}, "a") as f:
                f.write("start\\n")
            raise SystemExit(3)
        """),
    )
    policy = BackoffPolicy(initial_s=0.1, factor=2.0, max_s=0.4, stable_after_s=60)
    clock = ManualClock()
    sup = Supervisor(tmp_path, [spec], backoff=policy, poll_interval_s=0.02, clock=clock)
    with sup:
        wait_for(lambda: len(lines(starts)) == 1, what="the first start")
        # The scheduled delays: 0.1, 0.2, 0.4, then capped at 0.4.
        for n, delay in enumerate([0.1, 0.2, 0.4, 0.4], start=1):
            assert_restarts_exactly_after(sup, clock, starts, delay=delay, restarts=n)
        wait_for(lambda: read_processes(tmp_path).processes[0].restarts == 5, what="the fifth crash")
        (row,) = read_processes(tmp_path).processes
        assert (row.name, row.role, row.pid, row.last_exit_code, row.state) == ("crasher", "ocr", None, 3, "backoff")
    assert len(lines(starts)) == 5
    assert read_processes(tmp_path).processes[0].state == "stopped"
    assert "start crasher" in (tmp_path / "logs" / "crasher.log").read_text()


def test_backoff_resets_after_a_stable_run(tmp_path):
    starts = tmp_path / "starts.txt"
    go = tmp_path / "go"
    # Each run exits (code 1) when the test creates go-N, N its start number: the test decides
    # how long a run lasted on the supervisor's clock.
    spec = ChildSpec(
        name="flaky",
        argv=py(f"""
            import os, time
            with open({str(starts)!r}, "a") as f:
                f.write("start\\n")
            n = len(open({str(starts)!r}).read().splitlines())
            while not os.path.exists({str(go)!r} + f"-{{n}}"):
                time.sleep(0.01)
            raise SystemExit(1)
        """),
    )
    policy = BackoffPolicy(initial_s=0.2, factor=10.0, max_s=60.0, stable_after_s=30.0)
    clock = ManualClock()
    with Supervisor(tmp_path, [spec], backoff=policy, poll_interval_s=0.02, clock=clock) as sup:
        wait_for(lambda: len(lines(starts)) == 1, what="the first start")
        Path(f"{go}-1").touch()  # a short run: the next delay is the initial one
        assert_restarts_exactly_after(sup, clock, starts, delay=0.2, restarts=1)
        Path(f"{go}-2").touch()  # short again: the delay grows
        assert_restarts_exactly_after(sup, clock, starts, delay=2.0, restarts=2)
        clock.set(clock.now + policy.stable_after_s)  # the third run lasts stable_after_s
        Path(f"{go}-3").touch()
        # Reset: the initial delay again, not 20 s (0.2 * 10**2).
        assert_restarts_exactly_after(sup, clock, starts, delay=0.2, restarts=3)


def test_processes_json_lists_name_role_pid_restarts_state(tmp_path):
    spec = ChildSpec(name="indexer", role="indexing", argv=py("import time; time.sleep(60)"))
    sup = Supervisor(tmp_path, [spec], poll_interval_s=0.02)
    sup.start()
    try:
        wait_for(lambda: (t := read_processes(tmp_path)) is not None and t.processes[0].pid is not None)
        raw = json.loads((tmp_path / "run" / "processes.json").read_text())
        row = raw["processes"][0]
        assert {k: row[k] for k in ("name", "role", "restarts", "state")} == {
            "name": "indexer", "role": "indexing", "restarts": 0, "state": "running",
        }
        assert alive(row["pid"])
        assert raw["supervisor_pid"] == os.getpid()
    finally:
        sup.stop(timeout=5)
    assert read_processes(tmp_path).processes[0].state == "stopped"
    assert not alive(row["pid"])


def test_wait_ready_waits_for_the_child_to_write_its_ready_file(tmp_path):
    ready = tmp_path / "run" / "worker.ready"
    ready.parent.mkdir(parents=True)
    ready.write_text("stale")  # left over from a crashed run: must not count
    go = tmp_path / "go"
    spec = ChildSpec(
        name="worker",
        argv=py(f"""
            import os, time
            from himflow.embedded.supervisor import notify_ready
            while not os.path.exists({str(go)!r}):  # ready only once the test says so
                time.sleep(0.01)
            notify_ready()
            time.sleep(60)
        """),
        ready_file=ready,
    )
    sup = Supervisor(tmp_path, [spec], poll_interval_s=0.02)
    with sup:
        wait_for(lambda: sup.snapshot()[0].pid is not None, what="the child started")
        with pytest.raises(ChildrenNotReady) as info:  # the stale file does not count
            sup.wait_ready(timeout=0)
        assert info.value.names == ("worker",) and not ready.exists()
        go.touch()
        sup.wait_ready(timeout=20)
        (row,) = sup.snapshot()
        assert ready.read_text() == str(row.pid)  # written by the child, not the stale one
        assert row.state == "running"
    assert not ready.exists()


def test_wait_ready_names_children_that_never_become_ready(tmp_path):
    specs = [
        ChildSpec(name="fine", argv=py("""
            from himflow.embedded.supervisor import notify_ready
            import time; notify_ready(); time.sleep(60)
        """), ready_file=tmp_path / "fine.ready"),
        ChildSpec(name="mute", argv=py("import time; time.sleep(60)"), ready_file=tmp_path / "mute.ready"),
    ]
    with Supervisor(tmp_path, specs, poll_interval_s=0.02) as sup:
        wait_for(lambda: sup.snapshot()[0].state == "running", what="fine ready")
        with pytest.raises(ChildrenNotReady) as info:  # mute never writes its file: no wait proves more
            sup.wait_ready(timeout=0)
    assert info.value.names == ("mute",)


def _child_with_grandchild(pids: Path, *, ignore_term: bool) -> tuple[str, ...]:
    return py(f"""
        import signal, subprocess, sys, time
        if {ignore_term!r}:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        with open({str(pids)!r}, "w") as f:
            f.write(f"{{__import__('os').getpid()}} {{grandchild.pid}}")
        time.sleep(120)
    """)


@pytest.mark.parametrize("ignore_term", [False, True], ids=["obeys-sigterm", "ignores-sigterm"])
def test_stop_kills_the_whole_process_group(tmp_path, ignore_term):
    pids_file = tmp_path / "pids.txt"
    spec = ChildSpec(name="parent", argv=_child_with_grandchild(pids_file, ignore_term=ignore_term))
    sup = Supervisor(tmp_path, [spec], poll_interval_s=0.02)
    sup.start()
    wait_for(lambda: pids_file.exists() and len(pids_file.read_text().split()) == 2)
    child, grandchild = (int(x) for x in pids_file.read_text().split())
    assert alive(child) and alive(grandchild)
    sup.stop(timeout=1.0)
    wait_for(lambda: not alive(grandchild), timeout=5, what="grandchild gone")
    assert not alive(child)


def test_second_supervisor_on_the_same_data_dir_is_refused(tmp_path):
    spec = ChildSpec(name="sleeper", argv=py("import time; time.sleep(60)"))
    first = Supervisor(tmp_path / "a", [spec])
    first.start()
    try:
        with pytest.raises(StackAlreadyRunning):
            Supervisor(tmp_path / "a", [spec]).start()
        # Another OS process is refused too.
        probe = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                from himflow.embedded.supervisor import DataDirLock, StackAlreadyRunning
                try:
                    DataDirLock({str(tmp_path / 'a')!r}).acquire()
                except StackAlreadyRunning:
                    raise SystemExit(7)
            """)],
            timeout=30,
        )
        assert probe.returncode == 7
        assert DataDirLock.holder(tmp_path / "a") == os.getpid()
        # A different data dir runs side by side.
        with Supervisor(tmp_path / "b", [spec]):
            pass
    finally:
        first.stop(timeout=5)
    assert DataDirLock.holder(tmp_path / "a") is None
    with DataDirLock(tmp_path / "a"):  # released after stop
        assert DataDirLock.holder(tmp_path / "a") == os.getpid()


def test_a_lock_held_by_the_stack_is_shared_with_its_supervisor(tmp_path):
    lock = DataDirLock(tmp_path).acquire()
    try:
        spec = ChildSpec(name="sleeper", argv=py("import time; time.sleep(60)"))
        with Supervisor(tmp_path, [spec], lock=lock):
            assert lock.held
        assert lock.held  # the stack owns it, the supervisor does not release it
    finally:
        lock.release()


def test_child_that_cannot_be_executed_is_retried_not_fatal(tmp_path):
    spec = ChildSpec(name="ghost", argv=(str(tmp_path / "no-such-binary"),))
    policy = BackoffPolicy(initial_s=0.05, max_s=0.1)
    with Supervisor(tmp_path, [spec], backoff=policy, poll_interval_s=0.02) as sup:
        wait_for(lambda: sup.snapshot()[0].restarts >= 2, what="retries")
        assert sup.snapshot()[0].state == "backoff"


def test_run_forever_returns_and_stops_children_on_sigterm(tmp_path):
    pid_file = tmp_path / "pid"
    spec = ChildSpec(name="sleeper", argv=py(f"""
        import os, time
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        time.sleep(60)
    """))
    stop_event = threading.Event()
    restore = install_signal_handlers(stop_event)
    try:
        sup = Supervisor(tmp_path, [spec], poll_interval_s=0.02)
        sup.start()
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
        child = int(pid_file.read_text())
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        sup.run_forever(stop_event, stop_timeout=5)
    finally:
        restore()
    assert stop_event.is_set()
    assert not alive(child)
    assert read_processes(tmp_path).processes[0].state == "stopped"


def test_external_processes_are_listed_but_not_supervised(tmp_path):
    class Fake:
        pid = 4242
        running = True

    with Supervisor(tmp_path, []) as sup:
        sup.add_external("tansu", "broker", Fake())
        (row,) = read_processes(tmp_path).processes
        assert (row.name, row.role, row.pid, row.supervised) == ("tansu", "broker", 4242, False)


def test_wait_ready_gives_up_early_on_a_child_that_keeps_crashing(tmp_path):
    spec = ChildSpec(name="broken", argv=py("raise SystemExit('import failed')"),
                     ready_file=tmp_path / "broken.ready")
    policy = BackoffPolicy(initial_s=0.05, max_s=0.1)
    with Supervisor(tmp_path, [spec], backoff=policy, poll_interval_s=0.02) as sup:
        with pytest.raises(ChildrenNotReady) as info:
            sup.wait_ready(timeout=120, max_restarts=2)
    assert info.value.names == ("broken",) and info.value.crashing
    assert "import failed" in (tmp_path / "logs" / "broken.log").read_text()


def test_children_die_when_the_supervising_process_is_killed(tmp_path):
    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from himflow.embedded.supervisor import ChildSpec, Supervisor
        child = ChildSpec(name="sleeper", argv=(sys.executable, "-c",
            "import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)"))
        Supervisor(Path({str(tmp_path)!r}), [child], poll_interval_s=0.02).start()
        time.sleep(120)
    """)])
    try:
        wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "", what="child pid")
        child = int(pid_file.read_text())
        assert alive(child)
    finally:
        parent.kill()  # kill -9: no chance to stop anything
        parent.wait(timeout=10)
    wait_for(lambda: not alive(child), timeout=10, what="orphaned child gone")
    from himflow.embedded.supervisor import DataDirLock

    assert DataDirLock.holder(tmp_path) is None  # the lock died with its holder


def test_children_create_files_for_their_owner_only(tmp_path):
    out = tmp_path / "written-by-child.txt"
    spec = ChildSpec(name="writer", argv=py(f"open({str(out)!r}, 'w').write('x'); import time; time.sleep(60)"))
    with Supervisor(tmp_path, [spec], poll_interval_s=0.02):
        wait_for(out.exists, what="the child's file")
    assert out.stat().st_mode & 0o077 == 0
