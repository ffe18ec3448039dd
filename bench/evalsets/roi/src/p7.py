from p1 import P
P("Harriet Pell", "QX8206631", "1944-05-11", """APPLICATION FOR DISABILITY PLACARD - PHYSICIAN CERTIFICATION (copy retained in chart)
Brightwater Regional Medical Center - Pulmonary Clinic

PART A - APPLICANT
Applicant name: <<name:p|Harriet Anne Pell>>
Date of birth: <<date:p|05 / 11 / 1944>>             Clinic MRN: <<mrn:p|QX8206631>>
Residence address: <<geographic:p|66 Old Mill Road, Unit 4>>, <<geographic:p|Westerly, OH 44890>>
Ohio driver license / state ID no.: <<license:p|TP118804>>
Vehicle registered to applicant: 2014 Buick Encore, plate <<vehicle:p|FLM 7720>>
Existing placard no. (renewal): <<license:p|PL-0883412>>
Applicant phone: <<phone:p|555.244.0178>>

PART B - PHYSICIAN CERTIFICATION
The applicant has the following condition that limits or impairs the ability to walk:
[ ] cannot walk 200 feet without stopping to rest
[X] is restricted by lung disease to the extent that forced expiratory volume (FEV1) is less than one liter
[X] uses portable oxygen
[ ] has a cardiac condition classified as Class III or IV
Diagnosis: <<keep|chronic obstructive pulmonary disease>> with <<keep|chronic hypoxic respiratory failure>>; FEV1 0.82 L on spirometry of <<date:p|03/03/2025>>.
Oxygen concentrator serial <<device:p|OC5-2291847>> supplied by Midwest Respiratory Supply.
Duration: [X] permanent  [ ] temporary (up to 6 months)

Certifying practitioner: <<keep|Dr. Rafael Quintanilla>>, Pulmonology
Ohio medical license no.: <<keep|35.118702>>

PART C - OTHER DRIVER (optional)
Person who usually drives the applicant: son-in-law <<name:o|Dale Whitcombe>>, Ohio DL <<license:o|RW552017>>, vehicle plate <<vehicle:o|HGV 4418>>

Signature of applicant: <<name:p|Harriet A. Pell>>      Date signed: <<date:p|March 10, 2025>>
Mailed by patient to Bureau of Motor Vehicles on <<date:p|3/11/25>>.
""", style="serif")

P("Lionel Baptiste", "QX9931478", "1975-09-02", """SURGICAL PATHOLOGY REPORT
Brightwater Regional Medical Center, Department of Pathology
<<keep|CLIA-certified laboratory>>

Patient: <<name:p|BAPTISTE, LIONEL R.>>                    MRN: <<mrn:p|QX9931478>>
DOB: <<date:p|09/02/1975>>   Age: 49   Sex: M              Accession: <<other-id:p|S25-011872>>
Procedure date: <<date:p|02/18/2025>>   Received: <<date:p|02/18/2025>>   Reported: <<date:p|02/21/2025>>
Surgeon: <<keep|Dr. Helen Marsh>>

SPECIMEN: Right colon, laparoscopic right hemicolectomy.

CLINICAL HISTORY: Cecal mass found on screening colonoscopy.

FINAL DIAGNOSIS:
  Right colon, hemicolectomy:
  - <<keep|Adenocarcinoma>>, moderately differentiated, arising in the cecum, 3.8 cm.
  - Tumor invades through muscularis propria into pericolorectal tissue (pT3).
  - Lymphovascular invasion: not identified.
  - Margins: negative; closest radial margin 1.1 cm.
  - Lymph nodes: 0 of 23 positive (pN0).
  - Mismatch repair immunohistochemistry: MLH1, PMS2, MSH2, MSH6 retained.
  - AJCC 8th edition stage: pT3 pN0.

GROSS DESCRIPTION: Received fresh labeled with the patient's name and medical record number is a 24 cm segment of terminal ileum and right colon with attached appendix...

CONSULTATION: Slides S25-011872 A4 and A7 sent for outside review to Great Lakes Pathology Consultants, <<geographic:o|9100 Lakeshore Boulevard>>, <<geographic:o|Cleveland, OH 44108>>, FedEx tracking 7731 2044 9018. Consultant concurred.

TISSUE BANK: With consent signed on <<date:p|02/10/2025>>, a research aliquot was banked under de-identified code <<other-id:p|BRB-25-00472>>.

Note: Block A9 was briefly misfiled with case <<other-id:o|S25-011878>> (a different patient, <<name:o|Lionel Bates>>). Refiled and verified.

Electronically signed by <<keep|Catalina Voss, MD>>, Pathologist, <<date:p|02/21/2025>> 15:34
""")

