"""Indexing benchmark: classification throughput, macro-F1 + confusion matrix, calibration,
patient-match precision/recall on synthetic patients with typos, ICD suggestion throughput.

    .venv/bin/python bench/bench_indexing.py [--per-type 50] [--patients 3000] [--docs 1500]

Everything is synthetic and generated here (no PHI). Writes bench/results/indexing.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import string
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexing.classify import build_default, evaluate  # noqa: E402
from indexing.decision import Thresholds  # noqa: E402
from indexing.doctypes import DEFAULT_DOCTYPES  # noqa: E402
from indexing.icd import suggest  # noqa: E402
from indexing.identifiers import extract  # noqa: E402
from indexing.patients import Patient, PatientIndex, match_patient  # noqa: E402
from indexing.seed.corpus import FAMILY, GIVEN, generate  # noqa: E402

MORE_GIVEN = ("Anna", "Peter", "Grace", "Samuel", "Chloe", "Daniel", "Zoe", "Omar", "Leila", "Yusuf",
              "Ines", "Mateo", "Sofia", "Kenji", "Yuki", "Arjun", "Neha", "Tomasz", "Agnieszka", "Eli")
MORE_FAMILY = ("Fischer", "Weber", "Costa", "Silva", "Ahmed", "Khan", "Ito", "Kim", "Park", "Chen",
               "Wang", "Singh", "Dubois", "Moreau", "Rossi", "Bianchi", "Ivanov", "Petrov", "Olsen", "Berg")


def bench_classification(per_type: int) -> dict:
    t0 = time.perf_counter()
    clf = build_default(DEFAULT_DOCTYPES)
    train_s = time.perf_counter() - t0
    heldout = generate(style="heldout", per_type=per_type, seed=4242)
    noisy = generate(style="noisy", per_type=per_type, seed=4343)
    t0 = time.perf_counter()
    results = [clf.classify(t) for t, _ in heldout]
    dt = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in heldout)
    rep = evaluate(clf, heldout)
    rep_noisy = evaluate(clf, noisy)
    # calibration: expected calibration error over 10 confidence bins (non-abstained answers)
    answered = [(r.confidence, r.code == c) for r, (_, c) in zip(results + [clf.classify(t) for t, _ in noisy],
                                                                 heldout + noisy) if not r.abstained]
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(10)]
    for conf, ok in answered:
        bins[min(9, int(conf * 10))].append((conf, ok))
    ece = sum(len(b) * abs(sum(c for c, _ in b) / len(b) - sum(o for _, o in b) / len(b)) for b in bins if b)
    ece /= max(1, len(answered))
    # abstention on out-of-domain text
    rng = random.Random(1)
    gib = ["".join(rng.choice(string.ascii_lowercase + "    ") for _ in range(400)) for _ in range(50)]
    return {
        "seed_training_seconds": round(train_s, 2),
        "documents": len(heldout),
        "docs_per_second": round(len(heldout) / dt, 1),
        "mean_chars_per_doc": round(chars / len(heldout)),
        "heldout_templates": {"accuracy": rep.accuracy, "macro_f1": rep.macro_f1, "abstained": rep.abstained,
                              "per_class": [m.model_dump() for m in rep.per_class],
                              "labels": list(rep.labels), "confusion": [list(r) for r in rep.confusion]},
        "noisy_documents": {"accuracy": rep_noisy.accuracy, "macro_f1": rep_noisy.macro_f1,
                            "abstained": rep_noisy.abstained,
                            "labels": list(rep_noisy.labels), "confusion": [list(r) for r in rep_noisy.confusion]},
        "expected_calibration_error": round(ece, 4),
        "gibberish_abstention_rate": sum(clf.classify(g).abstained for g in gib) / len(gib),
        "_confusion_table_heldout": rep.confusion_table(),
    }


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "del", "swap", "dup"))
    if op == "sub":
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1:]
    if op == "del":
        return word[:i] + word[i + 1:]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] + word[i:]


def _date_typo(d: date, rng: random.Random) -> date:
    for _ in range(20):
        s = list(d.strftime("%Y%m%d"))
        i = rng.choice((3, 5, 7))  # last digit of year / month / day
        s[i] = str((int(s[i]) + rng.choice((1, 9))) % 10)
        try:
            return date(int("".join(s[:4])), int("".join(s[4:6])), int("".join(s[6:])))
        except ValueError:
            continue
    return d


def bench_matching(n_patients: int, n_docs: int) -> dict:
    rng = random.Random(7)
    given_pool, family_pool = GIVEN + MORE_GIVEN, FAMILY + MORE_FAMILY
    patients = []
    for i in range(n_patients):
        patients.append(Patient(patient_id=f"p{i}", mrn=f"{1_000_000 + i}", family=rng.choice(family_pool),
                                given=rng.choice(given_pool),
                                birth_date=date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 90))))
    with tempfile.TemporaryDirectory() as d:
        index = PatientIndex(f"sqlite:///{d}/bench.db")
        index.create_schema()
        in_index, outsiders = patients[: int(n_patients * 0.9)], patients[int(n_patients * 0.9):]
        index.upsert_many(in_index)
        kinds = ("exact", "family-typo", "given-typo", "both-typo", "dob-digit", "dob-swap", "typo+dob-digit")
        stats = {k: {"docs": 0, "correct": 0, "wrong": 0, "unmatched": 0} for k in kinds + ("not-in-index",)}
        auto = {"correct": 0, "wrong": 0}  # matches whose score passes the default auto-file threshold
        threshold = Thresholds().min_match_score
        t0 = time.perf_counter()
        for _ in range(n_docs):
            outsider = rng.random() < 0.1
            p = rng.choice(outsiders if outsider else in_index)
            kind = "not-in-index" if outsider else rng.choice(kinds)
            family, given, dob = p.family, p.given, p.birth_date
            if kind in ("family-typo", "both-typo", "typo+dob-digit"):
                family = _typo(family, rng).capitalize()
            if kind in ("given-typo", "both-typo"):
                given = _typo(given, rng).capitalize()
            if kind in ("dob-digit", "typo+dob-digit"):
                dob = _date_typo(dob, rng)
            if kind == "dob-swap" and dob.day <= 12 and dob.day != dob.month:
                dob = date(dob.year, dob.day, dob.month)
            name = rng.choice((f"{family}, {given}", f"{given} {family}", f"{family.upper()}, {given.upper()}"))
            text = f"Patient: {name}\nDOB: {dob.strftime('%m/%d/%Y')}\n\nPROGRESS NOTE\nFeels better."
            m = match_patient(hints=None, identifiers=extract(text), index=index)
            s = stats[kind]
            s["docs"] += 1
            if m.patient_id is None:
                s["unmatched"] += 1
            elif m.patient_id == p.patient_id and not outsider:
                s["correct"] += 1
            else:
                s["wrong"] += 1
            if m.patient_id is not None and m.score >= threshold:
                auto["correct" if m.patient_id == p.patient_id and not outsider else "wrong"] += 1
        dt = time.perf_counter() - t0
        index.engine.dispose()
    correct = sum(s["correct"] for s in stats.values())
    wrong = sum(s["wrong"] for s in stats.values())
    findable = sum(s["docs"] for k, s in stats.items() if k != "not-in-index")
    return {
        "patients_in_index": len(in_index),
        "documents": n_docs,
        "method": "name + birth date only (no MRN on the page), SQLite index",
        "precision": round(correct / max(1, correct + wrong), 4),
        "recall": round(correct / max(1, findable), 4),
        "wrong_patient": wrong,
        "auto_file_threshold": threshold,
        "auto_file_precision": round(auto["correct"] / max(1, auto["correct"] + auto["wrong"]), 4),
        "auto_file_recall": round(auto["correct"] / max(1, findable), 4),
        "auto_file_wrong_patient": auto["wrong"],
        "matches_per_second": round(n_docs / dt, 1),
        "by_kind": stats,
    }


def bench_icd(n: int) -> dict:
    docs = [t for t, _ in generate(style="heldout", per_type=max(1, n // 16), seed=5)]
    t0 = time.perf_counter()
    total = sum(len(suggest(t)) for t in docs)
    dt = time.perf_counter() - t0
    return {"documents": len(docs), "docs_per_second": round(len(docs) / dt, 1),
            "suggestions_per_doc": round(total / len(docs), 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-type", type=int, default=50)
    ap.add_argument("--patients", type=int, default=3000)
    ap.add_argument("--docs", type=int, default=1500)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "indexing.json")
    a = ap.parse_args()
    cls = bench_classification(a.per_type)
    table = cls.pop("_confusion_table_heldout")
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "classification": cls,
        "patient_matching": bench_matching(a.patients, a.docs),
        "icd_suggestions": bench_icd(400),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2))
    c, m = result["classification"], result["patient_matching"]
    print(f"classification: {c['docs_per_second']} docs/s, held-out macro-F1 {c['heldout_templates']['macro_f1']}, "
          f"accuracy {c['heldout_templates']['accuracy']}; noisy macro-F1 {c['noisy_documents']['macro_f1']}; "
          f"ECE {c['expected_calibration_error']}; gibberish abstained {c['gibberish_abstention_rate']:.0%}")
    print(table)
    print(f"patient matching: precision {m['precision']}, recall {m['recall']}, wrong {m['wrong_patient']}, "
          f"{m['matches_per_second']} matches/s; at the auto-file threshold {m['auto_file_threshold']}: "
          f"precision {m['auto_file_precision']}, recall {m['auto_file_recall']}, wrong {m['auto_file_wrong_patient']}")
    for k, s in m["by_kind"].items():
        print(f"  {k:<15} {s}")
    print(f"icd: {result['icd_suggestions']}")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
