"""Digital signatures (chữ ký số): the unit's USB token (PKCS#11) or a .p12/.pfx file, PAdES PDFs, signed exports.

Nothing here is imported on the counting path: pyhanko, python-pkcs11 and cryptography are loaded only by the
functions that sign or verify, so an office without a token can still count and print.
"""
