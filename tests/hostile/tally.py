"""Print the per-door table of the last hostile-suite run as Markdown: `python -m tests.hostile.tally`."""

from __future__ import annotations

from tests.hostile.helpers import tally


def main() -> None:
    rows = tally()
    print("| door | hostile inputs tried | wrongly accepted |")
    print("|---|---:|---:|")
    for door, (tried, wrong) in rows.items():
        print(f"| {door} | {tried} | {wrong} |")
    print(f"| **total** | {sum(t for t, _w in rows.values())} | {sum(w for _t, w in rows.values())} |")
    groups: dict[str, list[int]] = {}
    for door, (tried, wrong) in rows.items():  # "signatures (…)", "kills between write and record (…)" …
        group = groups.setdefault(door.split(" (")[0], [0, 0])
        group[0] += tried
        group[1] += wrong
    print()
    print("| door group | hostile inputs tried | wrongly accepted |")
    print("|---|---:|---:|")
    for group, (tried, wrong) in sorted(groups.items()):
        print(f"| {group} | {tried} | {wrong} |")


if __name__ == "__main__":
    main()
