PAGES = []
def P(name, mrn, dob, text, style=None): PAGES.append(dict(name=name, mrn=mrn, dob=dob, text=text, style=style))

P("Eleanor Vasquez-Pruitt", "QX4471902", "1962-03-14", """<<keep|Brightwater Regional Medical Center>>
PROGRESS NOTE - Internal Medicine

Patient: <<name:p|Eleanor Vasquez-Pruitt>>    MRN: <<mrn:p|QX4471902>>    DOB <<date:p|03/14/1962>>
Date of service: <<date:p|09/22/2025>>    Attending: <<keep|Dr. Samuel Okafor>>

Subjective: 63-year-old woman seen in follow-up for <<keep|type 2 diabetes mellitus>> and <<keep|hypertension>>. She reports her glucose log has been running 140-180 fasting. She is accompanied today by her daughter, <<name:o|Renata Pruitt>>, who manages her medications and asked that we call her at <<phone:o|(555) 201-4433>> with any changes. Patient states she lives with her daughter at <<geographic:p|1184 Larkspur Lane>>, <<geographic:p|Millbrook, OH 45067>>.

The patient reports that her husband, <<name:o|Thomas Pruitt>>, was recently hospitalized at another facility for a stroke, and the stress has affected her diet. She asks that his information not be shared with her church group.

Medications: <<keep|metformin>> 1000 mg twice daily, <<keep|lisinopril>> 20 mg daily, <<keep|atorvastatin>> 40 mg nightly.

Objective: BP 148/92, HR 78, BMI 31.4. Feet without ulceration; monofilament intact bilaterally.

Labs: A1c 8.1% (drawn <<date:p|09/15/2025>>).

Assessment/Plan:
1. <<keep|Type 2 diabetes>>, suboptimally controlled. Add <<keep|empagliflozin>> 10 mg daily. Diabetes education referral placed.
2. Hypertension, above goal. Increase lisinopril to 40 mg.
3. Caregiver stress - social work referral; daughter's email for portal proxy access: <<email:o|renata.pruitt88@mailbox-example.com>>.

Return in 3 months, around <<date:p|December 22, 2025>>.

Electronically signed by <<keep|Samuel Okafor, MD>> on <<date:p|09/22/2025>> 16:42.
""")

P("Marcus Delacroix Whitfield", "BW-0082215", "1958-11-02", """FAX COVER SHEET
<<keep|Brightwater Regional Medical Center>> - Health Information Management

Date: <<date:p|October 3, 2025>>
To: <<name:o|Janice Koh>>, Paralegal, Haverford & Lind LLP
Fax: <<fax:o|555.201.4434>>    Phone: <<phone:o|555-201-4400>>
From: Release of Information Desk
Fax: <<fax:o|(555) 877-3020>>

Re: Records request for <<name:p|Marcus Delacroix Whitfield>>, DOB <<date:p|11/02/1958>>, MRN: <<mrn:p|BW-0082215>>
Your reference / claim number: <<other-id:p|HL-2025-004417>>
Number of pages (including cover): 14

Message:
Enclosed are the records responsive to your request dated <<date:p|09/18/2025>>. Per the authorization signed by the patient, we are releasing emergency department records and discharge summaries for the admission of <<date:p|07/11/2025>> through <<date:p|07/15/2025>> only. Behavioral health notes and substance use records under 42 CFR Part 2 are excluded. Records concerning the other driver involved in the collision, referenced in the authorization as <<name:o|Gerald Fenn>>, cannot be released to your office without his separate authorization.

Invoice number <<account:p|INV-77120-W>> is enclosed for copying fees. Please remit to <<geographic:o|PO Box 4410>>, <<geographic:o|Carrollton, OH 45099>>.

CONFIDENTIALITY NOTICE: This facsimile contains protected health information that is privileged and confidential. If you are not the intended recipient, any review, disclosure, copying, or distribution is strictly prohibited. If you have received this fax in error, please notify the sender immediately at the number above and destroy all copies.

Sent by: <<keep|HIM Specialist>> <<name:o|Dana Moorcroft>>, ext. 4471
""")

