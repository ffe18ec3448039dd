from p1 import P
P("Rosalind Achebe", "QX5029917", "1959-08-08", """ACCOUNTING OF ACCESS - ELECTRONIC HEALTH RECORD AUDIT TRAIL (EXCERPT)
Brightwater Regional Medical Center - Privacy Office
Prepared at the patient's request under 45 CFR 164.528

Patient: <<name:p|Rosalind Achebe>>   MRN: <<mrn:p|QX5029917>>   DOB: <<date:p|08/08/1959>>
Period: <<date:p|2025-06-01>> through <<date:p|2025-06-30>>
Privacy case: <<other-id:p|PRV-2025-0311>>

TIMESTAMP         USER ID    ROLE / NAME                           ACTION          SOURCE IP
<<date:p|2025-06-03>> 08:14  <<other-id:o|lmarsh2>>    RN, 6 West                            Chart open      <<ip:o|10.31.6.22>>
<<date:p|2025-06-03>> 09:02  <<other-id:o|sokafor>>    Attending (<<keep|Dr. Samuel Okafor>>)         Note signed     <<ip:o|10.31.2.105>>
<<date:p|2025-06-04>> 22:47  <<other-id:o|tmerc01>>    Patient Access, <<name:o|Tonya Mercer>>          Demographics    <<ip:o|10.31.9.14>>
<<date:p|2025-06-07>> 19:30  PORTAL     Patient self                          Results view    <<ip:p|24.160.88.201>>
<<date:p|2025-06-09>> 07:05  PORTAL     Proxy: <<name:o|Chidi Achebe>> (son)             Message sent    <<ip:o|107.77.210.4>>
<<date:p|2025-06-12>> 13:58  <<other-id:o|kwyatt9>>    Billing, <<name:o|Kendra Wyatt>>                 Account view    <<ip:o|10.40.1.77>>
<<date:p|2025-06-18>> 02:11  <<other-id:o|ajunker>>    Radiology tech, <<name:o|Alan Junker>>           Chart open      <<ip:o|10.31.4.9>>

FINDINGS: The access by user ajunker on <<date:p|June 18>> at 02:11 had no documented treatment, payment or operations purpose. The user stated that he opened the wrong chart while searching for a patient named <<name:o|Rosalyn Acheson>>. The matter was referred to Human Resources. The patient was notified by letter of <<date:p|July 2, 2025>>.

The access by user tmerc01 on <<date:p|June 4>> was to correct the patient's mailing address to <<geographic:p|220 Willow Bend Road>>, <<geographic:p|Perrysville, OH 44864>>, as requested by the patient by phone.

Contact: Privacy Officer <<name:o|Gwendolyn Ibsen>>, <<phone:o|555-877-2090>>, <<email:o|privacy@brightwater-example.org>>.
Page 1 of 2
""", style="mono")

P("Tomasz Wieczorek", "QX4419028", "1949-03-27", """PRIOR AUTHORIZATION REQUEST - OUTPATIENT IMAGING / SPECIALTY DRUG
Submitted by: Brightwater Regional Medical Center Rheumatology

SECTION 1 - MEMBER
Member name: <<name:p|Tomasz Wieczorek>>                Date of birth: <<date:p|03/27/1949>>
Medicare Beneficiary Identifier: <<health-plan:p|7TJ9-WQ2-NK41>>
Medicare Advantage plan ID: <<health-plan:p|HMA-330917442>>
Facility MRN: <<mrn:p|QX4419028>>
Member phone: <<phone:p|555-602-1847>>

SECTION 2 - PRESCRIBER
Name: <<keep|Dr. Svetlana Orlov>>, Rheumatology    NPI: <<keep|1629071184>>
Office contact: <<name:o|Yolanda Pierce>>, phone <<phone:o|555-877-2311 ext. 5>>, fax <<fax:o|555-877-2399>>

SECTION 3 - REQUEST
Drug: <<keep|tocilizumab>> 162 mg subcutaneous every week         Quantity: 4 syringes / 28 days
Diagnosis: <<keep|giant cell arteritis>> (M31.6) without polymyalgia
Start date requested: <<date:p|Nov. 3, 2025>>

SECTION 4 - CLINICAL INFORMATION
Temporal artery biopsy <<date:p|10/01/2025>>: granulomatous inflammation with giant cells. ESR 88, CRP 61 at presentation. Prednisone 60 mg started <<date:p|09/29/2025>>; plan steroid taper per GiACTA regimen. Visual symptoms resolved. Diabetes risk on long-term steroids (A1c 6.4).

Prior therapy: prednisone only. No prior biologic.

SECTION 5 - PLAN USE ONLY
Reference no.: <<other-id:p|PA-MA-25-1102448>>
Received by: <<name:o|D. Kaminski>>, fax <<fax:o|1-800-555-0147>>   Decision: ____________

Attestation: I certify that the information provided is true and accurate to the best of my knowledge.
Signature: <<keep|Svetlana Orlov, MD>>       Date: <<date:p|10/28/2025>>

Attached: pathology report, ESR/CRP, rheumatology consult note.
""")

