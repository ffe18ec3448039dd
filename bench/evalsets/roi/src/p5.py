from p1 import P
P("Agnes Whitlow", "QX0917734", "1931-02-03", """NURSING PROGRESS NOTE - 4 East Medical
Brightwater Regional Medical Center

Patient: <<name:p|Agnes Whitlow>>, <<date:p|94-year-old>> female   MRN <<mrn:p|QX0917734>>   DOB <<date:p|02/03/1931>>
Shift: <<date:p|3/21/2025>> 19:00 - <<date:p|3/22/2025>> 07:00

Identity: Patient identity confirmed at admission by palm-vein scan, enrollment ID <<biometric:p|PV-0093-4471>>, in addition to name and date of birth, because the patient is hard of hearing.

Assessment: Alert, oriented to person and place. Right hip incision clean and dry, staples intact. Pain 4/10 at rest. Lungs diminished at bases; incentive spirometer 750 mL. Voiding via external catheter. Skin: stage 1 pressure injury on sacrum, foam dressing applied. Bed alarm on. Hearing aids removed and stored in labeled case at bedside (left aid serial <<device:p|HA-L-3318204>>).

Medications: 22:15 <<keep|oxycodone>> 2.5 mg PO given for pain 6/10. Dispensing cabinet override was required because pharmacy verification was pending; override performed by float RN using fingerprint log-in, cabinet biometric ID <<biometric:o|FPX-55102>>. Pharmacy notified.

<<keep|Enoxaparin>> 40 mg subcut at 21:00.

Events: At 02:40 patient attempted to get out of bed to "find Harold" (late husband). Reoriented. No fall.

Family: Daughter and health care power of attorney <<name:o|Bernadette Whitlow-Carr>> called at 20:10 from work line <<phone:o|(555) 640-1120 x 32>>; updated on plan. Her cell <<phone:o|555.640.8873>>. Granddaughter <<name:o|Kayla Carr>> plans to visit tomorrow.

Plan: PT evaluation in AM for weight bearing as tolerated after <<keep|hemiarthroplasty>>. Continue delirium precautions, lights on days/off nights, glasses and hearing aids on when awake.

<<keep|Renee Okoro, RN>>
""")

P("Hyun-woo Park", "QX2204581", "1972-09-12", """TRANSPLANT NEPHROLOGY - LIVING DONOR EVALUATION SUMMARY (RECIPIENT CHART)
Brightwater Transplant Institute

Recipient: <<name:p|Hyun-woo Park>>    MRN: <<mrn:p|QX2204581>>    DOB: <<date:p|9/12/1972>>
UNOS waitlist ID: <<other-id:p|WL-4470129>>    Listing date: <<date:p|January 9, 2024>>
Diagnosis: <<keep|end-stage renal disease>> due to <<keep|IgA nephropathy>>; on hemodialysis since 2023.

Proposed living donor: brother, <<name:o|Min-jun Park>>
Donor DOB: <<date:o|4/27/1975>>    Donor MRN (separate chart): <<mrn:o|QX2204590>>
Donor address: <<geographic:o|2731 Linden Hollow Drive>>, <<geographic:o|Perrysville, OH 44864>>
Donor phone: <<phone:o|555-377-4419>>

+-----------------------+-----------------+-----------------+
| Test                  | Recipient       | Donor           |
+-----------------------+-----------------+-----------------+
| ABO                   | A+              | A+              |
| HLA mismatch          |        3 of 6 (A, B, DR)          |
| Flow crossmatch T     | negative                          |
| Flow crossmatch B     | negative                          |
| cPRA                  | 12%             | n/a             |
| eGFR                  | 8 (dialysis)    | 104             |
+-----------------------+-----------------+-----------------+

Donor results are summarized here with the donor's written consent only to the extent needed for the recipient's care. Donor medical details are in the donor's own chart and must not be released with the recipient's records.

Independent living donor advocate: <<name:o|Celeste Amundsen>>, LISW, <<email:o|c.amundsen@brightwater-example.org>>.

Recipient dialysis unit: Riverbend Dialysis, <<geographic:o|60 Canal Street>>, <<geographic:o|Riverton, OH 44870>>, fax <<fax:o|555-818-2290>>. Dialysis access: left brachiocephalic AV fistula.

Plan: Committee approved on <<date:p|08/20/2025>>. Tentative surgery date <<date:p|10/07/2025>>. Recipient to start <<keep|tacrolimus>>, <<keep|mycophenolate>> and <<keep|prednisone>> per protocol.

<<keep|Hana Moravec, MD>>, Transplant Nephrology
""", style="mono")

