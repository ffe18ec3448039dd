"""Word recall per page class: himflow's OCR pipeline vs raw tesseract on the same files.

    .venv/bin/python bench/bench_ocr_classes.py --pages 2 --out bench/results/ocr_classes.json

Every class is made here (known text, DejaVu Sans) and saved as the file a scanner, fax, phone
or screenshot tool would hand over, with the dpi tag such files carry, true or not:
- clean-300: 300 dpi page, tag 300            - tag-96 / tag-72 / no-tag / tag-absurd:
  the same 300 dpi pixels with a lying tag      - fax-100: 100 dpi content, tag 100
- fax-100-tag-300: 100 dpi content claiming 300 - turned-90 / turned-180 / turned-270
- skewed-3: tilted 3 degrees                   - noisy: 3 % salt and pepper
- phone: blurred, uneven light, JPEG, tag 72   - screenshot: 16 px text at a true 96 dpi
Raw tesseract is the CLI on the same file (``--psm 3``, OMP_THREAD_LIMIT=1, tesseract reads
the file's own tag). himflow is ``ocr_file`` in-process (no pool), so both use one core.
Reports recall, precision and seconds per page for each, and the recall difference.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.ocr import ocr_file
from PIL import Image, ImageFilter
from tests.resources.pages import lines_of, render_page, word_recall

LINES, PER_LINE = 18, 9


def precision(expected: list[str], got: str) -> float:
    want = Counter(w.lower() for w in expected)
    have = Counter(t.strip(".,;:").lower() for t in got.split() if t.strip(".,;:"))
    total = sum(have.values())
    return sum(min(n, want[w]) for w, n in have.items()) / total if total else 0.0


def _phone(img: Image.Image, seed: int) -> Image.Image:
    """A phone picture of a page: soft focus, light falling off to one side, JPEG."""
    rng = random.Random(seed)
    soft = img.filter(ImageFilter.GaussianBlur(1.2))
    w, h = soft.size
    shade = Image.linear_gradient("L").resize((w, h)).rotate(rng.choice([90, 270]))
    lit = Image.blend(soft, Image.eval(shade, lambda v: 255 - v // 3), 0.35)
    buf = io.BytesIO()
    lit.save(buf, format="JPEG", quality=70)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def make_class(name: str, text: list[str], seed: int) -> tuple[Image.Image, int | None]:
    """(pixels, dpi tag to write) for one page of class ``name``."""
    if name in ("clean-300", "tag-96", "tag-72", "no-tag", "tag-absurd"):
        tag = {"clean-300": 300, "tag-96": 96, "tag-72": 72, "no-tag": None, "tag-absurd": 3000}
        return render_page(text, dpi=300, font_pt=10), tag[name]
    if name == "fax-100":
        return render_page(text, dpi=100, font_pt=10), 100
    if name == "fax-100-tag-300":
        return render_page(text, dpi=100, font_pt=10), 300
    if name.startswith("turned-"):
        return render_page(text, dpi=300, font_pt=10, rotate=int(name.split("-")[1])), 300
    if name == "skewed-3":
        return render_page(text, dpi=300, font_pt=10, skew_deg=3), 300
    if name == "noisy":
        return render_page(text, dpi=300, font_pt=10, noise=0.03, seed=seed), 300
    if name == "phone":
        return _phone(render_page(text, dpi=250, font_pt=10), seed), 72
    if name == "screenshot":
        return render_page(text, dpi=96, font_pt=12, page_in=(14.0, 9.0)), 96
    raise ValueError(name)


CLASSES = (
    "clean-300", "tag-96", "tag-72", "no-tag", "tag-absurd", "fax-100", "fax-100-tag-300",
    "turned-90", "turned-180", "turned-270", "skewed-3", "noisy", "phone", "screenshot",
)


def save(img: Image.Image, path: Path, tag: int | None) -> Path:
    clean = img.copy()
    clean.info.pop("dpi", None)
    fmt = "JPEG" if path.suffix == ".jpg" else "PNG"
    kwargs = {"dpi": (tag, tag)} if tag else {}
    clean.save(path, format=fmt, **kwargs)
    return path


def raw_tesseract(path: Path) -> tuple[str, float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    t0 = time.perf_counter()
    out = subprocess.run(["tesseract", str(path), "stdout", "--psm", "3"], env=env,
                         capture_output=True, text=True, timeout=300, check=True).stdout
    return out, time.perf_counter() - t0


def ours(path: Path) -> tuple[str, float, list[str]]:
    t0 = time.perf_counter()
    result = ocr_file(path)
    return result.text, time.perf_counter() - t0, list(result.pages[0].flags)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2, help="pages per class")
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ocr_classes.json")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.classes.split(","):
            agg = {"raw": [], "himflow": []}
            flags: Counter[str] = Counter()
            for i in range(args.pages):
                seed = 1000 + 37 * i + CLASSES.index(name)
                text = lines_of(seed, lines=LINES, per_line=PER_LINE)
                expected = " ".join(text).split()
                img, tag = make_class(name, text, seed)
                path = save(img, Path(tmp) / f"{name}-{i}.{'jpg' if name == 'phone' else 'png'}", tag)
                # interleave which engine goes first, so neither always gets a warm cache
                order = ("raw", "himflow") if i % 2 == 0 else ("himflow", "raw")
                for engine in order:
                    if engine == "raw":
                        got, secs = raw_tesseract(path)
                    else:
                        got, secs, fl = ours(path)
                        flags.update(fl)
                    agg[engine].append((word_recall(expected, got), precision(expected, got), secs))
            row = {"class": name, "pages": args.pages, "himflow_flags": dict(flags)}
            for engine, vals in agg.items():
                n = len(vals)
                row[engine] = {
                    "recall": round(sum(v[0] for v in vals) / n, 3),
                    "precision": round(sum(v[1] for v in vals) / n, 3),
                    "s_per_page": round(sum(v[2] for v in vals) / n, 2),
                }
            row["recall_gain"] = round(row["himflow"]["recall"] - row["raw"]["recall"], 3)
            rows.append(row)
            print(f"{name:16s} recall himflow {row['himflow']['recall']:.3f} raw "
                  f"{row['raw']['recall']:.3f}  precision {row['himflow']['precision']:.3f} / "
                  f"{row['raw']['precision']:.3f}  s/page {row['himflow']['s_per_page']:.2f} / "
                  f"{row['raw']['s_per_page']:.2f}  flags {dict(flags)}", flush=True)
    worst = min(rows, key=lambda r: r["recall_gain"])
    report = {"load_avg": os.getloadavg(), "classes": rows,
              "worst_class": worst["class"], "worst_recall_gain": worst["recall_gain"]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"worst class vs raw: {worst['class']} ({worst['recall_gain']:+.3f}); load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