P("Destiny Ramos", "QX7788410", "2001-01-17", """SOCIAL WORK NOTE - Emergency Department
Brightwater Regional Medical Center

Patient: <<name:p|Destiny Ramos>>   MRN: <<mrn:p|QX7788410>>   DOB <<date:p|01/17/2001>>
Date: <<date:p|11/22/2025>>

Referral: ED physician requested assessment of housing and safety after patient presented with <<keep|acute bronchitis>> and disclosed sleeping in her car for three weeks.

Assessment: 24-year-old woman currently living in her 2009 Chevrolet Malibu, Ohio plate <<vehicle:p|JPD 3317>>, usually parked behind a church on <<geographic:p|Elm Street>> in <<geographic:p|Ashdale>>. She has two children, <<name:o|Aaliyah Ramos>> (age 6) and <<name:o|Mateo Ramos>> (age 3), who are staying with her aunt <<name:o|Consuelo Ibarra>> at <<geographic:o|915 Pine Hollow Lane>>, <<geographic:o|Lorimer, OH 45240>>.

She left a shared apartment on <<date:p|October 30>> after an argument with her former partner, <<name:o|Brandon Teague>>. She reports he has threatened her by text from <<phone:o|555-412-0963>> and posts about her on a social media page (<<url:o|www.socialsite-example.com/b.teague.614>>). She denies physical injury today. There is an active protection order, <<geographic:p|Hamilton County>> case no. <<other-id:p|DV-2025-004471>>.

Children and Family Services caseworker: <<name:o|Marcus Tillery>>, phone <<phone:o|555-947-2200 ext. 3318>>.

A friend started an online fundraiser for her housing deposit: <<url:p|www.helpfund-example.org/help-destiny-r>>.

Interventions:
- Safety plan completed.
- Shelter referral: Harbor House (address confidential), intake at 18:00 today.
- Ohio Benefits application started; Medicaid pending.
- Bus passes provided. Phone charger provided.

Patient consented to sharing information with the shelter only. Do not release location information to any caller.

<<keep|Marisa Quint, LISW-S>>, ED Social Work
""")

P("Keisha Odum", "QX6018823", "1993-06-05", """DELIVERY RECORD - VAGINAL BIRTH
Brightwater Regional Medical Center, Labor & Delivery

MOTHER: <<name:p|Keisha Odum>>   MRN <<mrn:p|QX6018823>>   DOB <<date:p|06/05/1993>>   G3 P2->3
Delivery date: <<date:p|08/14/2025>>

LABOR SUMMARY
  Onset ............. spontaneous, 19:20 on <<date:p|08/13/2025>>
  ROM ............... 23:05, clear fluid
  Anesthesia ........ epidural
  Delivery .......... 03:12, spontaneous vaginal, vertex, OA
  Placenta .......... 03:20, spontaneous, intact, 3-vessel cord
  Laceration ........ 2nd degree, repaired
  EBL ............... 350 mL
  Delivering provider <<keep|Charlotte Anders, CNM>>

NEWBORN (separate medical record; identifiers listed only for linkage)
  Name .............. <<name:o|Baby Boy Odum>> ("<<name:o|Jalen>>")
  Newborn MRN ....... <<mrn:o|QX6018831>>
  Birth ............. <<date:o|14-Aug-2025 03:12>>
  Weight ............ 3,410 g   Apgar 8 and 9
  Security tag ...... <<device:o|HT-31187-B>>   Mother band <<device:p|MB-31187-M>>
  Footprints ........ <<biometric:o|[newborn footprints, left and right]>> recorded on the birth sheet
  Photo ............. <<photo:o|[newborn photograph taken for security file]>>
  Birth certificate worksheet no. <<license:o|BC-2025-0318842>>
  Cord blood bank kit <<other-id:o|CBK-775120-6>>

FATHER / SUPPORT
  <<name:o|Terrence Odum>>, phone <<phone:o|555-380-2291>>, present at delivery.

POSTPARTUM PLAN
  <<keep|Oxytocin>> 30 units in 500 mL after delivery. Rubella immune, Rh positive. Breastfeeding.
  Mother requests that her sister <<name:o|Monique Hale>> be allowed to visit the nursery.
  Postpartum visit scheduled <<date:p|Sep. 25, 2025>>.

Signed <<keep|Charlotte Anders, CNM>>   <<date:p|08/14/2025>> 04:05
""", style="mono")

