"""A recount written from docs/recount.md alone, as an inspector would: the chain, the replay, the seal of each
version and the tally, from a `phieu log --jsonl` file. It imports nothing from phieu_desktop (a test checks)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ZERO = "0" * 64
SESSION_KEYS = ("regime", "denominator", "crossed_out", "header", "organization", "parent", "title", "place", "date",
                "summoned", "present", "present_at_vote", "committee", "ballots")
PAPER_KEYS = ("key", "title", "voters", "issued", "returned", "persons")
PERSON_KEYS = ("name", "position", "retiring", "appointed_this_year")
MEMBER_KEYS = ("name", "role")
# docs/recount.md §5, the table of keys added later, with their defaults (seal version 3 leaves them out at these)
SESSION_ADDED: dict = {"supervisors": [], "groups": []}
PAPER_ADDED: dict = {"group": ""}
PERSON_ADDED: dict = {"serious_illness": False}
MEMBER_ADDED: dict = {}
LEVELS = {"qd96": (("C", "high"), ("T", "confidence"), ("L", "low")),
          "nq96": (("C", "high"), ("T", "confidence"), ("L", "low")),
          "nq96-bpt": (("T", "confidence"), ("K", "no_confidence"))}
ADVERSE = {"qd96": "low", "nq96": "low", "nq96-bpt": "no_confidence"}


class RecountError(Exception):
    pass


# --- §2 canonical JSON, written out by hand rather than with the json module's options ---

_NAMED = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _text(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ",".join(_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(_string(k) + ":" + _text(value[k]) for k in sorted(value)) + "}"
    raise RecountError(f"no canonical form for {type(value).__name__}")  # floats never occur


def canonical(value) -> bytes:
    return _text(value).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- §1, §3 the log and its chain ---

def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def entry_hash(prev_hash: str, entry: dict) -> str:
    body = {"seq": entry["seq"], "at": entry["at"], "action": entry["action"], "detail": entry["detail"]}
    return sha256_hex(prev_hash.encode("ascii") + canonical(body))


def check_chain(entries: list[dict]) -> None:
    prev = ZERO
    for n, entry in enumerate(entries, start=1):
        if entry["seq"] != n or entry["prev_hash"] != prev or entry_hash(prev, entry) != entry["hash"]:
            raise RecountError(f"chain broken at entry {n}")
        prev = entry["hash"]


# --- §4 replay up to the lock ---

def replay(entries: list[dict]) -> tuple[dict, dict, dict | None]:
    """(S, B, the lock entry or None): the state just before the lock entry."""
    session: dict = {}
    ballots: dict[str, dict[int, str]] = {}
    checks: dict[str, dict[int, str]] = {}
    lock = None
    for entry in entries:
        action, d = entry["action"], entry["detail"]
        if lock is not None:
            if action != "note":
                raise RecountError(f"entry {entry['seq']} after the lock")
            continue
        if action in ("created", "session_updated"):
            session = json.loads(json.dumps(d["session"]))
        elif action == "attendance":
            session["present"], session["present_at_vote"] = d["present"], d["present_at_vote"]
        elif action == "group_attendance":
            for group in session.get("groups", []):
                if group["key"] == d["group"]:
                    group["present"], group["present_at_vote"] = d["present"], d["present_at_vote"]
        elif action == "counts":
            for paper in session["ballots"]:
                if paper["key"] == d["key"]:
                    paper["issued"], paper["returned"] = d["issued"], d["returned"]
        elif action in ("ballot_added", "ballot_corrected"):
            ballots.setdefault(d["key"], {})[d["number"]] = d["marks"]
        elif action == "ballot_removed":
            ballots.get(d["key"], {}).pop(d["number"], None)
            checks.get(d["key"], {}).pop(d["number"], None)
        elif action == "check_added":
            checks.setdefault(d["key"], {})[d["number"]] = d["marks"]
        elif action == "check_ruled":
            checks.setdefault(d["key"], {})[d["number"]] = d["marks"]
            ballots.setdefault(d["key"], {})[d["number"]] = d["marks"]
        elif action == "locked":
            lock = entry
        elif action != "note":
            raise RecountError(f"unknown entry kind {action}")
    return session, ballots, lock


# --- §5 the seal ---

def _only(data: dict, keys: tuple[str, ...]) -> dict:
    return {k: data[k] for k in keys}


def session_part(session: dict) -> dict:
    part = _only(session, SESSION_KEYS)
    part["committee"] = [_only(m, MEMBER_KEYS) for m in session["committee"]]
    part["ballots"] = [{**_only(p, PAPER_KEYS), "persons": [_only(x, PERSON_KEYS) for x in p["persons"]]}
                       for p in session["ballots"]]
    return part


def _grown(data: dict, keys: tuple[str, ...], added: dict, nested: tuple[str, ...] = ()) -> dict:
    part = {}
    for key, value in data.items():
        if key in keys or key in nested:
            part[key] = value
        elif key not in added:
            raise RecountError(f"key {key!r} is not described")
        elif value != added[key]:
            part[key] = value
    return part


def session_part_v3(session: dict) -> dict:
    part = _grown(session, SESSION_KEYS, SESSION_ADDED)
    part["committee"] = [_grown(m, MEMBER_KEYS, MEMBER_ADDED) for m in session["committee"]]
    part["ballots"] = [{**_grown(p, PAPER_KEYS, PAPER_ADDED),
                        "persons": [_grown(x, PERSON_KEYS, PERSON_ADDED) for x in p["persons"]]}
                       for p in session["ballots"]]
    return part


def ballots_part(session: dict, ballots: dict) -> dict:
    return {p["key"]: [[n, m] for n, m in sorted(ballots.get(p["key"], {}).items())] for p in session["ballots"]}


def fingerprint(seal: str) -> str:
    head = seal[:24].upper()
    return "-".join(head[i:i + 4] for i in range(0, 24, 4))


def seal_of(entries: list[dict]) -> dict:
    """Check the chain and the lock; recompute the seal of the lock entry's version."""
    check_chain(entries)
    session, ballots, lock = replay(entries)
    if lock is None:
        raise RecountError("not locked")
    version = lock["detail"].get("seal_version", 1)
    common = {"session": session_part(session), "ballots": ballots_part(session, ballots)}
    if version == 1:
        payload = {"format": "phieu-seal-1", **common}
    elif version in (2, 3):
        seq = lock["seq"]
        if lock["detail"].get("log_length") != seq:
            raise RecountError("log_length is not the lock entry's number")
        head = entries[seq - 2]["hash"] if seq > 1 else ZERO
        detail = {k: v for k, v in lock["detail"].items() if k not in ("seal", "fingerprint")}
        payload = {"format": f"phieu-seal-{version}", **common, "log": {"head": head, "length": seq - 1},
                   "lock": {"seq": seq, "at": lock["at"], "detail": detail}}
        if version == 3:
            payload["session"] = session_part_v3(session)
    else:
        raise RecountError(f"seal version {version} is not described")
    seal = sha256_hex(canonical(payload))
    if seal != lock["detail"]["seal"] or fingerprint(seal) != lock["detail"]["fingerprint"]:
        raise RecountError("the seal does not match the log")
    return {"seal_version": version, "seal": seal, "fingerprint": fingerprint(seal), "log_length": lock["seq"]}


