"""Release of information (issue 14): requests, minimum-necessary packets with burned-in
redaction, sensitive-record labels (42 CFR Part 2 and others) and the accounting of
disclosures (45 CFR 164.528).

Depends on schemas/ and the spine (himflow/) only; what it needs from the patient index, the
text index and the audit log goes through one adapter, ``roi.chart_access``.
"""
