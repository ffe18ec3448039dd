"""Known clinical vocabulary: what ordinary medical English looks like, independent of the seed.

The classifier abstains as ``unfamiliar-vocabulary`` when too few of a document's words are
known. "Known" must mean medical English in general, not the seed templates' words, or an echo
report or a clinic letter in ordinary clinical language would be refused. The word list is
built from the ICD-10-CM tabular list that ``simple-icd-10-cm`` ships (descriptions, inclusion
terms, notes: about 11,500 distinct words), plus the common English and clinical-report words
below, plus word shapes that are medical whatever the word (drug-name stems such as ``-pril``,
``-olol``, ``-statin``; procedure and disease suffixes such as ``-ectomy``, ``-itis``).
Gibberish and other languages stay unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[a-z][a-z&']+")

# Drug-name stems (USAN/INN) and medical word endings: a word of this shape is clinical.
MEDICAL_SHAPE = re.compile(
    r"(?:pril|sartan|olol|alol|dipine|statin|gliptin|gliflozin|glutide|formin|azole|conazole|"
    r"cillin|mycin|micin|cycline|floxacin|cef\w+|sulfa\w*|vir|navir|previr|mab|nib|tinib|zumab|ximab|"
    r"parin|xaban|gatran|prazole|tidine|setron|triptan|azepam|zolam|barbital|oxetine|aline|"
    r"ipramine|triptyline|peridol|apine|idone|profen|fenac|coxib|olone|asone|isone|"
    r"terol|tropium|lukast|thiazide|semide|relin|caine|curium|uronium|fentanil|codone|"
    r"morphone|phine|dronate|tretinoin|vastatin|platin|rubicin|taxel|poetin|grastim|"
    r"ectomy|otomy|ostomy|oplasty|plasty|scopy|scopic|ogram|ography|graphic|itis|emia|osis|oses|"
    r"pathy|algia|megaly|plegia|paresis|trophy|ectasis|rrhea|rrhage|uria|penia|"
    r"cytosis|lysis|genic|ocardial|ocyte|ocytes|ectomies)$")

COMMON_WORDS = frozenset("""
a about above across after afterward afterwards again against ago all allergies allergy almost
alone along already also although always am among an and another any anything appear appears
appeared are around as ask asked at available away back based be because been before began begin
being below best better between both brief briefly brought but by call called came can cannot
case cases certain change changed changes check checked clear clearly close come comes continue
continued could current currently daily date day days did do does doing done down due during each
early either else end enough entire entirely especially even ever every everything except
fair far few final first following for found four from full further given gives go going good got
great had has have having he her here hers herself high him himself his history how however if
important in include included including instead into is it its itself just keep kept known large
last later least left less let like likely little long look looked low made main make makes many
may maybe me mild minimal more most mostly much must my near nearly need needed needs neither never
new next no none nor not note noted notes nothing now of off often old on once one only onto or
other others otherwise our out over overall own part past per perhaps placed please possible
possibly present previous previously prior probably put quite rather read really reason recent
recently regarding remains remained right same saw say says second seen seems seen several shall
she should show showed shown shows side since six small so some something sometimes soon still
such sure take taken taking ten than thank thanks that the their them themselves then there
therefore these they thing things think third this those though three through thus time times to
today together tomorrow told too took toward towards twice two under unless until up upon us use
used using usual usually very via was way we week weeks well went were what when where whether
which while who whom whose why will with within without would year years yes yesterday yet you
your zero eight nine seven five hour hours minute minutes month months morning evening night
tonight overnight noon am pm approximately about prn bid tid qid qhs qd po iv im sq subq pr sl
mg mcg ml kg cm mm mmhg bpm hr rr bp spo temp tmax wt ht bmi ra nc lpm
patient patients pt pts mr mrs ms dr md do np pa rn lpn staff nurse nursing physician physicians
doctor doctors provider providers surgeon surgeons attending resident fellow team service services
department clinic clinics office hospital hospitals unit ward floor bed bedside room home facility
visit visits encounter appointment appointments return returns returned returning follow followup
followed seen see seeing evaluated evaluation evaluate assess assessed assessment plan plans
planned subjective objective impression impressions interpretation interpreted conclusion
conclusions summary findings finding result results report reports reported reporting
denies denied deny endorses endorsed admits admitted admission admit admitting discharged
discharge discharging transfer transferred presented presents presenting complains complaint
complaints states stated says feels feeling felt describes described notes tolerating tolerated
tolerate afebrile febrile nontender tender nondistended distended soft supple benign unremarkable
remarkable intact grossly normal abnormal negative positive equivocal stable unstable improved
improving improvement worsening worsened worse unchanged resolved resolving persistent ongoing
exam examination examined inspection palpation auscultation percussion vitals vital signs
heent neck lungs lung heart abdomen extremities skin neuro neurologic psych general constitutional
alert oriented awake cooperative comfortable distress acute chronic moderate severe mildly
moderately severely markedly slightly trace small large tiny diffuse focal bilateral unilateral
left right upper lower anterior posterior lateral medial proximal distal superior inferior
regular irregular rate rhythm murmur murmurs rub gallop wheeze wheezes wheezing crackles rales
rhonchi clear clearance edema pulses pulse sensation strength reflexes gait range motion
tablet tablets capsule capsules dose doses dosing dosage oral orally topical inhaled inhaler
nebulizer injection infusion drip bolus units unit refill refills prescription prescribed
prescribe medication medications med meds drug drugs regimen therapy treatment treatments treated
treat started start starting stop stopped stopping hold held resume resumed restart increase
increased decrease decreased taper tapered titrate titrated wean weaned change switch switched
lab labs laboratory levels level value values range reference specimen specimens sample samples
collected received culture cultures sensitivity susceptibility susceptible resistant gram stain
smear panel count counts differential chemistry hematology urinalysis serum plasma blood urine
imaging study studies image images view views contrast technique comparison protocol
radiology radiologist radiograph scan scans ct mri mr us xr cxr pet echo ultrasound doppler
sonogram sonography fluoroscopy mammogram tomosynthesis axial coronal sagittal sequences
weighted enhancement enhancing enhanced attenuation density dense opacity opacities lucency
ventricle ventricular atrium atrial valve valves systolic diastolic ejection fraction wall motion
hypokinesis hypokinetic akinesis akinetic dyskinesis regurgitation stenosis estimated measured
measurement measurements dimension dimensions size sized cm mm indication indications indicated
procedure procedures performed perform prepped draped sterile fashion incision incised closed
closure suture sutures sutured stapled staples dressing dressings drain drains tourniquet
anesthesia anesthetic sedation general regional local lidocaine consent consented risks benefits
alternatives timeout time-out complications complication blood loss ebl specimens implants
operative preoperative postoperative intraoperative operation operating pacu recovery
diagnosis diagnoses diagnosed dx differential rule ruled likely unlikely suspected suspicious
consistent concern concerning suggest suggests suggestive recommend recommended recommendations
recommendation consult consulted consultation consultant requesting referring referred referral
reason question questions opinion input advise advised discussed discussion counseled
counseling education educated instructions instructed precautions understanding verbalized
agrees agreed agreement wishes family wife husband son daughter mother father spouse caregiver
lives living independent smoker smoking tobacco alcohol drinks drugs illicit occupation works
course hospitalization hospitalized stay disposition condition diet activity ambulating
ambulate ambulation weight bearing therapy pt ot pcp ed er icu ccu or ob gyn ent
pain painful ache aching discomfort pressure burning sharp dull nausea vomiting diarrhea
constipation fever fevers chills sweats fatigue tired weakness dizziness dizzy lightheaded
cough coughing sputum dyspnea shortness breath breathing orthopnea palpitations swelling rash
itching bleeding bruising headache headaches numbness tingling confusion confused appetite
intake output fluids fluid weight gain loss sleep sleeping mood anxiety stress
yo y/o male female man woman boy girl infant child children adult elderly old
signed electronically dictated transcribed reviewed verified attested cosigned addendum page
name dob mrn account room location sex age gender
""".split())


def tokens(text: str) -> list[str]:
    return [t.strip("'") for t in _TOKEN.findall(text.lower()) if len(t.strip("'")) >= 2]


@lru_cache(maxsize=1)
def icd_words() -> frozenset[str]:
    """Every word of the ICD-10-CM tabular list shipped by simple-icd-10-cm (a few seconds, once)."""
    import simple_icd_10_cm as icd  # ~100k codes parsed at import: only when the vocabulary is built

    words: set[str] = set()
    extra = (icd.get_inclusion_term, icd.get_includes, icd.get_excludes1, icd.get_excludes2,
             icd.get_notes, icd.get_code_also, icd.get_use_additional_code, icd.get_code_first)
    for code in icd.get_all_codes(with_dots=True):
        words.update(tokens(icd.get_description(code)))
        for get in extra:
            try:
                for phrase in get(code):
                    words.update(tokens(phrase))
            except (ValueError, KeyError, TypeError):
                continue
    return frozenset(words)


@lru_cache(maxsize=1)
def medical_words() -> frozenset[str]:
    """ICD-10-CM words plus common English and clinical-report words."""
    return icd_words() | COMMON_WORDS


def is_medical_shape(word: str) -> bool:
    return len(word) >= 5 and MEDICAL_SHAPE.search(word) is not None


__all__ = ["COMMON_WORDS", "MEDICAL_SHAPE", "icd_words", "is_medical_shape", "medical_words", "tokens"]
