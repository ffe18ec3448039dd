"""The seed corpus: synthetic documents per type, generated deterministically from templates.

``generate(style="train")`` uses the even-position template variants, ``"heldout"`` the odd ones
(titles, headings and sentences the model never saw), ``"noisy"`` the training variants with
titles and sections dropped, OCR-like character noise and a distractor sentence from another
type (used to calibrate confidence on documents harder than the seed itself).
``generate_notes()`` adds structured clinical notes of the ten clinical types, built section by
section the way real ones are and rendered in many styles (indexing/seed/notes.py).
No real PHI: names are combinations from small pools of common names.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from indexing.seed.templates import POOLS, TEMPLATES
from indexing.seed.notes import BUILDERS, NOTE_TYPES, _G, render

Style = Literal["train", "heldout", "noisy"]

GIVEN = ("James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
         "Sarah", "Carlos", "Maria", "Wei", "Mei", "Ahmed", "Fatima", "Olga", "Ivan", "Aisha",
         "Kwame", "Priya", "Raj", "Lucia", "Diego", "Hannah", "Noah", "Emma", "Liam")
FAMILY = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
          "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
          "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
          "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
          "Nguyen", "Patel", "Kowalski", "Okafor", "Schneider", "Novak", "Haddad", "Tanaka")
FACILITIES = ("Riverside General Hospital", "Mercy Valley Medical Center", "Lakeshore Community Hospital",
              "St. Example Regional Health", "Northfield University Hospital", "Harbor View Clinic")

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _fmt_date(d: date, rng: random.Random) -> str:
    fmt = rng.choice(("%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y", "%d-%b-%Y", "%m-%d-%Y"))
    return d.strftime(fmt)


def _variants(items: tuple[str, ...], style: Style) -> tuple[str, ...]:
    if len(items) == 1:
        return items
    part = items[1::2] if style == "heldout" else items[0::2]
    return part or items


class _Filler:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.given = rng.choice(GIVEN)
        self.family = rng.choice(FAMILY)
        self.dob = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 80))
        self.service = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
        self.mrn = f"{rng.randrange(10**7, 10**8)}"

    def doctor(self) -> str:
        return f"Dr. {self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def value(self, name: str) -> str:
        rng = self.rng
        if name in POOLS:
            return rng.choice(POOLS[name])
        match name:
            case "date":
                return _fmt_date(self.service, rng)
            case "date2":
                return _fmt_date(self.service + timedelta(days=rng.randrange(1, 9)), rng)
            case "doctor" | "doctor2":
                return self.doctor()
            case "last":
                return rng.choice(FAMILY)
            case "patient":
                return f"{self.given} {self.family}".upper()
            case "age":
                return str(max(18, 2025 - self.dob.year))
            case "sex":
                return rng.choice(("male", "female", "man", "woman"))
            case "n":
                return str(rng.randrange(2, 9))
            case "year":
                return str(rng.randrange(1985, 2023))
            case "bp":
                return f"{rng.randrange(100, 170)}/{rng.randrange(60, 100)}"
            case "hr":
                return str(rng.randrange(55, 120))
            case "esi":
                return str(rng.randrange(1, 6))
            case "memberid":
                return f"{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.randrange(10**8, 10**9)}"
            case "group":
                return str(rng.randrange(10**5, 10**6))
            case "npi":
                return str(rng.randrange(10**8, 10**9))
        return name

    def fill(self, template: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.value(m.group(1)), template)

    def header(self) -> str:
        rng = self.rng
        lines = [rng.choice(FACILITIES)]
        name = rng.choice((f"{self.family}, {self.given}", f"{self.given} {self.family}",
                           f"{self.family.upper()}, {self.given.upper()}"))
        lines.append(f"{rng.choice(('Patient', 'Patient Name', 'Name'))}: {name}")
        lines.append(f"{rng.choice(('MRN', 'Medical Record Number', 'MR#'))}: {self.mrn}")
        lines.append(f"{rng.choice(('DOB', 'Date of Birth', 'Birth Date'))}: {_fmt_date(self.dob, rng)}")
        if rng.random() < 0.6:
            lines.append(f"{rng.choice(('Date of Service', 'DOS', 'Visit Date'))}: {_fmt_date(self.service, rng)}")
        if rng.random() < 0.3:
            tail = lines[1:]
            rng.shuffle(tail)
            lines = lines[:1] + tail
        return "\n".join(lines)


def _ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    swaps = {"l": "1", "o": "0", "e": "c", "i": "l", "m": "rn", "s": "5", "a": "o"}
    out = []
    for ch in text:
        r = rng.random()
        if r < rate and ch.lower() in swaps:
            out.append(swaps[ch.lower()])
        elif r < rate * 1.3:
            continue
        else:
            out.append(ch)
    return "".join(out)


def render_document(code: str, rng: random.Random, style: Style) -> str:
    spec = TEMPLATES[code]
    f = _Filler(rng)
    noisy = style == "noisy"
    parts = [f.header()] if rng.random() < 0.9 else []
    title_p = 0.45 if noisy else 0.9
    if rng.random() < title_p:
        title = rng.choice(_variants(spec["titles"], "train" if noisy else style))
        parts.insert(min(1, len(parts)) if rng.random() < 0.7 else 0,
                     title.upper() if rng.random() < 0.6 else title)
    sections = list(spec["sections"])
    if style == "heldout" and rng.random() < 0.5:
        rng.shuffle(sections)
    keep_p = 0.6 if noisy else 0.85
    kept = [s for s in sections if rng.random() < keep_p] or [rng.choice(sections)]
    for headings, sentences in kept:
        heading = rng.choice(_variants(headings, "train" if noisy else style))
        body = f.fill(rng.choice(_variants(sentences, "train" if noisy else style)))
        if rng.random() < 0.3:
            body += " " + f.fill(rng.choice(_variants(sentences, "train" if noisy else style)))
        sep = rng.choice((":\n", ": ", "\n"))
        parts.append(f"{heading.upper() if rng.random() < 0.4 else heading}{sep}{body}")
    if noisy and rng.random() < 0.6:
        other = rng.choice([c for c in TEMPLATES if c != code])
        _, sentences = rng.choice(TEMPLATES[other]["sections"])
        parts.insert(rng.randrange(1, len(parts) + 1), f.fill(rng.choice(sentences)))
    if rng.random() < 0.5:
        parts.append(f"{rng.choice(('Electronically signed by', 'Dictated by', 'Signed'))}: {f.doctor()}")
    text = "\n\n".join(parts)
    if noisy:
        text = _ocr_noise(text, rng, 0.03)
    return text


def generate(
    *, style: Style = "train", per_type: int = 40, seed: int = 1234, codes: tuple[str, ...] | None = None
) -> list[tuple[str, str]]:
    """``per_type`` synthetic documents for every seed type, as (text, LOINC code) pairs."""
    out: list[tuple[str, str]] = []
    for i, code in enumerate(codes or tuple(TEMPLATES)):
        rng = random.Random(f"{seed}:{style}:{code}:{i}")
        out.extend((render_document(code, rng, style), code) for _ in range(per_type))
    random.Random(seed).shuffle(out)
    return out


def generate_notes(
    *, split: Literal["train", "heldout"] = "train", per_type: int = 100, seed: int = 1234,
    noise: float = 0.15, distract: float = 0.0, codes: tuple[str, ...] | None = None,
) -> list[tuple[str, str]]:
    """``per_type`` structured clinical notes per clinical type (indexing.seed.notes), as
    (text, LOINC code) pairs; about half carry a patient header, ``noise`` of them OCR noise,
    ``distract`` of them a paragraph of another type's note (an ED note quoting an imaging
    result, a discharge summary quoting an operation, ...)."""

    out: list[tuple[str, str]] = []
    for code in codes or NOTE_TYPES:
        rng = random.Random(f"{seed}:notes:{split}:{code}")
        for _ in range(per_type):
            text = render(code, rng, split)
            if rng.random() < distract:
                other = rng.choice([c for c in NOTE_TYPES if c != code])
                _, body = rng.choice(BUILDERS[other](_G(rng, split))[1:] or [("", "")])
                paras = text.split("\n\n")
                paras.insert(rng.randrange(1, len(paras) + 1), body)
                text = "\n\n".join(paras)
            if rng.random() < 0.5:
                text = _Filler(rng).header() + "\n\n" + text
            if rng.random() < noise:
                text = _ocr_noise(text, rng, rng.choice((0.01, 0.02, 0.04)))
            out.append((text, code))
    random.Random(seed).shuffle(out)
    return out


def corpus_fingerprint() -> str:
    """Hash of the templates and the generators: changes whenever the seed corpus would."""
    h = hashlib.sha256(json.dumps(TEMPLATES, sort_keys=True).encode())
    h.update(json.dumps(POOLS, sort_keys=True).encode())
    h.update(json.dumps([GIVEN, FAMILY, FACILITIES]).encode())
    here = Path(__file__).resolve().parent
    for name in ("corpus.py", "notes.py", "pools.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]
