import json, sys
from sentences import A, B, C
from notes import N
POOL = [
 "Medications were reconciled and the after-visit summary was reviewed with the patient, who verbalized understanding.",
 "Total time spent on the date of service was 35 minutes, including chart review, counseling, and documentation.",
 "Questions were answered, and the patient agrees with the plan as outlined above.",
 "Allergies reviewed and unchanged; no known drug allergies.",
 "Care was discussed with the attending physician, who agrees with the assessment and plan.",
 "The family was updated at the bedside and all of their questions were answered.",
 "Return precautions were reviewed in detail and written instructions were provided.",
 "Vital signs otherwise within normal limits for age.",
]
out = []
k = 0
for i,(t,c,n) in enumerate(N,1):
    while len(t.split()) < 85:
        t = t + " " + POOL[k % len(POOL)]; k += 1
    out.append({"id": f"n{i:02d}", "text": t, "codes": c, "negated": n})
with open("/work/evalsets/icd/notes.jsonl","w") as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=True)+"\n")
S = A + B + C
with open("/work/evalsets/icd/sentences.jsonl","w") as f:
    for i,(t,c,n) in enumerate(S,1):
        f.write(json.dumps({"id": f"s{i:03d}", "text": t, "codes": c, "negated": n}, ensure_ascii=True)+"\n")
print("sentences", len(S), "A", len(A), "B", len(B), "C", len(C), "notes", len(out))