P("Priya Natarajan", "MRN7730194", "1990-06-27", """EMERGENCY DEPARTMENT NOTE
<<keep|Brightwater Regional Medical Center>> ED

Name: <<name:p|Priya Natarajan>>   MRN: <<mrn:p|MRN7730194>>   Born <<date:p|June 27, 1990>>
Arrival: <<date:p|08/04/2025>> 02:17 by private vehicle
Acct # <<account:p|00912345>>

Chief complaint: Right lower quadrant abdominal pain x 10 hours.

HPI: 35-year-old female presents with periumbilical pain migrating to the RLQ, nausea, and one episode of emesis. She was driven in by her roommate, <<name:o|Kelsey Brandt>>, in a grey Honda Civic, plate <<vehicle:o|OH JKX-4471>>, which was left in the ambulance bay and later moved by security. Roommate contact: <<phone:o|555-310-2298>>.

Past history: <<keep|migraine>>, no surgeries. Medications: <<keep|sumatriptan>> as needed. LMP two weeks ago. Urine hCG negative.

Exam: T 38.1 C, HR 104. Tenderness at McBurney's point with guarding; positive Rovsing sign.

Labs: WBC 15.2, lipase normal. CT abdomen/pelvis with contrast: dilated appendix 11 mm with periappendiceal stranding, consistent with <<keep|acute appendicitis>>.

ED course: <<keep|IV ceftriaxone>> and <<keep|metronidazole>> given. <<keep|Morphine>> 4 mg IV for pain. General surgery (<<keep|Dr. Helen Marsh>>) consulted at 04:05 and accepted for laparoscopic appendectomy.

Patient requested that her employer not be contacted. Her emergency contact on file is her brother, <<name:o|Arjun Natarajan>>, <<phone:o|(555) 642-0187>>, who lives at <<geographic:o|77 Pemberton Court>>, <<geographic:o|Ashdale, OH 45231>>.

Disposition: Admitted to surgery, bed 4B-12.

<<keep|Luis Ortega, MD>>, Emergency Medicine, <<date:p|08/04/2025>> 04:30
""")

P("Harold Benning", "QX5520871", "1947-01-19", """DISCHARGE SUMMARY
<<keep|Brightwater Regional Medical Center>>

Patient: <<name:p|Harold Benning>>   MRN: <<mrn:p|QX5520871>>   DOB: <<date:p|1947-01-19>>
Admitted: <<date:p|05/02/2025>>   Discharged: <<date:p|05/09/2025>>
Attending: <<keep|Dr. Amara Lindqvist>>, Cardiology

Principal diagnosis: <<keep|Acute decompensated heart failure>> with reduced ejection fraction.
Secondary: <<keep|atrial fibrillation>>, <<keep|chronic kidney disease stage 3b>>.

Hospital course: 78-year-old man admitted with 12 lb weight gain and orthopnea. Diuresed with IV <<keep|furosemide>> with net negative 6.8 L. Echo showed EF 25%. His existing dual-chamber pacemaker (<<keep|Medtronic>> Azure, serial number <<device:p|PZK418822S>>) was interrogated on <<date:p|05/04/2025>> and functioning normally. Remote monitoring transmits from home monitor at IP <<ip:p|10.44.18.203>>.

He shared a semi-private room (4C-08) with another patient, <<name:o|Walter Ostrowski>>, whose family reported the television noise; this is documented only for the room-change request and that patient's information is not part of this record.

Discharge medications: <<keep|sacubitril/valsartan>> 24/26 mg BID, <<keep|carvedilol>> 6.25 mg BID, <<keep|apixaban>> 5 mg BID, furosemide 40 mg daily.

Follow-up: Heart failure clinic on <<date:p|May 16, 2025>>. Home health through Evergreen Home Care, nurse <<name:o|Bethany Cole>>, RN, phone <<phone:o|555-448-9021>>.

Health plan: Medicare Advantage, member ID <<health-plan:p|MBX882019347>>.

Wife, <<name:o|Loretta Benning>>, present for discharge teaching and verbalized understanding.

<<keep|Amara Lindqvist, MD>>
""")
