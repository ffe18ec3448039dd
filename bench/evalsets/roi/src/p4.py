from p1 import P
P("Anton Mirescu", "00482913", "1968-08-17", """BRIGHTWATER REGIONAL MEDICAL CENTER - DEPARTMENT OF RADIOLOGY
==================================================================
CT HEAD WITHOUT CONTRAST

Patient:   <<name:p|MIRESCU, ANTON>>            MRN: <<mrn:p|00482913>>
DOB:       <<date:p|1968-08-17>>                  Sex: M
Accession: <<other-id:p|CT25-0403-7719>>          Exam date: <<date:p|2025-04-03>> 09:48
Ordering:  <<keep|Dr. Luis Ortega>> (Emergency Medicine)
Location:  ED Bay 7

CLINICAL INDICATION: Fall from ladder at home, brief loss of consciousness, on <<keep|warfarin>>. History of <<keep|normal pressure hydrocephalus>> with ventriculoperitoneal shunt.

TECHNIQUE: Axial images of the head without IV contrast. Sagittal and coronal reformats. DLP 842 mGy-cm.

COMPARISON: Outside CT from Lakeshore Imaging dated <<date:p|11 Feb 2024>> (outside MRN <<mrn:p|LSI-229104>>), imported to PACS.
Note: the requisition initially listed a prior study belonging to a different patient with a similar name, <<name:o|Antonin Mirescu>> (MRN: <<mrn:o|00482931>>). That study was identified by the technologist and NOT used for comparison.

FINDINGS:
- Right frontal approach ventricular catheter terminating in the frontal horn of the right lateral ventricle. Programmable valve (serial no. <<device:p|CV-88120-4471>>) at setting 1.5. Ventricular size is stable.
- 4 mm thin left frontal <<keep|subdural hematoma>> without midline shift.
- No parenchymal hemorrhage, no acute infarct.
- Calvarium intact. Small right parietal scalp hematoma.
- Mastoid air cells and paranasal sinuses clear.

IMPRESSION:
1. Small acute left frontal subdural hematoma, 4 mm, no mass effect.
2. Stable ventricular size with shunt in expected position.

Critical result called to <<keep|Dr. Luis Ortega>> at 10:07 on <<date:p|04/03/2025>> and read back.

Images: <<url:p|https://pacs.brightwater-example.org/viewer?acc=CT25-0403-7719>>
Read at workstation RAD-WS-14 (<<ip:o|10.20.4.61>>).

Electronically signed: <<keep|Ingrid Solberg, MD>>, Neuroradiology, <<date:p|04/03/2025>> 10:15
""", style="mono")

P("June Albright", "A-773120", "1941-06-30", """MEDICATION RECONCILIATION - ADMISSION
Brightwater Regional Medical Center  |  Unit 5 West

Patient: <<name:p|Albright, June M.>>          Med Rec #<<mrn:p|A-773120>>
DOB: <<date:p|6/30/1941>>    Admit: <<date:p|9/8/2025>>    Allergies: <<keep|penicillin>> (rash)
Source of list: patient, husband <<name:o|Frank Albright>>, pharmacy fill history

| Medication            | Dose / route / frequency | Last dose   | Rx #     | Continue? |
|-----------------------|--------------------------|-------------|----------|-----------|
| <<keep|levothyroxine>>         | 75 mcg PO daily          | <<date:p|9/8>> 06:00   | <<other-id:p|6620314>>  | Yes       |
| <<keep|amlodipine>>            | 5 mg PO daily            | <<date:p|9/7>> 08:00   | <<other-id:p|6620318>>  | Hold      |
| <<keep|donepezil>>             | 10 mg PO at bedtime      | <<date:p|9/7>> 21:00   | <<other-id:p|6618802>>  | Yes       |
| <<keep|alendronate>>           | 70 mg PO weekly (Sun)    | <<date:p|Sept 7>>      | 6618911  | Yes       |
| <<keep|acetaminophen>>         | 650 mg PO q6h PRN        | unknown     | OTC      | Yes       |
| <<keep|cholecalciferol>>       | 2000 units PO daily      | <<date:p|9/8>> 06:00   | OTC      | Yes       |

Notes:
- Donepezil was started in <<date:p|June 2024>> by her neurologist. Husband fills a weekly pill organizer; a visiting nurse, <<name:o|Hope Delgado>>, RN, from Lakeside Home Health checks it on Mondays (agency phone <<phone:o|555-409-2210 ext. 118>>).
- Fill history obtained from Maple Street Pharmacy, <<geographic:o|455 Maple Street>>, <<geographic:o|Millbrook, OH 45067>>, tel <<phone:o|555-409-7000>>, fax <<fax:o|555-409-7001>>.
- Alendronate Rx number above was not verified; the pharmacy stated that number belongs to a different customer and the correct number is pending.
- Husband's own medications were in the same bag (his <<keep|metoprolol>> and <<keep|tamsulosin>>) and were returned to him; they are not part of this patient's list.

Pharmacist review: <<keep|Mei-Ling Cho, PharmD>>, <<date:p|9/8/2025>> 14:20. Discrepancy: amlodipine held for SBP 98. Patient confused today; June 2024 onset of memory symptoms per husband.
""", style="mono")

