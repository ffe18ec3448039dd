"""Publishing: filing decisions -> the patient record (FHIR R4 DocumentReference, HL7 v2
MDM^T02, FHIR-server PUT). A stage: imports schemas/ and the spine only."""
