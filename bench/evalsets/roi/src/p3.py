from p1 import P
P("Walter J. Ainsley", "QX1204476", "1952-07-21", """CONSULT NOTE - Dermatology
<<keep|Brightwater Regional Medical Center>>

Patient: <<name:p|Walter J. Ainsley>>   MRN <<mrn:p|QX1204476>>   DOB <<date:p|07/21/1952>>
Date of consult: <<date:p|06/10/2025>>   Requesting: <<keep|Dr. Samuel Okafor>>

Reason: Pigmented lesion on left upper back, enlarging over 4 months, noticed by his wife <<name:o|Joan Ainsley>>.

Exam: 9 mm asymmetric macule with irregular borders and variegated color. Dermoscopy shows atypical network and regression structures. Clinical photographs obtained: <<photo:p|[Image 1: full-face photograph of patient for identification]>>, [Image 2: close-up of left upper back lesion with ruler].

Impression: Lesion concerning for <<keep|melanoma>>. Also multiple <<keep|seborrheic keratoses>> and <<keep|actinic keratoses>> on the scalp.

Plan: Excisional biopsy performed today with 2 mm margins. Cryotherapy to four AKs. Pathology to Keystone Dermpath accession <<other-id:p|KD25-118842>>.

Family history: his brother <<name:o|Raymond Ainsley>> was treated for melanoma in 2019 at another hospital; he lives in <<geographic:o|Port Clinton, OH 43452>> and the patient will encourage him to schedule a skin check.

Patient can be reached via the portal or at home <<phone:p|(555) 318-7720>>. Results call expected <<date:p|June 17, 2025>>.

<<keep|Nadia Ferreira, MD>>, Dermatology
""")

P("Tamika L. Jefferson", "QX7719350", "1979-02-14", """HEALTH INSURANCE CLAIM - ATTACHMENT PAGE
Submitted by <<keep|Brightwater Regional Medical Center>> Patient Financial Services

Insured's name: <<name:o|Curtis Jefferson>>
Insured's ID number: <<health-plan:o|XHU884201937>>
Insured's group number: <<other-id:o|GRP-220418>>
Insured's employer: <<name:o|Midstate Logistics Inc.>>
Insured's DOB: <<date:o|08/29/1976>>
Insured's SSN: <<ssn:o|388-12-4407>>
Insured's address: <<geographic:o|5521 Coldwater Road>>, <<geographic:o|Fenwick, OH 43011>>

Patient name: <<name:p|Tamika L. Jefferson>>   Relationship to insured: Spouse
Patient DOB: <<date:p|02/14/1979>>   Patient MRN: <<mrn:p|QX7719350>>
Patient account no.: <<account:p|PFS-0048812>>
Dependent member ID: <<health-plan:p|XHU884201937-02>>

Dates of service: <<date:p|11/03/2025>> - <<date:p|11/03/2025>>
Place of service: 22 (outpatient hospital)
Diagnosis codes: <<keep|M17.11>> (<<keep|primary osteoarthritis, right knee>>)
Procedures: 20610 - arthrocentesis, major joint, with <<keep|triamcinolone>> 40 mg injection

Rendering provider: <<keep|Dr. Kwame Asante>>, NPI <<keep|1730294815>>

Coordination of benefits: The patient also reports secondary coverage through her own employer; secondary payer ID <<health-plan:p|SEC-55012778>>.

Prior authorization number: <<other-id:p|PA-7731-2025-0098>>

Remarks: Claim resubmitted after the original was denied for missing subscriber information; corrected subscriber data above was confirmed with the subscriber by telephone. Please direct questions to the billing office.

Signature on file. Date signed: <<date:p|11/03/2025>>.
""")

P("Benjamin Ezra Hollis", "QX2287713", "2011-10-09", """PEDIATRIC CLINIC NOTE
<<keep|Brightwater Children's Clinic>>

Patient: <<name:p|Benjamin Ezra Hollis>>   MRN: <<mrn:p|QX2287713>>   DOB <<date:p|10/09/2011>>
Visit date: <<date:p|01/27/2025>>

Accompanied by: mother <<name:o|Sarah Hollis>> and stepfather <<name:o|Devon Price>>. Mother's cell <<phone:o|555-281-0093>>; mother's email <<email:o|sarah.hollis.home@examplemail.net>>.

CC: 13-year-old with wheezing and nighttime cough, worse since moving into a new apartment at <<geographic:p|39 Birchmont Terrace, Apt 2R>>, <<geographic:p|Riverton, OH 44870>> in December.

History: <<keep|mild persistent asthma>> since age 6. Uses <<keep|albuterol>> 3-4 times weekly. Mother reports visible mold in the bathroom. Father (<<name:o|Kevin Hollis>>, lives separately) also has asthma.

Exam: scattered expiratory wheezes, no retractions. SpO2 97%.

School: attends Riverton Middle School; school nurse <<name:o|Ms. Alana Brooks>> faxes the medication form to <<fax:o|555-281-7700>>.

Plan: Start <<keep|fluticasone>> 44 mcg 2 puffs BID. Asthma action plan given. Letter to landlord regarding mold. Spacer device lot <<device:p|SPX-0922-1187>> dispensed.

Discussed trigger avoidance, proper inhaler technique with spacer, and when to seek emergency care. Mother verbalized understanding and teach-back was successful.

Follow up <<date:p|February 24, 2025>>.

<<keep|Grace Liu, MD>>, Pediatrics
""")

P("Constance Meyrick", "QX9054412", "1966-05-03", """PSYCHIATRY CONSULTATION - INPATIENT
<<keep|Brightwater Regional Medical Center>>

Patient: <<name:p|Constance Meyrick>>   MRN: <<mrn:p|QX9054412>>   DOB: <<date:p|05/03/1966>>
Date: <<date:p|07/29/2025>>   Requested by: Hospitalist service

Reason for consult: Evaluate depression and capacity after overdose.

HPI: 59-year-old woman admitted after intentional ingestion of approximately 30 tablets of <<keep|sertraline>> 100 mg. Found by her neighbor, <<name:o|Philip Dunmore>>, who called 911 from <<phone:o|555-614-2290>>. EMS run number <<other-id:p|EMS-25-071188>>.

She reports worsening mood since her son <<name:o|Jason Meyrick>> was incarcerated at Marion Correctional Institution (inmate no. <<other-id:o|A781-442>>). She also describes conflict with her sister <<name:o|Evelyn Trask>>, who lives in <<geographic:o|Dayton, OH 45402>>.

Mental status: Casually dressed, psychomotor slowed, mood "empty," affect constricted. Endorses passive death wish; denies current plan. No psychosis.

Assessment: <<keep|Major depressive disorder, recurrent, severe>> without psychotic features. Suicide attempt. She currently lacks capacity to refuse psychiatric admission.

Plan: Transfer to inpatient psychiatry when medically cleared. 1:1 sitter. Start <<keep|mirtazapine>> 15 mg QHS. Hold sertraline.

<<keep|Oluwaseun Adeyemi, MD>>, Psychiatry
""")
