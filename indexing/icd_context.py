"""ConText-style context for a finding in a clause: negated, family, history, uncertain or active.

Each cue has a category, a forward scope and a backward scope (in tokens; 0 = none) and whether a
comma ends its scope. A cue reaches a finding when the finding lies inside its scope in the same
clause (a clause ends at . ; ! ? or a line break) and no terminator ("but", "however", "except",
"reports", "positive for", ...) stands between them. Pseudo cues ("not only", "no increase",
"gram negative", "history of present illness") match first and are no trigger at all; longer cues
win over the short ones inside them ("cannot be ruled out" is uncertain, not "ruled out").

Precedence when several cues reach a finding: family > negated > uncertain > history. Sections
(a Family History section, a Review of Systems list, a Past Medical History section) apply when no
cue in the clause says otherwise, except that a ROS finding named after "positive for"/"reports"
is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (phrase, category, forward tokens, backward tokens, a comma ends the scope)
_F, _B = 20, 8  # default forward / backward reach
_NEG = "negated"
_UNC = "uncertain"
_HIS = "history"
_FAM = "family"
_PSEUDO = "pseudo"
_TERM = "terminate"

_RELATIVES = ("mother", "father", "sister", "brother", "grandmother", "grandfather", "aunt", "uncle",
              "cousin", "sibling", "siblings", "parents", "parent", "son", "daughter", "mom", "dad",
              "niece", "nephew", "grandparent", "grandparents", "relative", "relatives")

RELATIVE_HEADINGS = frozenset(_RELATIVES) | {f"{side} {rel}" for side in ("maternal", "paternal")
                                             for rel in _RELATIVES} | {"mgm", "mgf", "pgm", "pgf"}

_CUES: tuple[tuple[str, str, int, int, bool], ...] = (
    # negation before the finding
    *((p, _NEG, _F, 0, False) for p in (
        "no", "no evidence of", "no signs of", "no sign of", "no symptoms of", "no history of", "no hx of",
        "no complaints of", "no known", "no new", "no further", "no longer has", "no longer", "negative for",
        "free of", "absence of", "absent", "denies", "denied", "deny", "denying", "without", "w/o",
        "never had", "never", "ruled out for", "rules out", "not have", "not had", "does not have",
        "did not have", "has not had", "have not had", "not experiencing", "not experienced",
        "no episodes of", "not any", "nor", "neither")),
    ("not", _NEG, 4, 0, False),
    ("resolved", _NEG, 2, 0, True),
    ("neg for", _NEG, _F, 0, False),  # "LP neg for meningitis", "Neg for influenza A/B"
    ("neg", _NEG, 0, 4, True),  # "influenza PCR neg"
    # negation after the finding
    *((p, _NEG, 0, _B, False) for p in (
        "was ruled out", "is ruled out", "has been ruled out", "were ruled out", "ruled out", "is negative",
        "was negative", "were negative", "unlikely", "is unlikely", "has resolved", "have resolved", "resolved",
        "was excluded", "were excluded", "is excluded", "excluded", "absent", "is absent", "are absent",
        "was absent", "not present", "is not present", "are not present", "not seen", "not found",
        "not identified", "not noted", "not detected", "not appreciated", "not demonstrated", "not evident",
        "not visualized", "not observed", "not elicited", "denied", "was denied", "were denied", "is denied",
        "are denied", "cured", "no longer present", "gone", "not a concern")),
    ("negative", _NEG, 0, 4, True),
    ("negative", _NEG, 6, 0, True),
    *((p, _NEG, 0, 6, False) for p in (
        "now resolved", "since resolved", "which resolved", "that resolved", "which has resolved",
        "that has resolved", "now cleared", "has cleared", "cleared", ": no", ": none", ": denies", ": denied",
        ": negative", ": absent", "- no", "- none", "- negative", "(-)", "not currently present")),
    *((p, _NEG, _F, 0, False) for p in (
        "lack of", "lacks", "failed to reveal", "fails to reveal", "did not reveal", "does not reveal",
        "did not show", "does not show", "not showing", "no findings of", "no suggestion of", "not suggestive of",
        "not consistent with", "inconsistent with", "no radiographic evidence of", "no clinical evidence of",
        "without evidence of", "without signs of", "not complaining of", "negative workup for", "no features of")),
    *((p, _NEG, 0, _B, False) for p in ("not likely", "is not likely", "doubtful", "is doubtful", "not suspected",
                                         "is not suspected", "not favored", "not supported")),
    *((p, _NEG, _F, 0, False) for p in ("recovered from", "recovery from", "cleared of")),
    *((p, _NEG, 0, 4, False) for p in ("healed", "has healed", "have healed", "recovered", "has recovered")),
    ("?", _UNC, 6, 0, True),
    *((p, _HIS, _F, 0, False) for p in ("completed treatment for", "treated for", "was treated for")),
    *((p, _NEG, _F, 0, False) for p in ("resolution of", "no recurrence of", "no recurrent", ": no", "- no",
                                        ": denies", ": denied", ": absent", ": negative for", "- negative for")),
    ("none", _NEG, 0, 3, True),
    # family, and other people the patient lives or works with: their illness is not the patient's
    *((p, _FAM, 8, 0, False) for p in (
        "husband", "wife", "spouse", "partner", "roommate", "boyfriend", "girlfriend", "coworker",
        "co-worker", "classmate", "classmates", "household member", "household members",
        "household contact", "sick contact", "sick contacts", "close contact")),
    *((p, _FAM, 8, 0, False) for p in (
        "family history of", "family history significant for", "family history positive for",
        "family history", "family hx of", "family hx", "fh of", "fhx", "fh", "mother", "father", "sister",
        "brother", "grandmother", "grandfather", "aunt", "uncle", "cousin", "sibling", "siblings", "mom", "dad",
        "maternal", "paternal", "first-degree relative", "first degree relative", "both parents", "parents have",
        "parents with", "family members with", "relatives with",
        "family history is positive for", "family history is significant for", "family history is notable for",
        "family history notable for", "family history remarkable for", "family history is remarkable for",
        "family history includes", "family history positive", "family medical history", "fam hx")),
    *((f"in {pr}{rel}", _FAM, 0, _B, False) for rel in _RELATIVES for pr in ("her ", "his ", "the ", "a ", "")),
    *((p, _FAM, 0, _B, False) for p in ("runs in the family", "runs in her family", "runs in his family",
                                        "in the family", "in family members", "in multiple relatives")),
    # personal history (past, not active)
    *((p, _HIS, 12, 0, False) for p in (
        "history of", "h/o", "hx of", "past history of", "past medical history of", "previous", "previously",
        "prior", "remote", "remote history of", "status post", "s/p", "childhood", "history significant for",
        "history is significant for", "history notable for", "history is notable for", "history positive for",
        "history remarkable for", "history is remarkable for", "history includes", "past medical history",
        "medical history significant for", "pmh significant for", "pmh of", "pmh", "past surgical history",
        "psh", "hx", "former", "formerly")),
    *((p, _HIS, 0, 4, False) for p in ("in the past", "years ago", "as a child", "in childhood", "previously",
                                       "in remission")),
    # uncertainty and hypotheticals, before the finding
    *((p, _UNC, _F, 0, False) for p in (
        "rule out", "r/o", "to rule out", "ruling out", "possible", "possibly", "probable", "probably",
        "likely", "most likely", "suspected", "suspect", "suspicion of", "suspicion for", "suspicious for",
        "concern for", "concerning for", "worrisome for", "worry for", "question of", "questionable",
        "evaluate for", "evaluation for", "eval for", "assess for", "work up for", "workup for", "w/u for",
        "differential includes", "differential diagnosis", "differential", "ddx", "may have", "may be",
        "might have", "might be", "could be", "presumed", "presumptive", "cannot exclude", "can not exclude",
        "cannot rule out", "can not rule out", "can't rule out", "unable to exclude", "screen for",
        "screening for", "at risk for", "at risk of", "risk of", "risk for", "versus", "vs", "vs.",
        "if", "should", "in case", "in case of", "in the event of", "unless", "return if", "call if",
        "watch for", "monitor for", "precautions", "whether", "prevent", "prevention of", "prophylaxis for",
        "not certain if", "uncertain if", "unclear if", "not sure if", "suggestive of", "may represent",
        "could represent", "possibly representing", "possibly represents", "equivocal for", "indeterminate for",
        "return for", "return to the ed for", "return to ed for", "call for", "seek care for",
        "seek medical attention for", "seek medical attention if", "come back if", "report any", "as needed for",
        "prn for", "in the event", "when needed for", "to prevent", "risk factors for", "presumably", "perhaps",
        "maybe", "appears to be", "appears to have", "seems to be", "thought to be", "felt to be", "query",
        "questionably", "less likely", "to avoid", "avoid", "reduce the risk of", "to reduce the risk of",
        "prevention of", "preventive", "prophylactic", "for possible", "for suspected", "equivocal",
        "exposure to", "exposed to", "contact with")),
    # uncertainty after the finding (a comma ends it: "cough, likely viral" keeps the cough)
    *((p, _UNC, 0, 4, True) for p in (
        "is suspected", "suspected", "is possible", "possible", "is likely", "likely", "is probable", "probable",
        "is questionable", "questionable", "versus", "vs", "vs.", "cannot be excluded", "can not be excluded",
        "cannot be ruled out", "can not be ruled out", "could not be excluded", "could not be ruled out",
        "not excluded", "not yet excluded", "is not excluded", "not ruled out", "not yet ruled out",
        "not been ruled out", "not been excluded", "prophylaxis", "screening", "is a concern", "?",
        "is in the differential", "in the differential", "to be ruled out", "to be excluded", "less likely",
        "is less likely", "is presumed", "presumed", "screen", "exposure")),
    # affirmation right after a finding ends a negation from before it ("no dyspnea, wheezing present")
    *((p, "affirm", 0, 2, True) for p in ("present", "is present", "are present", "was present", "noted",
                                          "is noted", "are noted", "seen", "is seen", "positive", "persists")),
    # pseudo cues: look like triggers, are none
    *((p, _PSEUDO, 0, 0, False) for p in (
        "not only", "no increase", "no change", "no significant change", "no interval change", "no worsening",
        "not necessarily", "not cause", "not caused by", "gram negative", "gram-negative", "without difficulty",
        "no new complaints", "history of present illness", "history of the present illness",
        "history and physical", "not responding", "not improved", "not improving", "not well controlled",
        "not controlled", "not resolved", "has not resolved", "not fully resolved", "no relief", "no better",
        "not better", "not helped", "if any", "as needed", "not been able", "not able", "prior to")),
    # terminators: a scope stops here
    *((p, _TERM, 0, 0, False) for p in (
        "but", "however", "yet", "although", "though", "except", "except for", "aside from", "apart from",
        "other than", "which", "who", "presents", "presented", "presenting", "reports", "reported", "reporting",
        "complains", "complaining", "complains of", "endorses", "endorsing", "endorsed", "admits", "admitting",
        "positive for", "significant for", "present", "now", "currently", "still", "secondary to", "due to",
        "caused by", "persists", "persistent", "remains", "ongoing", "continues", "has developed", "developed",
        "diagnosis is", "diagnosed with", "is favored", "confirmed", "consistent with")),
)

# a family scope also stops at the patient ("mother had X; patient has Y", "father had X and she has Y")
_FAMILY_STOP = frozenset(("patient", "pt", "he", "she", "himself", "herself", "the patient", "patient's"))
_POSITIVE = frozenset(("except", "except for", "other than", "positive", "positive for", "reports", "reported", "endorses", "endorsed", "admits", "complains of",
                       "complains", "significant for"))

# Negation phrases that negate a finding whose matched words lie on both sides of them; single
# words ("without", "no") are left out: index terms contain them ("diabetes without complication").
_INSIDE_NEG = frozenset(("negative for", "neg for", "no evidence of", "negative workup for", "ruled out for"))

_WORD = re.compile(r"[a-z0-9/\-']+")
# "i26.99", "2.5 cm" do not end a clause, nor "?pneumonia" / "? pneumonia" (a query: uncertain)
_CLAUSE_END = re.compile(r"[;!\n]|\.(?!\d)|\?(?!\s?[a-z])")


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, list[tuple[str, int, int, bool]]]]:
    by: dict[str, list[tuple[str, int, int, bool]]] = {}
    for p, cat, fw, bw, comma in _CUES:
        by.setdefault(p, []).append((cat, fw, bw, comma))
    for p in _FAMILY_STOP:
        by.setdefault(p, []).append(("family-stop", 0, 0, False))
    alts = sorted(by, key=len, reverse=True)
    pat = re.compile("|".join(("(?<![a-z0-9])" if p[0].isalnum() else "") + re.escape(p)
                              + ("(?![a-z0-9])" if p[-1].isalnum() else "") for p in alts))
    return pat, by


_WRAPPED = re.compile(r"(?:,|\b(?:of|and|or|with|the|a|for|to|in|on|at|nor|any))[ \t]*$")


def _ends(low: str, m: re.Match[str]) -> bool:
    """A line break inside a wrapped sentence ("shortness of\nbreath", "chest pain,\ncough") is no end."""
    if m.group(0) != "\n":
        return True
    line_start = low.rfind("\n", 0, m.start()) + 1
    nxt = low[m.end(): m.end() + 1]
    return not (_WRAPPED.search(low, line_start, m.start()) and nxt.isalpha())


def clause(low: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    b = lo  # no endpos on finditer: the lookaheads must see the text after the window
    for m in _CLAUSE_END.finditer(low, lo):
        if m.start() >= start:
            break
        if _ends(low, m):
            b = m.end()
    e = min(len(low), end + 400)
    for m in _CLAUSE_END.finditer(low, end):
        if m.start() >= e:
            break
        if _ends(low, m):
            e = m.start()
            break
    return b, e


def _reaches(gap: str, limit: int, comma: bool, blockers: list[tuple[int, int, str]], lo: int, hi: int,
             family: bool) -> bool:
    if limit <= 0 or len(_WORD.findall(gap)) > limit or (comma and "," in gap):
        return False
    for s, e, kind in blockers:
        if s >= lo and e <= hi and (kind == _TERM or (family and kind == "family-stop")):
            return False
    return True


def judge(low: str, start: int, end: int, section: str) -> str:
    """'negated' | 'family' | 'history' | 'uncertain' | 'active' for the finding at low[start:end]."""
    pat, by = _table()
    cb, ce = clause(low, start, end)
    cues = [(m.start(), m.end(), m.group(0)) for m in pat.finditer(low, cb, ce)] if cb < ce else []
    inside = [p for s, e, p in cues if start < s and e < end and p in _INSIDE_NEG]
    if inside:  # "endometrial bx negative for hyperplasia": the cue sits between the finding's words
        return _NEG
    cues = [(s, e, p) for s, e, p in cues if e <= start or s >= end or p in ("versus", "vs", "vs.")]
    blockers = [(s, e, cat) for s, e, p in cues for cat, *_ in by[p] if cat in (_TERM, "family-stop")]
    hits: set[str] = set()
    for s, e, p in cues:
        for cat, fw, bw, comma in by[p]:
            if cat in (_TERM, _PSEUDO, "family-stop"):
                continue
            if e <= start and _reaches(low[e:start], fw, comma, blockers, e, start, cat == _FAM):
                hits.add(cat)
                if cat == _NEG and "," not in low[e:start]:
                    hits.add("negated-near")
            elif s >= end and _reaches(low[end:s], bw, comma, blockers, end, s, cat == _FAM):
                hits.add(cat + "-after" if cat == _NEG else cat)
            elif s < end and e > start:  # "x versus y" matched as one span
                hits.add(cat)
    if "affirm" in hits and "negated-near" not in hits:
        hits.discard(_NEG)  # "no x, y present": the cue's list ended at the comma ("no rash present" stays negated)
    if _NEG + "-after" in hits:
        hits.add(_NEG)
    for cat in (_FAM, _NEG, _UNC, _HIS):
        if cat in hits:
            return cat
    if section == "family":
        return _FAM
    if section == "neg":
        positive = any(p in _POSITIVE and e <= start for s, e, p in cues)
        return "active" if positive else _NEG
    if section == "uncertain":
        return _UNC
    if section == "history":
        return _HIS
    return "active"