P("Darnell Whitaker", "QX6640218", "1994-12-01", """EMERGENCY DEPARTMENT - TRAUMA FLOW NOTE
Brightwater Regional Medical Center, Level II Trauma Center

Patient: <<name:p|Darnell Whitaker>>    MRN: <<mrn:p|QX6640218>>    DOB: <<date:p|12/01/1994>>
Arrival: <<date:p|Saturday, August 16, 2025>>, 23:52 via Medic 4 (ALS)
Trauma activation: Level 2

MECHANISM: Restrained driver, two-vehicle T-bone collision at approximately 35 mph, driver-side impact. Airbags deployed. Patient's vehicle: 2017 Ford Fusion, VIN <<vehicle:p|3FADP4BJ7KM118842>>, Ohio plate <<vehicle:p|HRW 5583>>. The other vehicle, a pickup with plate <<vehicle:o|OH GTH-2291>>, was driven by <<name:o|Cody Lundgren>>, who was transported to a different hospital.

Identification: Ohio driver license <<license:p|RS447190>> found in wallet; photocopy of license (photo side) scanned to media tab: <<photo:p|[scanned driver license image with patient photo]>>.

PRIMARY SURVEY: Airway patent, speaking. Breath sounds equal. BP 104/66, HR 118. GCS 15. Seat-belt sign across left chest and abdomen.

FAST: positive left upper quadrant fluid.

CT chest/abdomen/pelvis: grade III <<keep|splenic laceration>> with hemoperitoneum; left 7th-9th <<keep|rib fractures>>; no pneumothorax.

LAW ENFORCEMENT: Officer <<name:o|Lena Corrigan>>, badge <<other-id:o|B-2207>>, Millbrook Police, crash report no. <<other-id:p|MPD-25-081644>>. Legal blood alcohol kit collected at 00:40 under search warrant; officer sealed kit and placed her right index fingerprint on the evidence seal: <<biometric:o|[officer fingerprint impression on seal]>>. Chain of custody form kept in the ED safe.

Family: girlfriend <<name:o|Tasha Greene>> at bedside, phone <<phone:o|555-733-0941>>.

Procedures: 2 large bore IVs, 1 unit O-negative pRBC, <<keep|tranexamic acid>> 1 g.

Disposition: Trauma surgery (<<keep|Dr. Helen Marsh>>) to interventional radiology for splenic artery embolization at 01:30 on <<date:p|08/17/25>>.

<<keep|Luis Ortega, MD>>
""")