P("Esperanza Ibarra", "QX5503362", "1967-07-29", """INFORMED CONSENT TO PARTICIPATE IN RESEARCH - SIGNATURE PAGE AND ENROLLMENT LOG
Study: Retinal Imaging Markers of Diabetic Kidney Disease (RIM-DKD)
Sponsor protocol: <<keep|BRMC-IRB-2024-118>>

Participant: <<name:p|Esperanza Ibarra>>     MRN <<mrn:p|QX5503362>>     DOB <<date:p|7/29/1967>>
Study participant ID: <<other-id:p|RIM-0412>>
Date of consent: <<date:p|Thursday, 16 January 2025>>
Language: Spanish; consent form in Spanish. Interpreter: <<name:o|Rodrigo Salcedo>> (staff interpreter, ID <<other-id:o|INT-0093>>)

Procedures performed at enrollment:
- Retinal photographs, both eyes (no facial images): image set <<biometric:p|RS-0412-77>> stored as research data. Retinal vessel patterns are unique to a person and are treated as biometric identifiers.
- Iris/face images: NOT collected.
- Blood and urine samples for biobank: tube IDs <<other-id:p|BB-0412-01>> through <<other-id:p|BB-0412-06>>.

Contact for questions about the study: Study coordinator <<name:o|Priscilla Nakamura>>, <<phone:o|555-877-4150>>, <<email:o|rimdkd-study@brightwater-example.org>>. Study website: <<url:o|https://research.brightwater-example.org/rim-dkd>>.

Compensation: $50 gift card, card no. <<account:p|GC-6610 2291 4470>>, issued <<date:p|01/16/2025>>.

I have read this form (or it has been read to me), my questions have been answered, and I agree to take part.

Participant signature: ____Esperanza Ibarra____     Date: <<date:p|01/16/2025>>
Legally authorized representative: not applicable
Witness: <<name:o|Gloria Fuentes>> (participant's neighbor)     Date: <<date:p|01/16/2025>>
Person obtaining consent: <<keep|Dr. Olivia Brandtner>>     Date: <<date:p|01/16/2025>>

Diagnoses relevant to eligibility: <<keep|type 2 diabetes with diabetic chronic kidney disease>>, CKD stage 3a; <<keep|nonproliferative diabetic retinopathy>>.

Screen log line: 14 of 40. Site: Brightwater Clinical Research Unit, <<geographic:o|2nd floor, 500 Harbor Street>>.
""", style="serif")

P("Mark Summers", "QX3364120", "1982-02-08", """PHYSICAL THERAPY - DAILY NOTE
Brightwater Outpatient Rehabilitation

Pt: <<name:p|Summers, Mark>>    MRN <<mrn:p|QX3364120>>    DOB <<date:p|02/08/1982>>
Visit 6 of 12    Date <<date:p|10/06/2025>>    Dx: <<keep|left ACL reconstruction>> (<<date:p|08/25/2025>>), patellar tendon graft

S: Pt reports knee feels "stable." Pain 2/10 after stairs. Back to desk work. Wants to return to recreational soccer by <<keep|next summer>>; has not played since <<keep|last summer>>. His personal trainer, <<name:o|Skye Marchetti>>, asked for exercise restrictions by email (<<email:o|skye@fitstudio-example.com>>); pt consented to sharing the home program only.

O:
  ROM (L knee): 0-0-128 degrees (R 0-0-140)
  Quad lag: none. Single-leg squat: mild valgus.
  Effusion: trace (stroke test).
  Incision well healed; skin marking at graft harvest site unchanged. A pen mark on the patella from the last session was removed.
  Strength (handheld dynamometer): quad index 68%.

  Exercise                      Sets x reps    Load
  Leg press (0-90)              3 x 12         70 kg
  Step-downs 15 cm              3 x 10         BW
  Single-leg RDL                3 x 8          8 kg
  Stationary bike               12 min         level 6

A: Progressing as expected for week 6. Quad strength deficit remains the main limitation. No signs of graft laxity.

P: Continue 2x/week. Begin jogging progression at week 12 if quad index > 70%. Next visit <<date:p|Thu 10/9>>.

Parking: Pt asked for the parking validation used at his previous visits for his motorcycle, plate <<vehicle:p|MC 44T19>>; front desk note: a different patient's plate (<<vehicle:o|KRT 6601>>) had been entered on his parking record by mistake and was removed.

<<keep|Jasmine Albrecht, PT, DPT>>
""")

