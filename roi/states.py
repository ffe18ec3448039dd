"""The request's state machine (pure: no I/O).

    received -> authorization-checked -> in-preparation -> quality-checked -> released
    any state before released -> denied | cancelled (with a reason)

``released`` is reached only by releasing a packet (roi.release), never by a plain move.
"""

from __future__ import annotations

from enum import StrEnum

from himflow.errors import RejectedInput


class State(StrEnum):
    RECEIVED = "received"
    AUTHORIZATION_CHECKED = "authorization-checked"
    IN_PREPARATION = "in-preparation"
    QUALITY_CHECKED = "quality-checked"
    RELEASED = "released"
    DENIED = "denied"
    CANCELLED = "cancelled"


FINAL = frozenset({State.RELEASED, State.DENIED, State.CANCELLED})
FORWARD = {
    State.RECEIVED: State.AUTHORIZATION_CHECKED,
    State.AUTHORIZATION_CHECKED: State.IN_PREPARATION,
    State.IN_PREPARATION: State.QUALITY_CHECKED,
    State.QUALITY_CHECKED: State.RELEASED,
}
# Moves a person may ask for with `advance` (release has its own command).
ADVANCEABLE = (State.AUTHORIZATION_CHECKED, State.IN_PREPARATION, State.QUALITY_CHECKED,
               State.DENIED, State.CANCELLED)
NEEDS_REASON = frozenset({State.DENIED, State.CANCELLED})

REQUESTER_TYPES = ("patient", "personal-representative", "provider", "payer", "attorney",
                   "court-order", "public-health", "law-enforcement", "other")

# The disclosure's legal basis when none is given: from the requester type (a requester with
# a signed authorization on file discloses under the authorization).
DEFAULT_BASIS = {
    "patient": "individual", "personal-representative": "individual", "provider": "treatment",
    "payer": "payment", "attorney": "authorization", "court-order": "judicial",
    "public-health": "public-health", "law-enforcement": "law-enforcement", "other": "other",
}
BASES = ("treatment", "payment", "operations", "individual", "authorization", "judicial",
         "law-enforcement", "public-health", "required-by-law", "research", "other")
# 164.528(a)(1): disclosures for treatment, payment, operations, to the individual and under
# an authorization are not in the accounting.
NOT_ACCOUNTED = frozenset({"treatment", "payment", "operations", "individual", "authorization"})


class RefusedMove(RejectedInput):
    """The state machine does not allow this move (or its preconditions are missing)."""


def check_move(current: str, target: str, *, reason: str | None) -> State:
    """The target state when ``current -> target`` is allowed, else RefusedMove."""
    try:
        cur, tgt = State(current), State(target)
    except ValueError as e:
        raise RefusedMove(f"unknown state {target!r}") from e
    if cur in FINAL:
        raise RefusedMove(f"the request is {cur.value}: it does not move any more")
    if tgt in NEEDS_REASON:
        if not (reason or "").strip():
            raise RefusedMove(f"{tgt.value} needs a reason")
        return tgt
    if tgt == State.RELEASED:
        raise RefusedMove("released only by releasing a packet (himflow roi release)")
    if FORWARD.get(cur) != tgt:
        raise RefusedMove(f"{cur.value} -> {tgt.value} is not allowed "
                          f"(next: {FORWARD[cur].value}, or denied / cancelled)")
    return tgt