P("Marisol Quintero", "QX3358107", "2016-02-22", """BRIGHTWATER REGIONAL MEDICAL CENTER
Patient Financial Services
STATEMENT OF ACCOUNT

Statement date: <<date:p|15-OCT-2025>>          Payment due: <<date:p|14-NOV-2025>>
Guarantor: <<name:o|Lourdes Quintero>>
           <<geographic:o|8812 Whitfield Avenue, Apt 3B>>
           <<geographic:o|Carrollton, OH 45099>>
Guarantor account: <<account:o|G-00771240>>

Patient: <<name:p|Marisol Quintero>>    MRN: <<mrn:p|QX3358107>>    DOB <<date:p|02/22/2016>>
Hospital account no.: <<account:p|PFS-7723104>>

DATE      DESCRIPTION                               CHARGES     INS PAID    ADJ       YOU OWE
<<date:p|10/02/25>>  ED visit, level 4 (99284)                 1,240.00
<<date:p|10/02/25>>  X-ray forearm 2 views (73090)               310.00
<<date:p|10/02/25>>  Closed reduction, radius (25600)          1,865.00
<<date:p|10/02/25>>  Splint application                          142.00
<<date:p|10/09/25>>  Insurance payment - Buckeye Kids Plan                 2,604.20
<<date:p|10/09/25>>  Contractual adjustment                                            690.80
<<date:p|10/12/25>>  Payment, check no. 3318                                 50.00
                                                                                 ---------
                                                          BALANCE DUE:              212.00

Insurance on file: Buckeye Kids Plan, member ID <<health-plan:p|BKP-22019-4477-03>>, subscriber <<name:o|Lourdes Quintero>>.
Check no. 3318 drawn on guarantor bank account <<account:o|004471920188>>, routing <<keep|041000124>>.

Pay online: <<url:p|https://pay.brightwater-example.org/?acct=PFS-7723104>>
Questions? Call <<phone:o|555-877-2000 ext. 4410>> (Mon-Fri 8-5) or write to
Patient Financial Services, <<geographic:o|PO Box 7720>>, <<geographic:o|Millbrook, OH 45067>>.

Financial assistance: You may qualify for reduced charges. Ask for application FA-1.
Spanish: Para ayuda en espanol, llame al <<phone:o|555-877-2000 x4412>>.

PLEASE DETACH AND RETURN WITH PAYMENT
Account: PFS-7723104    Amount due: $212.00    Amount enclosed: $________
""", style="mono")

P("Ophelia Grant", "QX4097715", "1983-10-25", """OCT-14-2025 09:41 FROM:<<fax:o|5552907711>> TO:<<fax:o|5558773020>>        P.001/003

             LAKESIDE FAMILY HEALTH PARTNERS
        <<geographic:o|1450 Sycamore Ridge Road>>, <<geographic:o|Ashdale, OH 45231>>
             Phone <<phone:o|555-290-7700>>   Fax <<fax:o|555-290-7711>>

                    FACSIMILE TRANSMITTAL

TO:      Brightwater Regional Medical Center - Central Scheduling
FAX:     <<fax:o|(555) 877-3020>>
FROM:    <<name:o|Dawn Whitley>>, referral coordinator
EMAIL:   <<email:o|dwhitley@lakesidefhp-example.org>>
DATE:    <<date:p|10/14/2025>>
PAGES:   3 including cover

RE:      URGENT referral - Gastroenterology
PATIENT: <<name:p|Ophelia Grant>>     DOB <<date:p|10-25-1983>>
         Your MRN <<mrn:p|QX4097715>>   Our chart # <<mrn:p|LFHP-00318842>>
         Cell <<phone:p|555-290-4416>>  (ok to leave message)
         Insurance: Anthem PPO, ID <<health-plan:p|YRK902211837>>

[X] Urgent   [ ] Routine   [ ] Please call to schedule   [X] Records attached

Comments:
Referring <<keep|Dr. Paul Renner>> requests colonoscopy within 2 weeks for <<keep|iron deficiency anemia>> (Hgb 8.9) and intermittent <<keep|rectal bleeding>>. Patient prefers morning appointments and requests that messages not be left with her ex-husband, <<name:o|Victor Grant>>, who may answer the home line <<phone:o|555-290-3381>>. Please use her cell only.

Attached: office note of <<date:p|10/13/2025>>, CBC, ferritin.

CONFIDENTIAL: The documents accompanying this telecopy transmission contain confidential health information that is legally privileged. If you have received this in error, please notify us by telephone immediately and destroy the documents.
""", style="fax")

