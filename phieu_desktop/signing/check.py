"""One signature, as checked: who signed, when, intact, chained to a trusted root, certificate valid then."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from ..domain.i18n import _
from .certificates import CertificateInfo, describe, iso_time


@dataclass(frozen=True)
class SignatureCheck:
    organization: str
    person: str
    signed_at: datetime | None  # as the signer's computer reported it (no time-stamp server offline)
    intact: bool  # the signed bytes are unchanged and the signature is mathematically valid
    trusted: bool  # the certificate chains to a root in the trust store
    valid_at_signing: bool  # the certificate was within its validity period at the signing time
    changed_after: bool = False  # a PDF changed (beyond adding signatures) after this signature
    field: str = ""  # the PDF signature field's name
    change: str = ""  # what changed after signing (changed_after), in Vietnamese
    certified_organization: str = ""  # the certificate's O exactly: what must match the unit
    expired: bool = False  # the certificate has expired by now: a time the signer states cannot revive it

    @property
    def ok(self) -> bool:
        return self.intact and not self.changed_after and self.trusted and self.valid_at_signing

    def status_text(self) -> str:
        """One Vietnamese phrase for tables and the command line."""
        if not self.intact:
            return _("chữ ký KHÔNG hợp lệ (nội dung đã bị thay đổi sau khi ký)")
        if self.changed_after:
            if self.change:
                return _("tài liệu đã bị sửa sau khi ký: {change}").format(change=self.change)
            return _("tài liệu đã bị sửa sau khi ký")
        parts = [_("nguyên vẹn")]
        parts.append(_("tin cậy") if self.trusted else _("KHÔNG thuộc chứng thư gốc được tin cậy"))
        if self.expired:
            parts.append(_("chứng thư số ĐÃ HẾT HẠN (giờ ký do máy người ký tự ghi, không làm chứng thư còn hiệu "
                           "lực)"))
        elif not self.valid_at_signing:
            parts.append(_("chứng thư số KHÔNG còn hiệu lực lúc ký"))
        return ", ".join(parts)

    def to_json(self) -> dict:
        return {"organization": self.organization, "person": self.person,
                "signed_at": iso_time(self.signed_at) if self.signed_at else None, "intact": self.intact,
                "changed_after": self.changed_after, "trusted": self.trusted,
                "valid_at_signing": self.valid_at_signing, "ok": self.ok}


def quiet_libraries() -> None:
    """pyHanko logs every failed validation with a traceback; we report the outcome in one Vietnamese line."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def validation_context(roots: list, moment: datetime | None):
    """Offline: only the given roots, nothing fetched, revocation not checkable without a network."""
    from pyhanko_certvalidator import ValidationContext

    quiet_libraries()
    return ValidationContext(trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail",
                             moment=moment or datetime.now(timezone.utc))


def key_usage():
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


def signing_time(signed_data) -> datetime | None:
    """The signingTime attribute of the first signer, if any."""
    from pyhanko.sign.validation.generic_cms import extract_self_reported_ts

    try:
        return extract_self_reported_ts(signed_data["signer_infos"][0])
    except (KeyError, IndexError, ValueError):
        return None


def from_status(status, changed_after: bool = False, field: str = "", change: str = "") -> SignatureCheck:
    """Offline there is no trusted time: the signing time is what the signer's computer wrote, so it may place
    the signature inside the certificate's validity but never revives a certificate that has expired by now."""
    info: CertificateInfo = describe(status.signing_cert)
    moment = status.signer_reported_dt
    expired = datetime.now(timezone.utc) > info.not_after
    return SignatureCheck(organization=info.organization, person=info.person, signed_at=moment,
                          intact=bool(status.intact and status.valid), trusted=bool(status.trusted),
                          valid_at_signing=bool(moment and info.valid_at(moment)) and not expired,
                          changed_after=changed_after, field=field, change=change,
                          certified_organization=info.certified_organization, expired=expired)
