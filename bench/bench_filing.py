"""Filing benchmark: how many documents of a realistic intake mix file themselves, and how many
of those are misfiled (wrong patient or wrong type: must be 0).

    .venv/bin/python bench/bench_filing.py [--per-kind 4]

Each document goes through the real pipeline stages, in process: OCR (intake.ocr.ocr_file:
pypdf text layer or tesseract with orientation and deskew), then the indexing decision
(indexing.analysis.analyse: classifier, patient matching against a synthetic patient index,
decide with reason severities). The mix, all generated here (no PHI):

- born-digital PDFs (text layer);
- skewed 300 dpi scans (1-3 degrees, speckle; a third upside down, a third sideways);
- phone-photo-like JPEGs (150-170 dpi content with a lying 72 dpi tag, tilt up to 4 degrees,
  blur, grey paper with a shadow across it, a third held sideways, JPEG quality 70);
- misfile traps: a page of one patient uploaded under another patient's MRN (must not file).

It also reports what the old rule (every reason blocks, informational flags included) would
have auto-filed. Writes bench/results/filing.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import ImageFilter

from himflow import db
from himflow.settings import Settings
from indexing.analysis import analyse
from indexing.patients import Patient, PatientIndex
from intake.ocr import ocr_file
from schemas.claims import ScanText
from schemas.events import DocumentKind, DocumentStatus
from schemas.reasons import blocking
from tests.resources.pages import born_digital_pdf, images_to_pdf, render_page

PATIENTS = [
    Patient(patient_id=f"pt-b{i}", mrn=f"MRN-55{i:04d}", family=f, given=g, birth_date=b)
    for i, (f, g, b) in enumerate([
        ("Wexford", "Orla", date(1961, 3, 14)), ("Tallis", "Bruno", date(1975, 9, 2)),
        ("Okonkwo", "Ada", date(1949, 12, 1)), ("Lindqvist", "Maja", date(1988, 4, 23)),
        ("Ferreira", "Tomas", date(1969, 7, 30)), ("Nakamura", "Ren", date(1992, 1, 11)),
    ])
]
BODIES = {
    "18842-5": ("DISCHARGE SUMMARY", [
        "Hospital course: admitted with community acquired pneumonia, treated with ceftriaxone.",
        "Discharge diagnoses: pneumonia. Type 2 diabetes mellitus.",
        "Discharge medications: metformin 500 mg twice daily.",
        "Follow up with primary care in one week."]),
    "11506-3": ("PROGRESS NOTE", [
        "Subjective: the patient reports less shortness of breath since the last visit.",
        "Objective: blood pressure 128/78, heart rate 72, lungs clear to auscultation.",
        "Assessment: asthma, improving. Hypertension, controlled.",
        "Plan: continue the inhaler twice daily, follow up in two weeks."]),
    "11488-4": ("CONSULTATION NOTE", [
        "Reason for consultation: evaluation of chest pain at the request of Dr. Ruiz.",
        "History of present illness: intermittent chest pain on exertion for two weeks.",
        "Impression: stable angina. Recommendations: stress test, start aspirin 81 mg daily.",
        "Thank you for this consultation."]),
}


def page_lines(p: Patient, code: str, service: str = "11/20/2026") -> list[str]:
    title, body = BODIES[code]
    return [title, f"Patient Name: {p.family}, {p.given}", f"MRN: {p.mrn}", f"DOB: {p.birth_date:%m/%d/%Y}",
            f"Date of Service: {service}", *body, "Electronically signed by: Dr. Ana Ruiz"]


def phone_photo(lines: list[str], out: Path, *, seed: int) -> Path:
    """A phone photo of a page: ~150-170 dpi content, tilt, blur, grey paper lit unevenly (a
    shadow across the page), sometimes held sideways, JPEG quality 70 with a 72 dpi tag."""
    from PIL import Image

    rng = random.Random(seed)
    img = render_page(lines, dpi=rng.choice([150, 170]), skew_deg=rng.uniform(-4.0, 4.0), noise=0.001, seed=seed,
                      rotate=90 if seed % 3 == 2 else 0)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    shade = Image.linear_gradient("L").resize(img.size).point(lambda v: int(150 + v * 0.35))  # 150..240
    img = Image.composite(img.point(lambda v: int(35 + v * 0.8)), shade, img.point(lambda v: 255 - v))
    img.save(out, format="JPEG", quality=70, dpi=(72, 72))  # phones tag 72 dpi
    return out


def make_mix(per_kind: int, tmp: Path) -> list[dict]:
    rng = random.Random(7)
    codes = list(BODIES)
    docs = []
    for kind in ("born-digital", "skewed-scan", "phone-photo", "misfile-trap"):
        for i in range(per_kind):
            p = PATIENTS[(i + len(docs)) % len(PATIENTS)]
            code = codes[(i + len(docs)) % len(codes)]
            lines = page_lines(p, code)
            upload_mrn = p.mrn
            out = tmp / f"{kind}-{i}"
            if kind == "born-digital":
                path = born_digital_pdf([lines], out.with_suffix(".pdf"))
            elif kind == "skewed-scan":
                skew = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
                turned = (0, 180, 90)[i % 3]  # fed crooked, upside down, sideways
                path = images_to_pdf([render_page(lines, skew_deg=skew, noise=0.002, seed=i, rotate=turned)],
                                     out.with_suffix(".pdf"), dpi=300)
            elif kind == "phone-photo":
                path = phone_photo(lines, out.with_suffix(".jpg"), seed=i)
            else:  # the page is p's, the uploader typed another patient's MRN
                other = PATIENTS[(PATIENTS.index(p) + 1) % len(PATIENTS)]
                upload_mrn = other.mrn
                path = images_to_pdf([render_page(lines, skew_deg=1.5, seed=i)], out.with_suffix(".pdf"), dpi=300)
            docs.append(dict(kind=kind, path=path, patient_id=p.patient_id, type_code=code, upload_mrn=upload_mrn))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-kind", type=int, default=4)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "filing.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        engine = db.make_engine(f"sqlite:///{tmp / 'bench.db'}")
        db.migrate(engine)
        PatientIndex(engine).upsert_many(PATIENTS)
        settings = Settings(data_dir=tmp / "data")
        docs = make_mix(args.per_kind, tmp)
        rows = []
        t0 = time.perf_counter()
        for n, d in enumerate(docs):
            media = "image/jpeg" if d["path"].suffix == ".jpg" else "application/pdf"
            ocr = ocr_file(d["path"], media_type=media)
            confs = [p.confidence for p in ocr.pages if p.source != "blank"]
            event = SimpleNamespace(doc_id=f"bench-{n}", kind=DocumentKind.SCAN, flags=tuple(ocr.flags),
                                    confidence=round(sum(confs) / len(confs), 4) if confs else 0.0)
            row = SimpleNamespace(sha256=None, parent_id=None, hint_mrn=d["upload_mrn"], hint_encounter=None,
                                  hint_author=None, hint_type=None)
            result = analyse(event=event, claim=ScanText(text=ocr.text), row=row, engine=engine,
                             settings=settings)
            filed = result.status is DocumentStatus.FILED
            misfiled = filed and (result.patient_id != d["patient_id"] or result.type_code != d["type_code"])
            rows.append(dict(kind=d["kind"], filed=filed, misfiled=misfiled, old_rule_filed=not result.reasons,
                             flags=sorted(set(ocr.flags)), reasons=list(result.reasons),
                             blocking=list(blocking(result.reasons)), quality=event.confidence))
            print(f"{d['kind']:13s} filed={filed!s:5s} misfiled={misfiled!s:5s} q={event.confidence:.2f} "
                  f"blocking={list(blocking(result.reasons))} informational="
                  f"{[r for r in result.reasons if r not in blocking(result.reasons)]}", flush=True)
        seconds = time.perf_counter() - t0
    legit = [r for r in rows if r["kind"] != "misfile-trap"]
    by_kind = {}
    for kind in sorted({r["kind"] for r in rows}):
        rs = [r for r in rows if r["kind"] == kind]
        by_kind[kind] = dict(documents=len(rs), auto_filed=sum(r["filed"] for r in rs),
                             old_rule_auto_filed=sum(r["old_rule_filed"] for r in rs),
                             misfiled=sum(r["misfiled"] for r in rs))
    report = dict(
        documents=len(rows), seconds=round(seconds, 1),
        auto_file_rate=round(sum(r["filed"] for r in legit) / len(legit), 3),
        old_rule_auto_file_rate=round(sum(r["old_rule_filed"] for r in legit) / len(legit), 3),
        misfiled=sum(r["misfiled"] for r in rows),
        traps_filed=sum(r["filed"] for r in rows if r["kind"] == "misfile-trap"),
        by_kind=by_kind, documents_detail=rows,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps({k: v for k, v in report.items() if k != "documents_detail"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
