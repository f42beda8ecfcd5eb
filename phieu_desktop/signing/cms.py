"""A detached CMS (PKCS#7) signature over bytes: how an export's manifest is signed inside the encrypted envelope.

The manifest lists the SHA-256 of every other member of the package, so signing it signs the whole package.
"""

from __future__ import annotations

from ..domain.errors import PhieuError
from ..domain.i18n import _
from .check import SignatureCheck, from_status, key_usage, signing_time, validation_context
from .keys import SigningKey
from .run import run


def sign_bytes(data: bytes, key: SigningKey) -> bytes:
    """DER of a CMS SignedData, detached, SHA-256, with the signing time and the signer's certificate."""
    from datetime import datetime, timezone

    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    attributes = PdfCMSSignedAttributes(signing_time=datetime.now(timezone.utc))
    try:
        signed = run(key.signer.async_sign_general_data(data, "sha256", detached=True,
                                                        signed_attr_settings=attributes))
    except PhieuError:
        raise
    except Exception as err:  # the token refused or was pulled out
        raise PhieuError(_("Thiết bị ký số không ký được ({kind}); chưa ghi tệp nào.").format(
            kind=type(err).__name__)) from None
    return signed.dump()


def verify_bytes(data: bytes, signature: bytes, roots: list) -> SignatureCheck:
    """The check of `signature` over `data`; PhieuError when the signature cannot even be read."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms

    try:
        info = cms.ContentInfo.load(signature)
        signed_data = info["content"]
        signed_data["signer_infos"][0]  # noqa: B018 (parse now)
    except Exception:
        raise PhieuError(_("chữ ký số của gói không đọc được")) from None
    moment = signing_time(signed_data)
    try:
        status = run(async_validate_detached_cms(
            data, signed_data, signer_validation_context=validation_context(roots, moment),
            key_usage_settings=key_usage()))
    except Exception:
        raise PhieuError(_("chữ ký số của gói không kiểm tra được (chứng thư số hỏng hoặc thiếu)")) from None
    return from_status(status)
