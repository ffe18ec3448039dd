"""Redaction proposals of release of information (roi/detect.py) against labelled synthetic
chart pages: detection recall and precision, and those of the redaction proposals.

    .venv/bin/python bench/bench_roi.py [--set bench/evalsets/roi] [--ocr] [--json]
    .venv/bin/python bench/bench_roi.py --set bench/devsets/roi_scope   (out-of-scope content)

Reads whatever pages the set has (labels.jsonl + pages/). Each label is an identifier planted
in a page, with whose it is (``other``: must be redacted; ``patient``: the requesting
patient's own, may be kept but must be found). Two views:

- detection: every finding the detector makes (the patient's own included, clinicians'
  excluded) against every label; recall = labels covered / labels, precision = findings on a
  label / findings.
- redaction proposals (the boxes a reviewer starts from): findings attributed to someone other
  than the patient, against the ``other`` labels; also how many of the patient's own labels
  and of the ``keep`` strings a proposal hits.

A label counts as covered when findings cover at least half of its characters at one of its
occurrences. ``--ocr`` reads each page's image with tesseract (the set's pages/NNN.png when
there is one, else the text rendered here at 200 dpi) and detects on the OCR text (labels are
then matched in the OCR text; a label OCR misread counts as missed). No peer: the
figures are absolute. The recognisers are never tuned on the eval set (bench/devsets/roi is
ours for that).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0 and needle:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _covered(span: tuple[int, int], findings: list) -> bool:
    s, e = span
    hit = set()
    for f in findings:
        hit.update(range(max(s, f.start), min(e, f.end)))
    return len(hit) * 2 >= (e - s)


def _on_any(f, spans: list[tuple[int, int]]) -> bool:
    return any(f.start < e and f.end > s for s, e in spans)


def _context(patient: dict):
    from roi.detect import PatientContext

    given, _, family = patient["name"].partition(" ")
    dob = date.fromisoformat(patient["dob"]) if patient.get("dob") else None
    return PatientContext(family=family, given=given, mrn=patient.get("mrn", ""), birth_date=dob)


def _ocr_text(text: str, image: Path) -> str:
    """tesseract's reading of the page: the set's own rendering (pages/NNN.png) when it has
    one, else the text typed on letter pages here."""
    from roi import ocr, pages

    if image.exists():
        from PIL import Image

        return ocr.read_words(Image.open(image).convert("L")).text
    return "\n".join(ocr.read_words(img).text for img in pages.typed_pages([text]))


def run(set_dir: Path, *, use_ocr: bool) -> dict:
    from roi.detect import find, warm_up

    t0 = time.perf_counter()
    warm_up()
    load_s = time.perf_counter() - t0
    labels_path = set_dir / "labels.jsonl"
    entries = [json.loads(line) for line in labels_path.read_text().splitlines() if line.strip()]
    entries = [e for e in entries if (set_dir / "pages" / e["page"]).exists()]
    det = Counter()
    red = Counter()
    per_type: dict[str, Counter] = {}
    missed: list[dict] = []
    missed_any: list[dict] = []  # labels (anyone's) no finding covers
    false_props: list[dict] = []
    secs = 0.0
    skipped = 0
    for e in entries:
        try:
            text = (set_dir / "pages" / e["page"]).read_text()
        except FileNotFoundError:  # a set being written while it is read
            skipped += 1
            continue
        if use_ocr:
            text = _ocr_text(text, (set_dir / "pages" / e["page"]).with_suffix(".png"))
        t = time.perf_counter()
        found = find(text, _context(e["patient"]))
        secs += time.perf_counter() - t
        detected = [f for f in found if f.whose != "clinician"]
        proposed = [f for f in found if f.redact]
        all_spans = [sp for r in e["redact"] for sp in _spans(text, r["text"])]
        other_spans = [sp for r in e["redact"] if r["whose"] == "other" for sp in _spans(text, r["text"])]
        own_labels = [r for r in e["redact"] if r["whose"] == "patient"]
        for r in e["redact"]:
            occ = _spans(text, r["text"])
            tc = per_type.setdefault(r["type"], Counter())
            tc["labels"] += 1
            is_found = any(_covered(sp, detected) for sp in occ)
            det["labels"] += 1
            det["found"] += is_found
            tc["found"] += is_found
            if not is_found:
                missed_any.append({"page": e["page"], "type": r["type"], "whose": r["whose"]})
            if r["whose"] == "other":
                hit = any(_covered(sp, proposed) for sp in occ)
                red["other_labels"] += 1
                red["other_proposed"] += hit
                tc["other"] += 1
                tc["other_proposed"] += hit
                if not hit:
                    missed.append({"page": e["page"], "type": r["type"], "found_as_kept": is_found})
            if not occ:
                det["labels_not_in_text"] += 1
        det["findings"] += len(detected)
        det["findings_on_label"] += sum(_on_any(f, all_spans) for f in detected)
        red["proposals"] += len(proposed)
        red["proposals_on_other"] += sum(_on_any(f, other_spans) for f in proposed)
        red["own_labels"] += len(own_labels)
        red["own_labels_proposed"] += sum(
            any(_covered(sp, proposed) for sp in _spans(text, r["text"])) for r in own_labels)
        keep_spans = [sp for k in e.get("keep", []) for sp in _spans(text, k)]
        red["keep_strings"] += len(e.get("keep", []))
        red["keep_strings_hit"] += sum(
            any(_on_any(f, _spans(text, k)) for f in proposed) for k in e.get("keep", []))
        for f in proposed:
            if not _on_any(f, other_spans):
                false_props.append({"page": e["page"], "kind": f.kind,
                                    "on": "patient-label" if _on_any(f, all_spans) else
                                          ("keep" if _on_any(f, keep_spans) else "unlabelled")})

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "set": str(set_dir.relative_to(ROOT)) if set_dir.is_relative_to(ROOT) else str(set_dir),
        "pages": len(entries) - skipped, "mode": "ocr" if use_ocr else "text",
        "detection": {"labels": det["labels"], "found": det["found"], "recall": ratio(det["found"], det["labels"]),
                      "findings": det["findings"], "findings_on_label": det["findings_on_label"],
                      "precision": ratio(det["findings_on_label"], det["findings"]),
                      "labels_not_in_text": det["labels_not_in_text"]},
        "redaction": {"other_labels": red["other_labels"], "proposed": red["other_proposed"],
                      "recall": ratio(red["other_proposed"], red["other_labels"]),
                      "proposals": red["proposals"], "proposals_on_other": red["proposals_on_other"],
                      "precision": ratio(red["proposals_on_other"], red["proposals"]),
                      "patient_labels_proposed": f"{red['own_labels_proposed']}/{red['own_labels']}",
                      "keep_strings_hit": f"{red['keep_strings_hit']}/{red['keep_strings']}"},
        "per_type": {t: {"labels": c["labels"], "recall": ratio(c["found"], c["labels"]),
                         "other": c["other"], "other_recall": ratio(c["other_proposed"], c["other"])}
                     for t, c in sorted(per_type.items())},
        "missed_other_by_type": dict(Counter(m["type"] for m in missed)),
        "missed_other_found_as_kept_by_type": dict(Counter(m["type"] for m in missed if m["found_as_kept"])),
        "missed_labels_by_type": dict(Counter(m["type"] for m in missed_any)),
        "false_proposals_by_kind": dict(Counter(f"{f['kind']}->{f['on']}" for f in false_props)),
        "model_load_s": round(load_s, 2), "detect_s_per_page": round(secs / max(1, len(entries)), 3),
    }


def run_scope(set_dir: Path, *, use_ocr: bool = False) -> dict:
    """Out-of-scope proposals (roi/scope.py) against a set whose pages carry a request scope
    ({date_from, date_to, covers}) with the lines that must be proposed (``out``, each with its
    basis: date or a sensitivity category) and those that must be kept (``in``)."""
    from roi.scope import Scope, find as find_scope

    entries = [json.loads(line) for line in (set_dir / "labels.jsonl").read_text().splitlines() if line.strip()]
    c: Counter = Counter()
    per_basis: dict[str, Counter] = {}
    for e in entries:
        text = (set_dir / "pages" / e["page"]).read_text()
        if use_ocr:  # as prepare_packet sees the page: tesseract's lines, no blank lines
            text = _ocr_text(text, (set_dir / "pages" / e["page"]).with_suffix(".png"))
        sc = e["scope"]
        scope = Scope(date_from=date.fromisoformat(sc["date_from"]) if sc.get("date_from") else None,
                      date_to=date.fromisoformat(sc["date_to"]) if sc.get("date_to") else None,
                      covers=frozenset(sc.get("covers", [])))
        props = find_scope(text, scope)
        out_spans = []
        for o in e["out"]:
            occ = _spans(text, o["text"])
            c["out_not_in_text"] += not occ  # OCR wrapped or misread the line
            out_spans += occ
            hit = any(_covered(sp, props) for sp in occ)
            b = per_basis.setdefault(o["basis"], Counter())
            b["out"] += 1
            b["proposed"] += hit
            c["out"] += 1
            c["out_proposed"] += hit
        for k in e["in"]:
            c["in"] += 1
            c["in_kept"] += not any(_on_any(p, _spans(text, k)) for p in props)
        c["proposals"] += len(props)
        c["proposals_on_out"] += sum(_on_any(p, out_spans) for p in props)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {"set": str(set_dir.relative_to(ROOT)) if set_dir.is_relative_to(ROOT) else str(set_dir),
            "pages": len(entries), "mode": "scope-ocr" if use_ocr else "scope",
            "out_recall": ratio(c["out_proposed"], c["out"]), "out_lines": c["out"],
            "out_not_in_text": c["out_not_in_text"],
            "in_kept": ratio(c["in_kept"], c["in"]), "in_lines": c["in"],
            "proposals": c["proposals"], "precision": ratio(c["proposals_on_out"], c["proposals"]),
            "per_basis": {k: {"out": v["out"], "recall": ratio(v["proposed"], v["out"])}
                          for k, v in sorted(per_basis.items())}}


def _is_scope_set(set_dir: Path) -> bool:
    first = next((line for line in (set_dir / "labels.jsonl").read_text().splitlines() if line.strip()), "{}")
    return "scope" in json.loads(first)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=ROOT / "bench" / "evalsets" / "roi")
    ap.add_argument("--ocr", action="store_true", help="detect on tesseract's reading of rendered pages")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="also write the JSON here (bench/run_all.py)")
    args = ap.parse_args(argv)
    if _is_scope_set(args.set.resolve()):
        result = run_scope(args.set.resolve(), use_ocr=args.ocr)
        if args.out:
            args.out.write_text(json.dumps(result, indent=2))
        if args.json:
            print(json.dumps(result, indent=2))
            return 0
        print(f"{result['set']}: {result['pages']} pages (out-of-scope content, {result['mode']})")
        print(f"out-of-scope lines proposed {result['out_recall']} of {result['out_lines']}  in-scope lines kept "
              f"{result['in_kept']} of {result['in_lines']}  proposal precision {result['precision']} "
              f"({result['proposals']} proposals); out lines not in the text read: {result['out_not_in_text']}")
        for k, v in result["per_basis"].items():
            print(f"  {k:12s} out lines {v['out']:3d} recall {v['recall']}")
        return 0
    result = run(args.set.resolve(), use_ocr=args.ocr)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    d, r = result["detection"], result["redaction"]
    print(f"{result['set']}: {result['pages']} pages ({result['mode']})")
    print(f"detection  recall {d['recall']} ({d['found']}/{d['labels']})  precision {d['precision']} "
          f"({d['findings_on_label']}/{d['findings']})")
    print(f"redaction  recall {r['recall']} ({r['proposed']}/{r['other_labels']})  precision {r['precision']} "
          f"({r['proposals_on_other']}/{r['proposals']})  patient's own proposed {r['patient_labels_proposed']}  "
          f"keep strings hit {r['keep_strings_hit']}")
    for t, v in result["per_type"].items():
        print(f"  {t:12s} labels {v['labels']:3d} recall {v['recall']}  other {v['other']:3d} recall {v['other_recall']}")
    print("missed (other) by type:", result["missed_other_by_type"])
    print("  of which found but attributed to the patient/clinician:", result["missed_other_found_as_kept_by_type"])
    print("not found at all (anyone's) by type:", result["missed_labels_by_type"])
    print("false proposals:", result["false_proposals_by_kind"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
