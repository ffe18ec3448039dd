"""The labelled-identifier recognisers of roi.detect, one HIPAA identifier type at a time, as
records write them: driver's licences, plates and VINs, device serials / UDIs / IMEIs, badge
and case numbers, photographs and biometric records; whose each is (the patient's by default,
another person's when the line names them); provider identifiers (NPI, DEA, medical licence)
kept as the treating clinicians'; states alone and line-opening words are no place."""

from __future__ import annotations

from datetime import date

from roi.detect import PatientContext, find

PAT = PatientContext(family="Fitch", given="Darnell", mrn="BW-4410932", birth_date=date(1985, 9, 30))


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {f.text: (f.kind, f.whose) for f in find(text, PAT)}


def test_driver_licence_numbers_in_the_ways_forms_write_them():
    got = _found("Identification: Driver's License No. F4420-77183-09 checked.\n"
                 "Other driver: Keisha Monroe, DL# M220-4418-7731.\n"
                 "Drivers Lic. OR 5512093 on the face sheet.\n")
    assert got["F4420-77183-09"] == ("license", "patient")
    assert got["M220-4418-7731"] == ("license", "other")
    assert got["OR 5512093"] == ("license", "patient")


def test_plates_and_vins():
    got = _found("Patient vehicle: License Plate HJK-4471, VIN: 2T1BURHE5JC043321.\n"
                 "The other driver's plate no. KLM 2290.\n")
    assert got["HJK-4471"] == ("vehicle", "patient")
    assert got["2T1BURHE5JC043321"] == ("vehicle", "patient")
    assert got["KLM 2290"] == ("vehicle", "other")


def test_device_serials_udi_and_imei():
    got = _found("Pacemaker model/serial: RNB448129S. RV lead S/N PJN7731288.\n"
                 "UDI: (01)00643169007222(17)270131(21)RNB448129S\n"
                 "Insulin pump serial # PT-10047723. Device ID: MC-24-88129-A.\n"
                 "Her daughter Janet Lowe uses a phone with IMEI 356938035643809.\n")
    for serial in ("RNB448129S", "PJN7731288", "PT-10047723", "MC-24-88129-A"):
        assert got[serial] == ("device", "patient"), serial
    assert got["(01)00643169007222(17)270131(21)RNB448129S"] == ("device", "patient")
    assert got["356938035643809"] == ("device", "other")


def test_staff_badges_are_other_peoples_and_the_patients_matter_is_theirs():
    got = _found("Responding officer: Officer Glen Hartwell, badge #4471.\n"
                 "Processed by Bethany Cole, HIM specialist (employee ID: HIM-20417).\n"
                 "Workers' compensation case no. WC-2025-0091 for the patient.\n"
                 "Passport number: X48812734.\n")
    assert got["4471"] == ("other-id", "other")
    assert got["HIM-20417"] == ("other-id", "other")
    assert got["WC-2025-0091"] == ("other-id", "patient")
    assert got["X48812734"] == ("other-id", "patient")


def test_photographs_and_biometric_records():
    got = _found("Patient photo on file: IMG_20250402_0931.jpg\n"
                 "Right index fingerprint enrolled, template FPT-00228841.\n"
                 "Voiceprint ID: VP-7731-22 (phone banking of the guarantor Daniel Park).\n")
    assert got["IMG_20250402_0931.jpg"] == ("photo", "patient")
    assert got["FPT-00228841"] == ("biometric", "patient")
    assert got["VP-7731-22"][0] == "biometric"
    # a photo "taken 04/02/2025" is a date, not a photo identifier
    assert _found("Wound photo taken 04/02/2025.").get("04/02/2025", ("date",))[0] == "date"


def test_provider_identifiers_are_the_clinicians_and_never_proposed():
    found = find("Attending: Dr. Miriam Osei, NPI 1497758312, DEA BO4417723, medical license MD-0448812.", PAT)
    ids = {f.text: f.whose for f in found if f.kind == "license"}
    assert ids == {"1497758312": "clinician", "BO4417723": "clinician", "MD-0448812": "clinician"}
    assert not [f for f in found if f.redact]


def test_a_bar_number_is_the_attorneys():
    got = _found("Request from Laura Whitfield, Esq., State Bar No. 204417, for the patient's records.")
    assert got["204417"] == ("license", "other")


def test_more_date_shapes_and_ages_over_89():
    got = _found("Seen 15-OCT-2025 and NOV 17 2025; follow-up Thu 10/9. A 94-year-old woman.\n"
                 "Labs on 9/8 were normal. Since Sept 7 no fever.\n")
    for d in ("15-OCT-2025", "NOV 17 2025", "Thu 10/9", "94-year-old", "9/8", "Sept 7"):
        assert got.get(d, ("?",))[0] == "date", d
    assert "1/2" not in _found("Take 1/2 tablet twice daily.")  # a fraction is no date


def test_a_state_alone_and_a_line_opening_word_are_no_place():
    found = find("Lives in Ohio.\nTetanus given.\nProcessed by the HIM office.\nMoved to Fairview, OR 97024.", PAT)
    places = {f.text for f in found if f.kind == "geographic"}
    assert "Ohio" not in places and "Tetanus" not in places and "Processed" not in places
    assert "Fairview, OR 97024" in places


def test_a_ten_digit_fax_number_in_a_header_line():
    got = _found("FAX TO: 5554091234   FROM: HIM Release of Information")
    assert got["5554091234"] == ("fax", "other")


def test_names_after_the_role_the_record_gives_them():
    got = _found("Guarantor: Marisol Quintero-Vance\nProcessed by Bethany Cole in Release of Information.\n"
                 "Emergency contact: Emergency Department\n")
    assert got["Marisol Quintero-Vance"] == ("name", "other")
    assert got["Bethany Cole"] == ("name", "other")
    assert "Emergency Department" not in got  # an organisation, not a person


def test_an_unlabelled_assigned_code_is_found_and_clinical_codes_are_not():
    got = _found("Scanned under XHU884201937 in the archive.\n"
                 "Her brother Tomas Reyes brought form TR-55120-B.\n"
                 "COVID-19 negative; HbA1c 7.2; E11.9; BRCA1 not tested; SpO2 98%; CD4 612.\n")
    assert got["XHU884201937"] == ("other-id", "patient")
    assert got["TR-55120-B"] == ("other-id", "other")
    for term in ("COVID-19", "HbA1c", "E11.9", "BRCA1", "SpO2", "CD4"):
        assert not [t for t in got if term in t], term


def test_an_id_written_like_the_charts_mrn_but_not_the_patients_is_another_patients():
    pat = PatientContext(family="Mirescu", given="Antonin", mrn="00482931")
    found = {f.text: (f.kind, f.whose) for f in find("Results filed under patient ID 00482913 by mistake; "
                                                     "visit ID 7731-22 is ours.", pat)}
    assert found["00482913"] == ("mrn", "other")
    assert found["7731-22"] == ("other-id", "patient")
