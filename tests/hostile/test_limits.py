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


def test_a_session_at_every_limit_prints_exports_and_consolidates(tmp_path):
    session = session_at_the_limits()
    assert len(session.papers) == limits.MAX_PAPERS
    assert max(len(p.persons) for p in session.papers) == limits.MAX_PERSONS
    path = tmp_path / "gioi-han.phieu"
    with SessionFile.create(path, session) as file:
        for paper in session.papers:
            file.add_ballots(paper.key, ["C" * len(paper.persons), "-", "L" * len(paper.persons)])
        fingerprint = file.lock()
        pages = print_document(file, "minutes", tmp_path / "bien-ban.pdf")
        print_document(file, "xlsx", tmp_path / "ket-qua.xlsx")
        board = x25519.Identity.generate()
        export_session(file, tmp_path / "gui.phieux", [board.to_public()], minutes=None)  # printed just above
    assert pages > 0 and (tmp_path / "bien-ban.pdf").stat().st_size > 0
    consolidator = Consolidator(Credentials(identities=[board]))
    unit = consolidator.add_file(tmp_path / "gui.phieux")
    assert not consolidator.problems, consolidator.problems
    assert unit.fingerprint == fingerprint
    from phieu_desktop.exchange.consolidated_xlsx import write_xlsx

    write_xlsx(consolidator.result, tmp_path / "tong-hop.xlsx")
    record("limits (a session at every limit prints, exports, consolidates)", 1, 0)


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
    for name, changed in over.items():
        problems = size_problems(changed)
        assert problems and "giới hạn" in problems[0], name
    record("limits (one over is refused)", len(over), 0)