P("William Sorensen", "QX8830016", "1955-11-30", """PATIENT REGISTRATION - FACE SHEET                     Brightwater Regional Medical Center
-------------------------------------------------------------------------------------------
PATIENT
  Name (Last, First MI) ..... <<name:p|SORENSEN, WILLIAM T>>   Preferred name: <<name:p|Bill>>
  MRN ....................... <<mrn:p|QX8830016>>       Encounter/Account ..... <<account:p|E-25091100871>>
  DOB ....................... <<date:p|11/30/1955>>      Sex: M   Marital: Widowed
  SSN ....................... <<ssn:p|512 44 9087>>
  Address ................... <<geographic:p|4090 County Road 17>>
                              <<geographic:p|Greenhaven, OH 44851>>   County: <<geographic:p|Huron County>>
  Home phone ................ <<phone:p|(555) 228-1904>>   Mobile: <<phone:p|555-228-7716>>
  Email ..................... <<email:p|bsorensen55@examplemail.net>>
  Driver license ............ <<license:p|OH SK902144>>
  Photo on file ............. <<photo:p|[registration photo: patient face, front view]>>

EMERGENCY CONTACT
  Name ...................... <<name:o|Kristin Sorensen-Yates>> (daughter)
  Phone ..................... <<phone:o|555-913-0082>>
  Address ................... <<geographic:o|17 Quail Run Court>>, <<geographic:o|Westerly, OH 44890>>

GUARANTOR                     Self

PRIMARY INSURANCE
  Payer ..................... Medicare Part A and B
  MBI ....................... <<health-plan:p|1EG4-TE5-MK73>>
SECONDARY INSURANCE
  Payer ..................... Ohio Farm Retirees Supplemental
  Subscriber ID ............. <<health-plan:p|OFR-0099217-00>>
  Group no. ................. OFRS-18

VISIT
  Admit date/time ........... <<date:p|09/11/2025>> 06:15     Type: Elective surgery
  Attending ................. <<keep|Dr. Kwame Asante>>, Orthopedics
  Reason .................... <<keep|Primary osteoarthritis, left knee>> - total knee arthroplasty
  Advance directive ......... On file (scanned <<date:p|09/02/2025>>)
  Registered by ............. <<name:o|Tonya Mercer>> (Patient Access), user ID <<other-id:o|PAX1187>>

Previous name used by another patient in the index (<<name:o|William T. Sorenson>>, different DOB) - duplicate check completed, not the same person.
-------------------------------------------------------------------------------------------
""", style="mono")

