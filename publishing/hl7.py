"""HL7 v2.5 MDM^T02 (original document notification and content), the optional second output.

Built with hl7apy; the text goes in TX OBX segments, one per line, HL7-escaped. Returned as
ER7 with ``\\r`` segment separators (wrap it in MLLP at the transport, not here).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Literal

from hl7apy.core import Message
from hl7apy.exceptions import HL7apyException

from himflow.errors import RejectedInput
from schemas.events import ReasonCode

MAX_TEXT_CHARS = 2_000_000

# TXA-17 document completion status (HL7 table 0271)
_COMPLETION = {"preliminary": "IP", "final": "AU", "amended": "AU", "entered-in-error": "DI"}


def escape(value: str) -> str:
    """HL7 v2 escaping of the default delimiters (|^~\\&) and line breaks."""
    out = value.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\")
    out = out.replace("&", "\\T\\").replace("~", "\\R\\")
    return out.replace("\r", " ").replace("\n", " ")


def _ts(dt: datetime) -> str:
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y%m%d%H%M%S")


def mdm_t02(
    *,
    doc_id: str,
    control_id: str,
    mrn: str,
    family: str,
    given: str = "",
    birth_date: date | None = None,
    type_code: str,
    type_display: str,
    text: str,
    created_at: datetime,
    doc_status: Literal["preliminary", "final", "amended", "entered-in-error"] = "final",
    author: str = "",
    encounter_id: str = "",
    sending_application: str = "HIMFLOW",
    sending_facility: str = "HIM",
    receiving_application: str = "EHR",
) -> str:
    """An MDM^T02 message (ER7, segments separated by ``\\r``)."""
    if len(text) > MAX_TEXT_CHARS:
        raise RejectedInput("document text too large for an MDM message", reason=ReasonCode.TOO_LARGE)
    try:
        m = Message("MDM_T02", version="2.5")
        m.msh.msh_3 = escape(sending_application)
        m.msh.msh_4 = escape(sending_facility)
        m.msh.msh_5 = escape(receiving_application)
        m.msh.msh_7 = _ts(datetime.now(timezone.utc))
        m.msh.msh_9 = "MDM^T02^MDM_T02"
        m.msh.msh_10 = escape(control_id)[:20]
        m.msh.msh_11 = "P"
        m.evn.evn_1 = "T02"
        m.evn.evn_2 = _ts(created_at)
        m.pid.pid_1 = "1"
        m.pid.pid_3 = f"{escape(mrn)}^^^{escape(sending_facility)}^MR"
        m.pid.pid_5 = f"{escape(family)}^{escape(given)}"
        if birth_date:
            m.pid.pid_7 = birth_date.strftime("%Y%m%d")
        m.pv1.pv1_2 = "U"
        if encounter_id:
            m.pv1.pv1_19 = escape(encounter_id)
        m.txa.txa_1 = "1"
        m.txa.txa_2 = escape(type_code)
        m.txa.txa_3 = "TX"
        m.txa.txa_4 = _ts(created_at)
        if author:
            m.txa.txa_9 = f"^{escape(author)}"
        m.txa.txa_12 = escape(doc_id)
        m.txa.txa_17 = _COMPLETION[doc_status]
        lines = text.splitlines() or [""]
        result_status = "P" if doc_status == "preliminary" else "D" if doc_status == "entered-in-error" else "F"
        for i, line in enumerate(lines, 1):
            g = m.add_group("MDM_T02_OBSERVATION")
            obx = g.add_segment("OBX")
            obx.obx_1 = str(i)
            obx.obx_2 = "TX"
            obx.obx_3 = f"{escape(type_code)}^{escape(type_display)}^LN"
            obx.obx_5 = escape(line)
            obx.obx_11 = result_status
        return m.to_er7()
    except HL7apyException as e:
        raise RejectedInput("MDM message could not be built", reason=ReasonCode.MALFORMED_EVENT) from e
