"""A session at every limit at once (the most papers, persons, committee members, the longest texts, the most
people) is accepted, and then prints its minutes, exports to Excel, is sent up and consolidated."""

from __future__ import annotations

from pyrage import x25519

from phieu_desktop.documents.printing import print_document
from phieu_desktop.domain import limits
from phieu_desktop.exchange.consolidate import Consolidator
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.store import SessionFile
from tests.hostile.helpers import record, session_at_the_limits


def test_a_session_at_every_limit_prints_exports_and_consolidates(tmp_path, monkeypatch):
    """Every document kind, the log included (it failed from 140 persons on), and ballots without --copies."""
    session = session_at_the_limits()
    assert len(session.papers) == limits.MAX_PAPERS
    assert max(len(p.persons) for p in session.papers) == limits.MAX_PERSONS
    path = tmp_path / "gioi-han.phieu"
    failed: dict[str, str] = {}

    def attempt(what: str, action) -> object:
        try:
            return action()
        except Exception as err:  # noqa: BLE001 - counted: whatever is accepted must print
            failed[what] = f"{type(err).__name__}: {str(err)[:200]}"
            return None

    with SessionFile.create(path, session) as file:
        for paper in session.papers:
            file.add_ballots(paper.key, ["C" * len(paper.persons), "-", "L" * len(paper.persons)])
        fingerprint = file.lock()
        for what in ("minutes", "report", "log", "dossier", "xlsx"):
            suffix = "xlsx" if what == "xlsx" else "pdf"
            attempt(what, lambda what=what, suffix=suffix: print_document(file, what, tmp_path / f"{what}.{suffix}"))
        import phieu_desktop.documents.ballots as ballots

        printed: list[int] = []  # the ballots themselves: 5,000 copies of 150 persons are not rendered here
        monkeypatch.setattr(ballots, "ballots_pdf", lambda s, code, keys, copies, scannable=False:
                            (printed.append(copies), (b"%PDF-1.4", copies))[1])
        attempt("ballots (no --copies, 100.000 present)", lambda: ballots.ballots_bytes(file, "phieu-0"))
        board = x25519.Identity.generate()
        attempt("export", lambda: export_session(file, tmp_path / "gui.phieux", [board.to_public()],
                                                 minutes=None))  # the minutes printed just above
    consolidator = Consolidator(Credentials(identities=[board]))
    unit = attempt("consolidate", lambda: consolidator.add_file(tmp_path / "gui.phieux"))
    if consolidator.problems or getattr(unit, "fingerprint", None) != fingerprint:
        failed.setdefault("consolidate", str(consolidator.problems))
    from phieu_desktop.exchange.consolidated_xlsx import write_xlsx

    attempt("consolidated xlsx", lambda: write_xlsx(consolidator.result, tmp_path / "tong-hop.xlsx"))
    record("limits (a session at every limit prints every document, exports, consolidates)", 10, len(failed))
    assert not failed, failed
    assert printed == [ballots.MAX_COPIES]


def test_one_more_of_anything_is_refused_with_the_limit_named():
    from dataclasses import replace

    from phieu_desktop.domain.session import size_problems

    session = session_at_the_limits()
    first = session.papers[0]
    over = {
        "people": replace(session, summoned=limits.MAX_PEOPLE + 1),
        "papers": replace(session, papers=session.papers + (replace(first, key="them"),)),
        "persons": replace(session, papers=(replace(first, persons=first.persons + first.persons[:1]),)
                           + session.papers[1:]),
        "name": replace(session, organization=session.organization + "x"),
    }
    accepted = [name for name, changed in over.items()
                if not (size_problems(changed) and "giới hạn" in size_problems(changed)[0])]
    record("limits (one over is refused)", len(over), len(accepted))
    assert not accepted, accepted