P("Penelope Lockhart", "QX6712208", "1988-04-19", """TELEHEALTH VISIT - Behavioral Health Follow-up
Brightwater Regional Medical Center Virtual Care

Patient: <<name:p|Penelope Lockhart>>   MRN: <<mrn:p|QX6712208>>   DOB: <<date:p|April 19, 1988>>
Visit: <<date:p|Tuesday 02/04/2025>> 16:00-16:35, video
Patient location: home, <<geographic:p|Ashdale, OH 45231>> (confirmed for licensure)
Session link: <<url:p|https://vc.brightwater-example.org/room/7QK2-PL19>>
Connection: patient device IP <<ip:p|98.213.44.160>>; identity verified by voiceprint match, enrollment <<biometric:p|VX-88213-P>>, and DOB.

Subjective: 36-year-old woman with <<keep|generalized anxiety disorder>> and <<keep|panic disorder>> reports fewer panic attacks (1 in past month, was 4-5). Sleep improved. Still avoiding highway driving. She mentions conflict with a coworker, <<name:o|Penny Ashcroft>> (same first name, which causes mix-ups at work), and that her manager <<name:o|Grant Hollister>> approved a flexible schedule.

Her partner <<name:o|Jordan Reyes-Klein>> joined the last five minutes at her request.

Mental status: Well groomed, calm, good eye contact on video. Mood "better." Affect reactive. Denies SI/HI. No psychotic symptoms.

Scales: GAD-7 9 (was 16). PHQ-9 5.

Assessment: GAD, improving. Panic disorder, improving.

Plan:
1. Continue <<keep|escitalopram>> 15 mg daily.
2. Continue CBT with therapist <<keep|Leah Morgenstern, LPCC>>; exposure hierarchy for highway driving.
3. Work letter for flexible schedule - faxed to employer HR at her request, fax <<fax:o|555-671-3040>>, attention <<name:o|Marnie Ocampo>>.
4. Next visit in 6 weeks, <<date:p|March 18>>.

Technology note: brief disconnection at 16:21; reconnected from patient's phone (IP <<ip:p|172.58.19.233>>).

<<keep|Oluwaseun Adeyemi, MD>>
""")

P("Frank Osei", "QX1466093", "1963-07-07", """DISCHARGE SUMMARY
Brightwater Regional Medical Center - Urology Service

PATIENT: <<name:p|Frank Osei>>          MRN: <<mrn:p|QX1466093>>
DOB: <<date:p|07-07-1963>>               ADMIT: <<date:p|06-23-2025>>    DISCHARGE: <<date:p|06-26-2025>>
ATTENDING: <<keep|Dr. Nikhil Varma>>

PRINCIPAL DIAGNOSIS: <<keep|Gross hematuria>> with clot retention.
SECONDARY DIAGNOSES: <<keep|Benign prostatic hyperplasia>>; <<keep|atrial fibrillation>> on <<keep|apixaban>>; <<keep|type 2 diabetes>>.

HISTORY: 61-year-old man presented with two days of <<keep|frank hematuria>> and inability to void. <<keep|Frank discussion>> held with patient about anticoagulation risks.

HOSPITAL COURSE: A 22 Fr three-way <<keep|Foley catheter>> was placed in the ED with removal of 300 mL of clot, and continuous bladder irrigation was started. Apixaban was held. Hemoglobin nadir 9.8. CT urogram showed an enlarged prostate (92 g) without upper tract lesion. Cystoscopy on <<date:p|6/24>> showed friable prostatic vessels, no bladder tumor; fulguration performed. Irrigation stopped <<date:p|6/25>>. Passed voiding trial on day of discharge.

DEVICES: Implantable loop recorder in place (serial <<device:p|RNB-220914-7713>>), placed in 2022 for cryptogenic stroke workup; not interrogated this admission.

DISCHARGE MEDICATIONS: <<keep|tamsulosin>> 0.4 mg daily; <<keep|finasteride>> 5 mg daily (new); resume apixaban 5 mg BID on <<date:p|June 28>> per cardiology; <<keep|metformin>> 1000 mg BID.

FOLLOW-UP: Urology clinic in 3 weeks. Cardiology (<<keep|Dr. Amara Lindqvist>>) aware.

SOCIAL: Lives with wife <<name:o|Abena Osei>>, who will drive him home; she asked to be called at <<phone:o|555-308-6620>>. Son <<name:o|Kofi Osei>> (physician in Columbus, not involved in care) requested a copy of this summary; patient declined.

Dictated by <<keep|Nikhil Varma, MD>> <<date:p|06-26-2025>>; transcribed by job no. <<other-id:o|T-4418207>>.
""")

