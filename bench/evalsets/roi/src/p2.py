from p1 import P
P("Danielle Okonkwo", "QX6093345", "1985-09-30", """LABORATORY REPORT
<<keep|Brightwater Regional Medical Center>> Clinical Laboratory   CLIA #<<license:o|36D0912273>>

Patient: <<name:p|OKONKWO, DANIELLE>>   MRN: <<mrn:p|QX6093345>>   DOB: <<date:p|09/30/1985>>   Sex: F
Specimen ID: <<other-id:p|SP-25-0448120>>   Collected: <<date:p|02/11/2025>> 07:45   Received: <<date:p|02/11/2025>> 08:10
Ordering provider: <<keep|Dr. Farah Siddiqui>>   Acct: <<account:p|AC-3301947>>

COMPREHENSIVE METABOLIC PANEL
Sodium 138 mmol/L (135-145)
Potassium 4.1 mmol/L (3.5-5.1)
Chloride 101 mmol/L
CO2 25 mmol/L
BUN 14 mg/dL
Creatinine 0.82 mg/dL
Glucose 96 mg/dL
ALT 22 U/L, AST 19 U/L

THYROID
TSH 6.8 mIU/L (H) (0.4-4.5)
Free T4 0.9 ng/dL

COMMENT: Specimen was initially mislabeled at the draw station with the name of another patient, <<name:o|Dolores Okafor-Reyes>>, DOB <<date:o|10/03/1955>>, MRN <<mrn:o|QX6093354>>. The label was corrected and verified by two identifiers before testing per policy LAB-114. No results were reported on the incorrect patient. Incident report number <<other-id:o|IR-2025-00917>> filed.

Results reviewed: elevated TSH consistent with <<keep|subclinical hypothyroidism>>. Recommend repeat in 6-8 weeks with TPO antibodies.

Performed at: <<keep|Brightwater Regional Medical Center>> Core Lab. Medical Director: <<keep|Dr. Ivan Petrosyan>>.
Report printed <<date:p|02/11/2025>> 14:02 by workstation <<ip:o|172.16.40.77>>.
Page 1 of 1
""")

P("Gregory Tanaka-Holm", "QX3310428", "1971-04-08", """LETTER OF REPRESENTATION

Whitcombe Legal Group
<<geographic:o|2200 Harbor Street, Suite 410>>
<<geographic:o|Lakeview, OH 44108>>
Tel <<phone:o|555-730-1100>> | Fax <<fax:o|555-730-1101>>
<<url:o|www.whitcombelegal-example.com>>

<<date:p|April 22, 2025>>

<<keep|Brightwater Regional Medical Center>>
Attn: Health Information Management

Re: Our client: <<name:p|Gregory Tanaka-Holm>>
Your MRN (per client): <<mrn:p|QX3310428>>
Date of birth: <<date:p|April 8, 1971>>
SSN: <<ssn:p|412-55-9083>>
Date of incident: <<date:p|January 30, 2025>>
Our file no.: <<other-id:p|WLG-25-1187>>

Dear Records Custodian:

Please be advised that this office represents the above-named individual for injuries sustained in a slip-and-fall at <<geographic:o|Fairmount Grocery, 415 Orchard Avenue>> on the date above. Enclosed is a HIPAA-compliant authorization signed by our client. We request a complete certified copy of all medical and billing records, including radiology images, from <<date:p|January 30, 2025>> to present.

Please note that the store employee who witnessed the fall, <<name:o|Bradley Sumner>>, and our client's wife, <<name:o|Keiko Tanaka-Holm>>, may be referenced in the ED triage note. We are not requesting, and you should not send, any records of those individuals.

Kindly forward the records to the undersigned or by email to <<email:o|mferris@whitcombelegal-example.com>>. Please reference our file number on all correspondence.

Very truly yours,

<<name:o|Margaret Ferris>>, Esq.
Ohio Attorney Registration No. <<license:o|0087341>>
""")

P("Rosa Inés Carvalho", "QX8842017", "1999-12-05", """OBSTETRIC TRIAGE NOTE
<<keep|Brightwater Regional Medical Center>> Labor & Delivery

Patient: <<name:p|Rosa Inés Carvalho>>   MRN: <<mrn:p|QX8842017>>   DOB <<date:p|12/05/1999>>
Date: <<date:p|03/19/2025>>   Time: 21:40
Insurance: Buckeye Community Health Plan, member # <<health-plan:p|BCH-440918273-01>>

G2P1 at 38w2d by early ultrasound presenting with regular contractions every 4 minutes since 18:00. Positive fetal movement. Denies leakage of fluid or bleeding.

Support person at bedside: partner <<name:o|Diego Fontes>>, phone <<phone:o|555 902 3318>>. Her mother <<name:o|Lucia Carvalho>> is listed as secondary contact and will care for her older child, <<name:o|Mateo Fontes>>, age 3.

Prenatal labs: GBS negative, Rh positive, rubella immune. <<keep|Gestational diabetes>>, diet controlled.

Exam: cervix 4/80/-1, vertex. EFM category I, baseline 135, moderate variability, accelerations present. Contractions q3-4 min.

Plan: Admit to labor and delivery. Epidural on request. Glucose checks q2h during labor.

Infant security: Hugs tag <<device:o|HT-20931-A>> will be assigned to the newborn at delivery; mother band <<device:p|MB-20931-M>>.

Newborn photo consent: <<photo:o|[photo of newborn with parents, consent on file]>> will be stored in the infant security binder.

<<keep|Charlotte Anders, CNM>>
""")
