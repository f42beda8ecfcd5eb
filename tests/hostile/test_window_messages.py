"""The window says what the command says: the consolidation window and the wizard's import show the very
reasons the library gives (no message lives in a widget)."""

from __future__ import annotations

import pytest

from tests.hostile.helpers import record

pytest.importorskip("PySide6")


def test_the_consolidation_window_shows_the_same_refusals(qtbot, qapp, tmp_path, monkeypatch):
    from pyrage import x25519

    from phieu_desktop.exchange.consolidate import Consolidator
    from phieu_desktop.exchange.intake import Credentials
    from phieu_desktop.ui.consolidation import ConsolidationWindow
    from phieu_desktop.ui.consolidation_models import status_text
    from phieu_desktop.ui.main_window import configure_application
    from tests.exchange.conftest import build_unit, export_unit
    from tests.hostile import test_consolidation_corpus as corpus

    board = x25519.Identity.generate()
    build_unit(tmp_path / "good.phieu", "Sở Y tế")
    good = export_unit(tmp_path / "good.phieu", tmp_path / "good.phieux", board.to_public())
    base = tmp_path / "base.phieu"
    build_unit(base, "Sở Công Thương")
    from phieu_desktop.domain.tally import result_to_json
    from phieu_desktop.store import SessionFile

    with SessionFile.open(base) as file:
        pieces = {"folder": tmp_path, "base": base, "results": result_to_json(file.results()),
                  "session": file.session, "fingerprint": file.fingerprint, "recipient": board.to_public()}
    bad = []
    for name in ("marks renamed", "user_version 0", "extra trigger"):
        path = tmp_path / f"{name.replace(' ', '-')}.phieux"
        path.write_bytes(corpus.package(pieces, corpus.crafted_session(pieces, corpus.MUTATIONS[name])))
        bad.append(path)
    (tmp_path / "folder.phieux").mkdir()
    bad.append(tmp_path / "folder.phieux")

    library = Consolidator(Credentials(identities=[board]))
    expected = {}
    for path in bad:
        expected[path.name] = library.add_file(path).reason

    configure_application(qapp)
    window = ConsolidationWindow()
    qtbot.addWidget(window)
    window.identities = [board]
    window.add_paths([good, *bad])
    shown = {entry.source: entry for entry in window.entries}
    differs = [path.name for path in bad if shown[path.name].problem is None
               or shown[path.name].problem.reason != expected[path.name]
               or expected[path.name] not in status_text(shown[path.name])]
    record("consolidation window (same messages as the command)", len(bad), len(differs))
    assert shown["good.phieux"].unit is not None
    assert not differs, differs
