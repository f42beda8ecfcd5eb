"""Our canonical JSON is JCS (RFC 8785) for the values we hash, checked against the `rfc8785` package (test
extra); docs/recount.md §2 says where the two would differ and why it cannot happen with our data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain.seal import canonical_bytes
from tests.conftest import DATA
from tests.recount import independent
from tests.recount.make_vectors import SOURCES

rfc8785 = pytest.importorskip("rfc8785", reason="the test extra's rfc8785 (JCS reference implementation)")
VECTORS = list(SOURCES)


@pytest.mark.parametrize("name", VECTORS)
def test_every_hashed_body_of_the_vectors_is_jcs(name):
    for entry in independent.read_log(DATA / name / "log.jsonl"):
        body = {k: entry[k] for k in ("seq", "at", "action", "detail")}
        assert canonical_bytes(body) == rfc8785.dumps(body) == independent.canonical(body)
        assert canonical_bytes(entry) == rfc8785.dumps(entry)


def test_the_seal_payloads_are_jcs(tmp_path):
    import shutil

    from phieu_desktop.store import SessionFile
    from phieu_desktop.store.integrity import seal_history

    shutil.copy(SOURCES["recount-v2"], tmp_path / "v2.phieu")
    with SessionFile.open(tmp_path / "v2.phieu") as file:
        entries = file.audit_entries()
        lock = next(e for e in entries if e.action == "locked")
        from phieu_desktop.domain.seal import seal_payload

        for version in (1, 2):
            payload = seal_payload(file.session, file.all_ballots(), version, seal_history(entries, lock))
            assert canonical_bytes(payload) == rfc8785.dumps(payload)


# Values of the shapes we hash: keys within the BMP, integers up to 2^53 - 1 in magnitude, any text, bools,
# null, nesting.
KEYS = st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)), max_size=8)
SCALARS = (st.integers(min_value=-(2 ** 53 - 1), max_value=2 ** 53 - 1) | st.booleans() | st.none()
           | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=20)


@given(VALUES)
def test_canonical_json_equals_jcs_for_our_shapes(value):
    assert canonical_bytes(value) == rfc8785.dumps(value) == independent.canonical(value)


def test_where_it_would_differ_from_jcs_as_the_document_says():
    astral_and_private_use = {"\U0001F600": 1, "\uE000": 2}  # key order: code points vs UTF-16 code units
    assert canonical_bytes(astral_and_private_use) != rfc8785.dumps(astral_and_private_use)
    with pytest.raises(rfc8785.IntegerDomainError):  # beyond 2^53 - 1 JCS has no exact integer
        rfc8785.dumps(2 ** 53)
