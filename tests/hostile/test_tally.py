"""The tally itself must be able to fail: what a door wrongly accepted is counted, never written as a literal."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.hostile import helpers

HERE = Path(__file__).parent


def test_no_door_records_a_literal_wrongly_accepted_count():
    literal = []
    for path in sorted(HERE.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record"
                    and len(node.args) == 3 and isinstance(node.args[2], ast.Constant)):
                literal.append(f"{path.name}:{node.lineno}")
    assert not literal, literal


def test_a_door_whose_assertion_fails_counts_its_inputs_as_wrongly_accepted(tmp_path, monkeypatch):
    monkeypatch.setattr(helpers, "TALLY", tmp_path / "tally.jsonl")
    with pytest.raises(AssertionError), helpers.door("test door", 3) as counted:
        counted.held()
        raise AssertionError("the program accepted a hostile input")
    with helpers.door("test door", 2) as counted:
        counted.check(True)
        counted.check(False)
    with helpers.door("test door", 4) as counted:
        counted.held(1)  # three inputs never proven handled count as wrong
    lines = [json.loads(line) for line in (tmp_path / "tally.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(item["tried"], item["wrong"]) for item in lines] == [(3, 2), (2, 1), (4, 3)]
    assert helpers.tally() == {"test door": (9, 6)}
