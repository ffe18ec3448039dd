"""Sensitive content of a clinical text: 42 CFR Part 2 (substance-use disorder treatment),
HIV/STI, behavioural health, reproductive health, genetic testing; each label with the spans
of text that made it, negated mentions ("denies alcohol use disorder") left out. Labels become
HL7 v3 codes for ``DocumentReference.meta.security`` (``security_codes``): the confidentiality
code R (restricted) plus ActCode sensitivity codes (ETH with the 42CFRPart2 privacy-law code,
HIV, STD, PSY, BH, SEX, GDIS).

Pure functions, no tables: the publishing stage labels every DocumentReference it sends from
the document's text, and release of information (``roi.sensitivity``) stores the labels it
decides packets by. Both read the same term lists here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CATEGORIES = ("part2", "hiv-sti", "behavioral", "reproductive", "genetic")

_TERMS: dict[str, tuple[str, ...]] = {
    "part2": (
        r"substance[\s-]+use\s+disorder", r"opioid\s+use\s+disorder", r"alcohol\s+use\s+disorder",
        r"(?:stimulant|cannabis|cocaine|methamphetamine)\s+use\s+disorder", r"\bSUD\b", r"\bOUD\b",
        r"methadone\s+(?:maintenance|clinic|program|treatment)", r"buprenorphine", r"suboxone",
        r"opioid\s+treatment\s+program", r"substance[\s-]+(?:use|abuse)\s+(?:treatment|program|counsel\w*|services)", r"\bdetox(?:ification)?\b", r"addiction\s+(?:treatment|medicine|program)",
        r"chemical\s+dependency", r"42\s*CFR\s*(?:part\s*)?2", r"medication[\s-]+assisted\s+treatment",
        r"alcohol\s+(?:dependence|withdrawal)", r"opioid\s+(?:dependence|withdrawal)", r"naltrexone"),
    "hiv-sti": (
        r"\bHIV\b", r"human\s+immunodeficiency\s+virus", r"\bAIDS\b", r"viral\s+load", r"antiretroviral",
        r"\bPrEP\b", r"syphilis", r"\bRPR\b", r"chlamydia", r"gonorrh(?:o|e)a", r"trichomon", r"herpes\s+simplex",
        r"\bHSV-?2\b", r"sexually\s+transmitted"),
    "behavioral": (
        r"major\s+depressive\s+disorder", r"bipolar", r"schizophreni", r"schizoaffective", r"psychosis",
        r"psychiatric", r"psychotherapy", r"suicidal", r"post[\s-]?traumatic\s+stress", r"\bPTSD\b",
        r"generali[sz]ed\s+anxiety\s+disorder", r"eating\s+disorder", r"anorexia\s+nervosa",
        r"behaviou?ral\s+health", r"mental\s+health", r"obsessive[\s-]compulsive"),
    "reproductive": (
        r"termination\s+of\s+pregnancy", r"abortion", r"contracepti", r"\bIUD\b", r"in\s+vitro\s+fertili[sz]ation",
        r"\bIVF\b", r"infertility", r"miscarriage", r"pregnancy\s+test", r"prenatal", r"tubal\s+ligation",
        r"vasectomy", r"reproductive\s+health"),
    "genetic": (
        r"genetic\s+(?:testing|test|counsel(?:l)?ing|screening|results?|report|panel)", r"\bBRCA[12]?\b", r"germline", r"genotyp",
        r"carrier\s+screening", r"pathogenic\s+variant", r"huntington", r"whole[\s-](?:exome|genome)",
        r"chromosomal\s+microarray", r"karyotype", r"lynch\s+syndrome"),
}
_RX = {cat: re.compile("|".join(f"(?:{t})" for t in terms), re.IGNORECASE) for cat, terms in _TERMS.items()}
_NEGATED = re.compile(r"\b(?:no|denies|denied|negative\s+for|without|never)\b[^.\n]{0,40}$", re.IGNORECASE)

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
_CODES: dict[str, tuple[tuple[str, str], ...]] = {
    "part2": (("ETH", "substance abuse information sensitivity"), ("42CFRPart2", "42 CFR Part2")),
    "hiv-sti": (("HIV", "HIV/AIDS information sensitivity"), ("STD", "sexually transmitted disease information sensitivity")),
    "behavioral": (("PSY", "psychiatry disorder information sensitivity"), ("BH", "behavioral health information sensitivity")),
    "reproductive": (("SEX", "sexuality and reproductive health information sensitivity"),),
    "genetic": (("GDIS", "genetic disease information sensitivity"),),
}


@dataclass(frozen=True)
class Label:
    category: str
    evidence: tuple[tuple[int, int, str], ...]  # (start, end, text)


def classify(text: str) -> list[Label]:
    """The sensitive categories of a text, each with its evidence spans (negated mentions
    such as "denies alcohol use disorder" or "HIV negative for" are not evidence)."""
    out = []
    for cat, rx in _RX.items():
        spans = []
        for m in rx.finditer(text):
            if _NEGATED.search(text[max(0, m.start() - 60):m.start()]):
                continue
            spans.append((m.start(), m.end(), m.group()))
        if spans:
            out.append(Label(cat, tuple(spans[:20])))
    return out


def security_codes(categories: list[str] | tuple[str, ...]) -> list[dict[str, Any]]:
    """FHIR ``meta.security`` codings for these categories ([] when none)."""
    cats = [c for c in CATEGORIES if c in set(categories)]
    if not cats:
        return []
    out: list[dict[str, Any]] = [{"system": CONFIDENTIALITY, "code": "R", "display": "restricted"}]
    for cat in cats:
        out += [{"system": ACT_CODE, "code": code, "display": display} for code, display in _CODES[cat]]
    return out
