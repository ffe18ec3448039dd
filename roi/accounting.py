"""The accounting of disclosures (45 CFR 164.528): what was disclosed about a patient in the
last six years, to whom, when and why, leaving out what the rule excludes (treatment, payment
and health care operations, disclosures to the patient and under the patient's own
authorization: recorded, not listed), and the letter to the patient."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from roi import chart_access
from roi.chart_access import Actor
from roi.tables import disclosures

YEARS = 6
A_ACCOUNTING = "roi-accounting"


def six_years_before(today: date) -> date:
    try:
        return today.replace(year=today.year - YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - YEARS, day=28)


def accounting(conn: Connection, *, actor: Actor, patient_id: str, today: date | None = None,
               include_excluded: bool = False) -> dict[str, Any]:
    """The patient's accounting for the six years up to ``today``, newest first; audited."""
    today = today or datetime.now(UTC).date()
    since = datetime.combine(six_years_before(today), datetime.min.time(), UTC)
    until = datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC)
    q = (sa.select(disclosures).where(disclosures.c.patient_id == patient_id,
                                      disclosures.c.disclosed_at >= since, disclosures.c.disclosed_at < until)
         .order_by(disclosures.c.disclosed_at.desc(), disclosures.c.id.desc()))
    rows = list(conn.execute(q))
    listed = [_entry(r) for r in rows if r.accountable]
    out: dict[str, Any] = {"patient_id": patient_id, "from": since.date().isoformat(),
                           "to": today.isoformat(), "disclosures": listed,
                           "excluded_count": sum(1 for r in rows if not r.accountable)}
    if include_excluded:
        out["excluded"] = [_entry(r) for r in rows if not r.accountable]
    chart_access.audit(conn, actor, A_ACCOUNTING, patient_id=patient_id,
                       detail=f"{len(listed)} accountable disclosure(s) listed")
    return out


def _entry(r: Any) -> dict[str, Any]:
    at = r.disclosed_at if r.disclosed_at.tzinfo else r.disclosed_at.replace(tzinfo=UTC)
    return {"date": at.date().isoformat(), "recipient": r.recipient_name, "organisation": r.recipient_org,
            "address": r.recipient_address, "description": r.description, "purpose": r.purpose,
            "basis": r.legal_basis, "request_id": r.request_id}


def letter(acc: dict[str, Any], person: dict[str, Any], *, facility: str = "Health Information Management") -> str:
    """The accounting as a letter to the patient (plain text; the page prints it)."""
    name = f"{person.get('given', '')} {person.get('family', '')}".strip()
    lines = [facility, f"Date: {acc['to']}", "", f"Dear {name},", "",
             (f"You asked for an accounting of disclosures of your health information made from "
             f"{acc['from']} to {acc['to']} (45 CFR 164.528). The law does not require us to list "
             "disclosures for your treatment, for payment, for our health care operations, to you, or "
             "that you authorized in writing; those are not listed below."), ""]
    if not acc["disclosures"]:
        lines.append("We made no disclosures of your information that must be listed in this period.")
    for i, d in enumerate(acc["disclosures"], start=1):
        who = ", ".join(x for x in (d["recipient"], d["organisation"], d["address"]) if x)
        lines += [f"{i}. {d['date']}: to {who}", f"   What: {d['description']}", f"   Purpose: {d['purpose']}", ""]
    lines += ["", "This accounting is free of charge once in any 12 months.", "Sincerely,", facility]
    return "\n".join(lines)