# --- §6, §7 the tally ---

def percent(count: int, d: int | None) -> str | None:
    if not d:
        return None
    h = (count * 20000 + d) // (2 * d)
    return f"{h // 100},{h % 100:02d}"


def band(adverse: int, d: int | None, regime: str) -> str:
    if not d:
        return "none"
    if regime != "nq96-bpt" and adverse * 3 >= 2 * d:
        return "two_thirds"
    if adverse * 2 > d:
        return "over_half"
    return "none"


def tally(entries: list[dict]) -> dict:
    session, ballots, lock = replay(entries)
    regime = session["regime"]
    codes = dict(LEVELS[regime])
    papers = []
    groups = session.get("groups", [])
    for paper in session["ballots"]:
        marks_list = list(ballots.get(paper["key"], {}).values())
        basis = session["denominator"]
        summoned = next((g["summoned"] for g in groups if g["key"] == paper.get("group", "")), session["summoned"])
        d = {"returned": paper["returned"], "issued": paper["issued"], "summoned": summoned}[basis]
        persons = []
        for i, person in enumerate(paper["persons"]):
            counts = {level: 0 for _code, level in LEVELS[regime]}
            invalid = 0
            for marks in marks_list:
                whole = marks == "-" or (session["crossed_out"] == "ballot" and "X" in marks)
                level = None if whole else codes.get(marks[i])
                if level is None:
                    invalid += 1
                else:
                    counts[level] += 1
            persons.append({"order": i + 1, "name": person["name"], "position": person["position"],
                            "valid": len(marks_list) - invalid, "invalid": invalid, "counts": counts,
                            "percent": {k: percent(v, d) for k, v in counts.items()},
                            "band": band(counts[ADVERSE[regime]], d, regime)})
        papers.append({"key": paper["key"], "title": paper["title"], "issued": paper["issued"],
                       "returned": paper["returned"], "entered": len(marks_list),
                       "denominator": {"basis": basis, "value": d}, "persons": persons})
    def met(group: dict) -> bool:
        return group["present"] is not None and group["present"] * 3 >= group["summoned"] * 2

    result = {"regime": regime,
              "quorum": {"summoned": session["summoned"], "present": session["present"],
                         "present_at_vote": session["present_at_vote"],
                         "met": all(met(g) for g in groups) if groups else met(session)},
              "locked": lock is not None, "fingerprint": lock["detail"]["fingerprint"] if lock else None,
              "ballots": papers}
    if groups:
        result["groups"] = [{**g, "met": met(g)} for g in groups]
        for paper, item in zip(session["ballots"], papers, strict=True):
            item["group"] = paper["group"]
    return result


def recount(folder: Path) -> tuple[dict, dict]:
    """(seal, results) recomputed from `folder/log.jsonl`."""
    entries = read_log(folder / "log.jsonl")
    return seal_of(entries), tally(entries)
