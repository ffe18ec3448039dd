"""Re-entering the password to sign (``HIMFLOW_WEB_SIGN_REAUTH``): one check for the dictation
page and the signature queue.

The password is the account's desk password, checked as a sign-in is (``auth.reverify_password``:
argon2, the same throttle per account and address). Every refusal writes a
``sign-reauth-failed`` audit row, committed even though nothing is signed. Single sign-on
does not stand in for it: an account that signs in through OIDC is asked for its desk
password too (re-authenticating at the identity provider is not done; desk/README.md)."""

from __future__ import annotations

from dataclasses import dataclass

from desk import audit
from desk.auth import SignInRefused, reverify_password
from desk.ctx import Ctx

MAX_PASSWORD_CHARS = 1024


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int  # 401 wrong password, 429 made to wait
    retry_after_s: int = 0


def required(ctx: Ctx) -> bool:
    return ctx.web.options.sign_reauth


def _wait(seconds: int) -> str:
    return f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"


def confirm(ctx: Ctx, *, doc_id: str, patient_id: str | None) -> Refusal | None:
    """None when signing may go on (the setting is off, or the password is right), else why
    not. Runs in a transaction of its own so the failure and its audit row are kept."""
    if not required(ctx):
        return None
    password = str(ctx.form.get("password", ""))[:MAX_PASSWORD_CHARS]
    refused: SignInRefused | None = None
    with ctx.tx() as conn:
        try:
            if not password:
                raise SignInRefused(locked=False)
            reverify_password(conn, user=ctx.user, password=password, ip=ctx.where.ip,
                              policy=ctx.web.options.policy)
        except SignInRefused as e:
            refused = e
            audit.record(conn, user=ctx.user, action=audit.SIGN_REAUTH_FAILED, where=ctx.where,
                         doc_id=doc_id, patient_id=patient_id,
                         detail=("throttled" if e.locked else
                                 "no password entered" if not password else "wrong password"))
    if refused is None:
        return None
    if refused.locked:
        return Refusal(message=(f"Too many wrong passwords from this computer. Try again in "
                                f"{_wait(refused.retry_after_s)} or ask an administrator to unlock "
                                "your account. Nothing was signed."),
                       status=429, retry_after_s=refused.retry_after_s)
    if not password:
        return Refusal(message="Enter your password to sign. Nothing was signed.", status=401)
    return Refusal(message="That password is wrong. Nothing was signed.", status=401)