P("Amber Stone", "QX2950046", "1986-12-24", """ENDOCRINOLOGY CONSULTATION
Brightwater Regional Medical Center

Patient: <<name:p|Amber Stone>>    MRN: <<mrn:p|QX2950046>>    DOB: <<date:p|Dec 24, 1986>>
Date: <<date:p|05/20/2025>>    Requesting: <<keep|Dr. Nikhil Varma>>, Urology

Reason: Inpatient glucose management; <<keep|type 1 diabetes>> on insulin pump, admitted for obstructing <<keep|kidney stone>> with planned ureteroscopy.

HPI: 38-year-old with type 1 diabetes since age 11, on a hybrid closed-loop insulin pump (serial <<device:p|PMP-7713-20418>>) with a continuous glucose monitor, transmitter ID <<device:p|8J4QX2>>. She reports amber-colored urine and flank pain for two days. Glucose has run 180-250 with nausea. Pump data are shared with her clinic through the cloud account <<email:p|amber.stone.t1d@examplemail.net>>; her mother <<name:o|Cheryl Stone>> receives follow alerts on her phone (<<phone:o|555-236-7080>>).

Current pump settings: basal 0.65-0.9 units/h, ICR 1:10, ISF 1:45, target 110.

Exam: Alert, mildly dehydrated. No Kussmaul breathing. Pump site left abdomen clean.

Labs: glucose 238, bicarbonate 21, anion gap 12, beta-hydroxybutyrate 0.6. A1c 7.2%.

Assessment:
1. Type 1 diabetes with hyperglycemia, no DKA.
2. Obstructing 6 mm left UVJ stone (<<keep|nephrolithiasis>>).

Recommendations:
- Patient may continue pump in auto mode while alert; remove pump if NPO longer than 12 hours or if sedated, and start <<keep|insulin glargine>> 14 units plus correction.
- Remove pump and CGM before any CT or fluoroscopy; store in patient belongings bag.
- Point-of-care glucose q4h while NPO.

Note: the CGM transmitter of another patient on the unit was placed in this patient's belongings bag in error (ID <<device:o|8J4QY7>>); returned to nursing.

<<keep|Olivia Brandtner, MD>>, Endocrinology
""")

P("Guy Thibodeaux", "QX1187305", "1958-10-15", """AUDIOLOGY REPORT
Brightwater Regional Medical Center - Hearing and Balance Center

Name: <<name:p|Guy Thibodeaux>>     MRN: <<mrn:p|QX1187305>>     DOB: <<date:p|10/15/1958>>
Date of evaluation: <<date:p|January 8, 2025>>

Communication: Patient is Deaf and uses American Sign Language. Certified interpreter <<name:o|Noelle Brixton>>, RID certification no. <<license:o|RID-44102>>, present for the entire visit. Interpreter agency invoice ref. <<other-id:o|ASL-INV-20931>>.

HISTORY: 66-year-old man with bilateral profound <<keep|sensorineural hearing loss>> since childhood (meningitis at age 4). Right cochlear implant placed 2019. Left ear aided with a power behind-the-ear hearing aid. Reports reduced benefit from left aid over 6 months. <<keep|A guy at work>> "told him his aid was whistling."

DEVICES
  Right cochlear implant: internal receiver serial <<device:p|CI-R-5520918>>
  Right sound processor: serial <<device:p|SP-88A-104473>>
  Left hearing aid: serial <<device:p|BTE-LP-7730112>>

RESULTS
  Aided sound-field thresholds (right CI): 25-30 dB HL, 250-6000 Hz
  Left aided: 55-70 dB HL
  CNC words, right CI: 62%; left aid: 8%
  AzBio sentences in quiet, right CI: 71%

IMPRESSION: Good cochlear implant performance on the right. Limited benefit from left hearing aid; patient is a candidate for a left cochlear implant evaluation.

PLAN
  1. Refer to ENT (<<keep|Dr. Pieter Hall>>) for second-side implant candidacy.
  2. Processor reprogrammed; map saved to the manufacturer's portal under clinic account. Remote check scheduled via <<url:p|https://remotefit-example.com/c/GT1187305>>.
  3. Patient prefers text messages at <<phone:p|555-701-4430>> (video relay for calls).

His spouse, <<name:o|Simone Thibodeaux>>, who is also Deaf, attended and asked about her own hearing aid; advised to schedule separately.

<<keep|Ruth Halvorsen, AuD>>, CCC-A
""")
