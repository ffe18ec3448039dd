"""Scan OCR throughput and accuracy: himflow's pipeline vs raw tesseract vs ocrmypdf.

    .venv/bin/python bench/bench_ocr.py --pages 8 --out bench/results/ocr.json

Side by side in one run, on the same generated 300 dpi letter pages (known text):
- raw tesseract CLI, OMP_THREAD_LIMIT=1, N processes in parallel (PNG in, text out);
- himflow's pipeline (``ocr_file`` over a warm pool of N processes; PDF in) and the
  ``himflow ocr`` command end to end (process start and pool start included);
- ``ocrmypdf --sidecar`` with ``-j N`` on the same PDF, when ocrmypdf is installed
  (``pip install -e .[bench]``);
- born-digital PDF pages per second (text layer, no OCR);
- word recall against the drawn text: 300 dpi upright pages and pages turned 90/180 degrees.
Prints the ratios; writes everything as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.ocr import make_pool, ocr_file  # noqa: E402
from tests.resources.pages import (  # noqa: E402
    born_digital_pdf,
    images_to_pdf,
    lines_of,
    render_page,
    word_recall,
)

LINES_PER_PAGE = 32
WORDS_PER_LINE = 10
FONT_PT = 11


def page_lines(seed: int) -> list[str]:
    return lines_of(seed, lines=LINES_PER_PAGE, per_line=WORDS_PER_LINE)


def words_of(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def mean(xs: list[float]) -> float:
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def run_raw_tesseract(pngs: list[Path], procs: int, timeout: float) -> tuple[float, list[str]]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(png: Path) -> str:
        out = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", "eng", "--psm", "3"],
            capture_output=True, env=env, timeout=timeout, check=True,
        )
        return out.stdout.decode("utf-8", "replace")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(procs) as ex:
        texts = list(ex.map(one, pngs))
    return time.perf_counter() - t0, texts


def run_pipeline(pdf: Path, pool) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = ocr_file(pdf, pool=pool)
    return time.perf_counter() - t0, result


def run_cli(pdf: Path, procs: int, timeout: float) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv/bin/himflow"), "ocr", "--json", "--jobs", str(procs), str(pdf)],
        capture_output=True, timeout=timeout, check=True,
    )
    return time.perf_counter() - t0


def run_ocrmypdf(pdf: Path, work: Path, procs: int, timeout: float) -> tuple[float, str] | None:
    exe = shutil.which("ocrmypdf") or str(ROOT / ".venv/bin/ocrmypdf")
    if not Path(exe).exists():
        return None
    sidecar, out = work / "ocrmypdf.txt", work / "ocrmypdf.pdf"
    t0 = time.perf_counter()
    subprocess.run(
        [exe, "-q", "-j", str(procs), "--output-type", "pdf", "--sidecar", str(sidecar),
         str(pdf), str(out)],
        capture_output=True, timeout=timeout, check=True,
    )
    return time.perf_counter() - t0, sidecar.read_text("utf-8", "replace")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8, help="scanned 300 dpi pages")
    ap.add_argument("--born-digital-pages", type=int, default=200)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--no-ocrmypdf", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/ocr.json")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        work = Path(tmp)
        texts = [page_lines(1000 + i) for i in range(args.pages)]
        images = [render_page(t, dpi=300, font_pt=FONT_PT) for t in texts]
        pngs = []
        for i, img in enumerate(images):
            png = work / f"page{i:03d}.png"
            img.save(png, dpi=(300, 300))
            pngs.append(png)
        scan_pdf = images_to_pdf(images, work / "scan.pdf", dpi=300)
        turned_text = [page_lines(2000), page_lines(2001)]
        turned_pdf = images_to_pdf(
            [render_page(turned_text[0], font_pt=FONT_PT, rotate=90),
             render_page(turned_text[1], font_pt=FONT_PT, rotate=180)],
            work / "turned.pdf", dpi=300,
        )
        born_text = [page_lines(3000 + i) for i in range(args.born_digital_pages)]
        born_pdf = born_digital_pdf(born_text, work / "born.pdf")

        report: dict = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "procs": args.procs},
            "pages": args.pages,
            "page": {"dpi": 300, "size": "letter", "lines": LINES_PER_PAGE,
                     "words": LINES_PER_PAGE * WORDS_PER_LINE, "font_pt": FONT_PT},
        }

        raw_s, raw_texts = run_raw_tesseract(pngs, args.procs, args.timeout)
        report["raw_tesseract"] = {
            "seconds": round(raw_s, 2), "pages_per_s": round(args.pages / raw_s, 3),
            "recall": mean([word_recall(words_of(t), r) for t, r in zip(texts, raw_texts)]),
        }
        print(f"raw tesseract x{args.procs}: {raw_s:.1f} s", flush=True)

        with make_pool(args.procs) as pool:
            list(pool.map(abs, range(args.procs * 2)))  # start the workers: a worker's pool is warm
            hf_s, result = run_pipeline(scan_pdf, pool)
            turned_s, turned = run_pipeline(turned_pdf, pool)
        report["himflow_pipeline"] = {
            "seconds": round(hf_s, 2), "pages_per_s": round(args.pages / hf_s, 3),
            "recall_300dpi": mean(
                [word_recall(words_of(t), p.text) for t, p in zip(texts, result.pages)]
            ),
            "confidence": result.confidence,
        }
        report["himflow_turned_pages"] = {
            "pages": 2, "seconds": round(turned_s, 2),
            "rotations": [p.rotation for p in turned.pages],
            "recall": mean(
                [word_recall(words_of(t), p.text) for t, p in zip(turned_text, turned.pages)]
            ),
        }
        print(f"himflow pipeline: {hf_s:.1f} s; turned pages: {turned_s:.1f} s", flush=True)

        cli_s = run_cli(scan_pdf, args.procs, args.timeout)
        report["himflow_cli"] = {"seconds": round(cli_s, 2),
                                 "pages_per_s": round(args.pages / cli_s, 3)}
        print(f"himflow ocr (CLI, end to end): {cli_s:.1f} s", flush=True)

        omp = None if args.no_ocrmypdf else run_ocrmypdf(scan_pdf, work, args.procs, args.timeout)
        if omp is not None:
            omp_s, omp_text = omp
            report["ocrmypdf_sidecar"] = {
                "seconds": round(omp_s, 2), "pages_per_s": round(args.pages / omp_s, 3),
                "recall": round(word_recall(
                    [w for t in texts for w in words_of(t)], omp_text), 4),
            }
            print(f"ocrmypdf --sidecar -j {args.procs}: {omp_s:.1f} s", flush=True)

        t0 = time.perf_counter()
        born = ocr_file(born_pdf)
        born_s = time.perf_counter() - t0
        report["born_digital"] = {
            "pages": args.born_digital_pages, "seconds": round(born_s, 2),
            "pages_per_s": round(args.born_digital_pages / born_s, 1),
            "all_text_layer": all(p.source == "text-layer" for p in born.pages),
        }

    hf = report["himflow_pipeline"]["pages_per_s"]
    report["ratios"] = {
        "pipeline_vs_raw_tesseract": round(hf / report["raw_tesseract"]["pages_per_s"], 3),
        "cli_vs_raw_tesseract": round(
            report["himflow_cli"]["pages_per_s"] / report["raw_tesseract"]["pages_per_s"], 3),
    }
    if "ocrmypdf_sidecar" in report:
        report["ratios"]["pipeline_vs_ocrmypdf"] = round(
            hf / report["ocrmypdf_sidecar"]["pages_per_s"], 3)
        report["ratios"]["cli_vs_ocrmypdf"] = round(
            report["himflow_cli"]["pages_per_s"] / report["ocrmypdf_sidecar"]["pages_per_s"], 3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
