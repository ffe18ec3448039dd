"""What an idle embedded stack costs: processes, memory and CPU while nothing arrives.

    .venv/bin/python bench/bench_idle_stack.py [--settle 30] [--window 60] [--out bench/results/idle_stack.json]

Starts ``himflow up`` on a fresh data dir, takes the seconds to its ``ready`` line (cold start),
lets it settle, then reads every process of its tree from /proc twice, ``--window`` seconds
apart: CPU = (utime+stime) ticks used in the window / window (share of one core), memory = RSS
and PSS (smaps_rollup: shared pages split between the processes that map them). Per process
name and in total. Not a test threshold; issue 18's goal is < 2 % of one core and < 1.2 GB RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids[ppid].append(int(d.name))
    return kids


def tree(root: int) -> list[int]:
    kids, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def sample(pid: int) -> dict | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    mem = {}
    for line in rollup.splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:"):
            mem[parts[0][:-1].lower()] = int(parts[1]) * 1024
    words = [c.decode(errors="replace") for c in cmd if c]
    name = " ".join(Path(w).name for w in words[:5])[:60] or stat.split("(", 1)[1].split(")")[0]
    return {"pid": pid, "name": name, "ticks": int(fields[11]) + int(fields[12]), **mem}


def snapshot(root: int) -> dict[int, dict]:
    return {s["pid"]: s for s in (sample(p) for p in tree(root)) if s}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--settle", type=float, default=30.0)
    ap.add_argument("--window", type=float, default=60.0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "idle_stack.json")
    args = ap.parse_args()
    himflow = Path(sys.executable).with_name("himflow")
    with tempfile.TemporaryDirectory(prefix="himflow-idle-") as tmp:
        log = open(Path(tmp) / "up.log", "w+")
        t0 = time.monotonic()
        proc = subprocess.Popen([str(himflow), "up", "--data-dir", str(Path(tmp) / "data")],
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        ready = None
        try:
            while time.monotonic() - t0 < 180 and proc.poll() is None:
                log.seek(0)
                if any("ready" in line for line in log):
                    ready = time.monotonic() - t0
                    break
                time.sleep(0.1)
            if ready is None:
                log.seek(0)
                print(log.read()[-3000:])
                raise SystemExit("the stack did not get ready")
            time.sleep(args.settle)
            first = snapshot(proc.pid)
            time.sleep(args.window)
            second = snapshot(proc.pid)
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    by: dict[str, dict] = defaultdict(lambda: {"processes": 0, "cpu_share": 0.0, "rss": 0, "pss": 0})
    for pid, s in second.items():
        b = by[s["name"]]
        b["processes"] += 1
        used = s["ticks"] - first[pid]["ticks"] if pid in first else 0
        b["cpu_share"] += used / TICK / args.window
        b["rss"] += s.get("rss", 0)
        b["pss"] += s.get("pss", 0)
    total = {"processes": sum(b["processes"] for b in by.values()),
             "cpu_share_of_one_core": round(sum(b["cpu_share"] for b in by.values()), 4),
             "rss_mb": round(sum(b["rss"] for b in by.values()) / 2**20, 1),
             "pss_mb": round(sum(b["pss"] for b in by.values()) / 2**20, 1),
             "cold_start_s": round(ready, 2)}
    rows = sorted(({"name": k, "processes": v["processes"], "cpu_share": round(v["cpu_share"], 4),
                    "rss_mb": round(v["rss"] / 2**20, 1), "pss_mb": round(v["pss"] / 2**20, 1)}
                   for k, v in by.items()), key=lambda r: -r["pss_mb"])
    for r in rows:
        print(f"{r['name']:60s} n={r['processes']:2d} cpu {100 * r['cpu_share']:5.2f} %  "
              f"rss {r['rss_mb']:7.1f} MB  pss {r['pss_mb']:7.1f} MB")
    print(f"total: {total}; load {os.getloadavg()}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"total": total, "processes": rows, "load_avg": os.getloadavg(),
                                    "window_s": args.window}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