P("Rose Baker", "QX7045519", "1953-04-02", """<<keep|Brightwater Regional Medical Center>>
Orthopedic & Sports Medicine Clinic

<<date:p|August 29, 2025>>

<<name:p|Ms. Rose Baker>>
<<geographic:p|1207 Chestnut Street>>
<<geographic:p|Greenhaven, OH 44851>>

Dear <<name:p|Ms. Baker>>,

This letter is to share the results of the ultrasound of your left knee done on <<date:p|August 25>>.

The ultrasound shows a <<keep|Baker's cyst>> (also called a popliteal cyst) behind your knee. It measures 4.2 by 1.8 centimeters. This is a fluid-filled sac that often forms when the knee has arthritis. It is not cancer and it is not a blood clot. There was no sign of a <<keep|deep vein thrombosis>> in the veins of your leg.

What happens next:
  - Keep taking <<keep|naproxen>> 250 mg twice a day with food as needed.
  - Use ice for 15 minutes after activity.
  - We can drain the cyst and inject the knee if the swelling keeps bothering you.

You can see the images and the full report in your patient portal: <<url:p|https://mychart.brightwater-example.org/res/RB7045519>>. Your portal username is <<other-id:p|rosebaker53>>.

If you have questions, please call the clinic at <<phone:o|(555) 877-2600, option 3>>. Your next appointment is <<date:p|Tuesday, September 16>> at 10:30 AM.

Your daughter, <<name:o|Lily Baker-Moss>>, called on <<date:p|8/27>> asking about these results. Because she is not listed on your release form, we did not share any information. If you would like us to be able to speak with her, please sign the enclosed form and mail it back.

Sincerely,

<<keep|Kwame Asante, MD>>
Orthopedic Surgery

Enclosure: Authorization form (BRMC-HIM-12)
Mailed <<date:p|08/29/2025>> to the address above; your MRN <<mrn:p|QX7045519>> appears on the enclosure only.
""", style="serif")

P("Curtis Vandermeer", "QX2608834", "1970-12-19", """IN THE COURT OF COMMON PLEAS
<<geographic:o|FRANKLIN COUNTY>>, OHIO

<<name:o|ALICIA VANDERMEER>>,                              Case No. <<other-id:p|25 DR 004417>>
        Plaintiff,
  v.                                                Judge <<name:o|Harold T. Quist>>
<<name:p|CURTIS VANDERMEER>>,
        Defendant.

SUBPOENA DUCES TECUM FOR MEDICAL RECORDS

TO: Custodian of Records, <<keep|Brightwater Regional Medical Center>>, Health Information Management

YOU ARE COMMANDED to produce the following records on or before <<date:p|December 12, 2025>> at 9:00 a.m., at the office of counsel for Plaintiff:

All records of treatment of <<name:p|Curtis J. Vandermeer>>, date of birth <<date:p|12/19/1970>>, SSN <<ssn:p|391-40-2277>>, MRN <<mrn:p|QX2608834>>, from <<date:p|January 1, 2023>> to present, including emergency department records related to the incident of <<date:p|3/15/24>>, and toxicology results.

Excluded: records of alcohol or drug treatment protected by 42 CFR Part 2 absent a qualifying court order; psychotherapy notes.

Issued at the request of:
<<name:o|Nathaniel Osgood>>, Attorney for Plaintiff
Supreme Court of Ohio Reg. No. <<license:o|0071194>>
Osgood Family Law LLC, <<geographic:o|41 South High Street, Suite 900>>, <<geographic:o|Columbus, OH 43215>>
Tel. <<phone:o|555-224-7100>> / Fax <<fax:o|555-224-7190>>
Email: <<email:o|nosgood@osgoodfamilylaw-example.com>>

Dated: <<date:p|November 14, 2025>>                 Clerk of Courts, by deputy clerk <<name:o|R. Delahanty>>

NOTICE TO CUSTODIAN: Production may be made by mailing certified copies with a records affidavit. The patient's spouse, Plaintiff <<name:o|Alicia Vandermeer>> (DOB <<date:o|02/06/1972>>), is not a patient whose records are requested; do not include any records in which she is the patient. A copy of this subpoena has been served on Defendant's counsel, <<name:o|Priya Deshmukh>>, Esq., <<email:o|pdeshmukh@deshmukhlaw-example.com>>.

HIM intake stamp: RECEIVED <<date:p|NOV 17 2025>>   ROI log no. <<other-id:p|ROI-25-3318>>
HIM note: Patient authorization not on file. Per policy, records will be released only upon a signed authorization or a court order signed by the judge; notice letter sent to patient on <<date:p|11/18/2025>>.
""")