P("Lamar Pettiford", "QX3093772", "1990-05-28", """OCCUPATIONAL HEALTH SERVICES - POST-ACCIDENT EXAMINATION AND DRUG SCREEN
Brightwater Occupational Health, <<geographic:o|300 Industrial Parkway>>, <<geographic:o|Millbrook, OH 45067>>

EMPLOYEE/PATIENT
Name: <<name:p|Lamar Pettiford>>     MRN <<mrn:p|QX3093772>>     DOB <<date:p|5/28/1990>>
SSN: <<ssn:p|300558812>>               Employee ID: <<other-id:p|EMP-20417>>
Date of injury: <<date:p|Wed, 9 July 2025>>, approx. 13:30
Workers' compensation claim no.: <<other-id:p|BWC 25-744019>>

EMPLOYER
Company contact: <<name:o|Sheila Brandt>>, Safety Manager, phone <<phone:o|555-266-4100 ext. 207>>, email <<email:o|sbrandt@ohiovalleymetal-example.com>>
Supervisor who witnessed the incident: <<name:o|Ray Castellanos>>

HISTORY: 35-year-old machine operator whose left hand was caught in a press brake guard. Laceration to left index finger.

EXAM: 2.5 cm laceration over dorsal left index proximal phalanx, extensor tendon intact, sensation intact. X-ray: no fracture or foreign body.

TREATMENT: Irrigation, 4 sutures 5-0 nylon. <<keep|Tdap>> given. Return for suture removal in 10 days.

DOT DRUG AND ALCOHOL TESTING
Custody and control form no.: <<other-id:p|CCF 0447192>>
Specimen ID: <<other-id:p|SPX-7731004>>
Collector: <<name:o|Monica Haight>>
Donor identity verified with photo ID; donor right thumbprint on form: <<biometric:p|[right thumbprint impression]>>
Breath alcohol: 0.000 (device serial <<device:o|EBT-44102-C>>)
Temperature of specimen in range: [X] Yes

WORK STATUS: Modified duty, no use of left hand for gripping, through <<date:p|07/19/2025>>.

<<keep|Beatrice Lang, DO>>, Occupational Medicine
""", style="mono")

P("Ivy Chen-Lowry", "7731-2204", "1997-11-11", """BLOOD BANK / TRANSFUSION SERVICE REPORT
Brightwater Regional Medical Center

Patient: <<name:p|Ivy Chen-Lowry>>        Med Rec No. <<mrn:p|7731-2204>>        DOB <<date:p|11.11.1997>>
Location: L&D Recovery 3          Collected: <<date:p|12/30/2025>> 04:12

TYPE AND SCREEN
ABO/Rh: O NEG
Antibody screen: Positive - anti-D, consistent with <<keep|Rh immune globulin>> given at 28 weeks
DAT: negative

UNITS ISSUED
Unit number (ISBT 128)     Product              ABO/Rh    Expires       Issued     Vol
<<other-id:o|W0417 25 448812>>            RBC, leukoreduced    O NEG     01/21/2026    05:02      300 mL
<<other-id:o|W0417 25 448830>>            RBC, leukoreduced    O NEG     01/24/2026    05:02      296 mL
<<other-id:o|W2291 25 007713>>            Plasma, thawed       AB        01/02/2026    05:40      270 mL

TRANSFUSION REACTION: none reported.

Indication: <<keep|postpartum hemorrhage>> due to uterine atony, EBL 1800 mL, massive transfusion protocol activated at 04:20, deactivated 06:05.

Note: Donor identities are held by the regional blood supplier and are not part of this record. Unit numbers identify donations and donors and must be treated as other persons' identifiers.

Specimen verification: second sample drawn by <<keep|Tessa Morrow, RN>>, witnessed. Earlier specimen from the same bed, labeled for the prior occupant <<name:o|Gabriela Funes>> (MRN <<mrn:o|7731-2240>>, not this patient), was rejected.

Cord blood: infant type A POS, DAT negative (baby's record, MRN <<mrn:o|7731-2291>>).

Medical Director: <<keep|Dr. Ivan Petrosyan>>
Reported <<date:p|30 Dec 2025>> 06:48
""", style="mono")
