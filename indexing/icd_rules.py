"""Coding rules on top of term matches: the 7th character, presumed links, specificity prompts.

- ``resolve``: a match at a 6-character base that needs a 7th character gets it from the sentence
  ("subsequent", "routine healing", "nonunion", "sequela", "open") or, with no cue, the initial
  encounter (A) and a prompt to confirm it.
- ``combine``: the links ICD-10-CM presumes (guidelines I.C.9.a, I.C.4.a): hypertension with CKD
  -> I12.-, with heart failure -> I11.0, with both -> I13.-; type 1/2 diabetes with CKD -> E1x.22;
  a BMI value (Z68.-) only beside a weight diagnosis (obesity, overweight, underweight).
- ``specificity``: what the chosen code leaves open that its family can say (laterality, diabetes
  type, CKD stage, heart-failure type and acuity) as a tuple of needs and a prompt for the coder.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simple_icd_10_cm as icd10

_SEVENTH_CUES = (  # (pattern, 7th character), first hit wins
    (re.compile(r"\bsequela"), "S"),
    (re.compile(r"\bnon-?union\b"), "K"),
    (re.compile(r"\bmalunion\b"), "P"),
    (re.compile(r"\bdelayed healing\b"), "G"),
    (re.compile(r"\b(?:subsequent|routine healing|follow-?up|healing|f/u)\b"), "D"),
    (re.compile(r"\bopen fracture\b|\bcompound fracture\b"), "B"),
    (re.compile(r"\binitial\b"), "A"),
)


@lru_cache(maxsize=8192)
def _seventh_children(base: str) -> dict[str, str]:
    return {k[-1]: k for k in icd10.get_children(base)}


def resolve(code: str, *, seventh: bool, sentence: str) -> tuple[str, tuple[tuple[str, ...], str | None] | None]:
    """The billable code for a match; (needs, prompt) when a default was taken."""
    if not seventh:
        return code, None
    kids = _seventh_children(code)
    for pat, ch in _SEVENTH_CUES:
        if ch in kids and pat.search(sentence):
            return kids[ch], _laterality(kids[ch])
    ch = "A" if "A" in kids else min(kids)
    lat = _laterality(kids[ch])
    needs = ("7th character",) + (lat[0] if lat else ())
    prompt = "7th character not stated (initial encounter assumed): confirm the encounter"
    return kids[ch], (needs, prompt + ("; " + lat[1] if lat else ""))


def _laterality(code: str) -> tuple[tuple[str, ...], str] | None:
    d = icd10.get_description(code).lower()
    if not re.search(r"\bunspecified (?:side|\w+ (?:side|limb))|\bunspecified (?:arm|leg|hand|foot|knee|hip|"
                     r"shoulder|elbow|wrist|ankle|eye|ear|lung|kidney|breast|ovary|femur|tibia|fibula|radius|ulna|"
                     r"humerus|clavicle|scapula|toe|finger|thumb|great toe|lower limb|upper limb)", d):
        return None
    return ("laterality",), "side not stated: right, left or bilateral?"


_CKD = re.compile(r"^N18\.(1|2|3\d?|4|5|6|9)$")
_HF = re.compile(r"^I50\.")


def combine(found: dict[str, dict], low: str) -> dict[str, dict]:
    active = {c for c, f in found.items() if f["status"] == "active"}
    ckd = sorted(c for c in active if _CKD.match(c))
    hf = sorted(c for c in active if _HF.match(c))
    out = dict(found)

    def swap(old: str, new: str) -> None:
        if old in out and icd10.is_valid_item(new):
            f = out.pop(old)
            cur = out.get(new)
            if cur is None or cur["score"] < f["score"]:
                out[new] = {**f, "mentions": f["mentions"] + (cur["mentions"] if cur else 0)}

    if "I10" in active and (ckd or hf):
        late = any(c in ("N18.5", "N18.6") for c in ckd)
        if ckd and hf:
            swap("I10", "I13.2" if late else "I13.0")
        elif ckd:
            swap("I10", "I12.0" if late else "I12.9")
        else:
            swap("I10", "I11.0")
    if ckd:
        for dm in ("E11", "E10"):
            if f"{dm}.9" in active:
                swap(f"{dm}.9", f"{dm}.22")
    if not any(c.startswith(("E66", "R63.6", "E44", "E46", "R63.4")) for c in active):
        for c in [c for c in out if c.startswith("Z68")]:
            out.pop(c)
    else:
        bmi = _bmi_code(low)
        if bmi and bmi not in out:
            m = _BMI.search(low)
            assert m is not None
            out[bmi] = {"span": m.span(), "score": 0.7, "status": "active", "mentions": 1}
    return out


_BMI = re.compile(r"\bbmi(?: of| is|:|=)?\s*(\d{2}(?:\.\d)?)")


@lru_cache(maxsize=1)
def _bmi_ranges() -> list[tuple[float, float, str]]:
    out = []
    for c in icd10.get_children("Z68") if icd10.is_valid_item("Z68") else []:
        for leaf in [c] if icd10.is_leaf(c) else icd10.get_descendants(c):
            d = icd10.get_description(leaf)
            if "adult" not in d.lower():
                continue
            m = re.search(r"(\d+(?:\.\d)?)\s*-\s*(\d+(?:\.\d)?)", d)
            if m:
                out.append((float(m.group(1)), float(m.group(2)), leaf))
            elif (m := re.search(r"(\d+(?:\.\d)?)\s*(?:or greater|and over)", d)):
                out.append((float(m.group(1)), 999.0, leaf))
            elif (m := re.search(r"less than (\d+(?:\.\d)?)", d)):
                out.append((0.0, float(m.group(1)) - 0.01, leaf))
    return out


def _bmi_code(low: str) -> str | None:
    m = _BMI.search(low)
    if not m:
        return None
    v = float(m.group(1))
    for lo, hi, code in _bmi_ranges():
        if lo <= v <= hi + 0.05:
            return code
    return None


def specificity(code: str, low: str) -> tuple[tuple[str, ...], str | None]:
    needs: list[str] = []
    prompts: list[str] = []
    if code == "E11.9" and not re.search(r"\btype (?:2|ii)\b|\bt2|\bdm2\b|\bniddm\b", low):
        needs.append("diabetes type")
        prompts.append("diabetes type not stated: type 1, type 2, secondary or gestational?")
    if code in ("N18.9", "N18.30"):
        needs.append("CKD stage")
        prompts.append("CKD stage not stated (1-5, 3a/3b, ESRD)")
    if code in ("I50.9", "I50.20", "I50.30", "I50.40"):
        needs.append("heart failure type" if code == "I50.9" else "heart failure acuity")
        prompts.append("heart failure: systolic/diastolic/combined, acute/chronic/acute on chronic?")
    lat = _laterality(code) if icd10.is_valid_item(code) else None
    if lat:
        needs.extend(lat[0])
        prompts.append(lat[1])
    return tuple(needs), ("; ".join(prompts) or None)