P("William Banerjee", "QX7102294", "1977-03-09", """<<keep|Brightwater Regional Medical Center>>
Neurology Associates
<<date:p|May 5, 2025>>

<<keep|Dr. Anjali Raman>>
Epilepsy Clinic
Brightwater Regional Medical Center

Re: <<name:p|William ("Will") Banerjee>>, DOB <<date:p|March 9, 1977>>, MRN <<mrn:p|QX7102294>>

Dear Dr. Raman,

Thank you for seeing <<name:p|Will Banerjee>>, a 48-year-old long-haul truck driver whom I saw in urgent follow-up on <<date:p|May 2nd>> after a first generalized tonic-clonic seizure.

The event occurred on <<date:p|April 28>> at the freight yard. A coworker, <<name:o|Will Pearson>>, witnessed about two minutes of rhythmic shaking followed by confusion for twenty minutes; he can be contacted at <<phone:o|(555) 461-0072>> if you would like a witness account. There was tongue biting and incontinence. He had slept four hours in the preceding two days.

He holds an Ohio commercial driver's license, CDL no. <<license:p|RT884120>>, and a DOT medical examiner's certificate expiring <<date:p|01/31/2026>>. I have advised him not to drive, commercial or private, pending your evaluation, and documented that discussion. He will bring his DOT certificate (no. <<license:p|MEC-2024-118420>>) to your office.

MRI brain with epilepsy protocol on <<date:p|May 3>> was normal. Routine EEG is pending. Labs, including sodium, glucose and a drug screen, were unremarkable. He drinks 2-3 beers on weekends and does not use drugs.

Medical history: <<keep|obstructive sleep apnea>> on CPAP (inconsistently), <<keep|hypertension>>. Medications: <<keep|losartan>> 50 mg daily. I have not started an antiseizure medication.

His wife, <<name:o|Priti Banerjee>>, asks to be included in the discussion; her email is <<email:o|priti.b.home@examplemail.net>>.

<<keep|Will you kindly advise>> regarding antiseizure therapy and his fitness to drive. I will see him again after your assessment.

Sincerely,

<<keep|Marcus Feld, MD>>
Internal Medicine
""", style="serif")

P("Russell Coleman", "QX5581930", "1960-01-14", """SLEEP MEDICINE - PAP COMPLIANCE DOWNLOAD
Brightwater Sleep Center

Patient: <<name:p|Russell "Rusty" Coleman>>   MRN: <<mrn:p|QX5581930>>   DOB: <<date:p|01/14/1960>>
Report period: <<date:p|07/01/2025>> - <<date:p|07/30/2025>> (30 days)
Device: auto-CPAP, serial number <<device:p|23161894472>>, humidifier SN <<device:p|H2316-009918>>
Wireless modem IMEI <<device:p|356938035643809>>
Data uploaded from modem IP <<ip:p|73.118.204.19>> to <<url:p|https://sleepcloud-example.com/patients/rc5581930>>

USAGE SUMMARY
  Days with device use ............ 27 / 30 (90%)
  Days with use >= 4 hours ........ 24 / 30 (80%)
  Average usage (days used) ....... 6 h 12 min
  Pressure 95th percentile ........ 11.8 cm H2O
  Median leak ..................... 8.4 L/min
  Residual AHI .................... 3.1 events/h

Interpretation: Adherent to therapy meeting payer compliance criteria. Residual AHI well controlled. Leak acceptable with nasal pillows mask (size M).

Notes: Bed partner <<name:o|Dawn Coleman>> reports snoring has resolved. Patient reports the device was briefly swapped on <<date:p|July 12>> with his brother-in-law's unit (serial <<device:o|23161880051>>) while traveling; data for those two nights belong to the other unit and were excluded. Brother-in-law <<name:o|Glen Sutter>> was advised to have his own download done by his provider.

DME supplier: Midwest Respiratory Supply, phone <<phone:o|555-520-3300>>, fax <<fax:o|555-520-3311>>.

Diagnosis: <<keep|obstructive sleep apnea>>, severe (baseline AHI 42). Continue auto-CPAP 6-14 cm H2O.

Reviewed by <<keep|Tobias Wren, MD>>, Sleep Medicine, <<date:p|08/01/2025>>
""")
