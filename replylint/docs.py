"""Writes the tables of docs/ from the registries, so that they cannot drift from the code.

    python -m replylint.docs            # rewrite the generated parts of docs/
    python -m replylint.docs --check    # exit 1 when one is out of date (a test runs it)

A generated part stands between ``<!-- generated: NAME ... -->`` and ``<!-- end: NAME -->``
in a Markdown file; :data:`PARTS` says which function writes it.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kinds_table() -> str:
    """docs/rules.md: one row per rule kind."""
    from replylint.rules.kinds import KINDS
    from replylint.rules.options import keys_of

    rows = ["| kind | fires when | its own keys |", "|---|---|---|"]
    for kind in KINDS:
        keys = ", ".join(f"`{key}`" for key in keys_of(kind.Options))
        rows.append(f"| `{kind.NAME}` | {kind.FIRES_WHEN} | {keys} |")
    return "\n".join(rows)


def kind_keys() -> str:
    """docs/rules.md: the keys of each kind, with what they mean and their defaults."""
    from replylint.rules.kinds import KINDS
    from replylint.rules.options import is_required, written_key

    parts = []
    for kind in KINDS:
        rows = [f"#### `{kind.NAME}`", "", "| key | required | default | meaning |", "|---|---|---|---|"]
        for field in dataclasses.fields(kind.Options):
            required = is_required(field)
            default = "" if required else _default(field.default)
            rows.append(f"| `{written_key(field)}` | {'yes' if required else 'no'} | {default} | "
                        f"{field.metadata['doc']}{_limits(field.metadata['limits'], field.metadata['doc'])} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def _default(value) -> str:
    return "—" if value is None or value == () else f"`{value}`"


def _limits(limits: dict, doc: str) -> str:
    if "choices" in limits and not any(f"`{choice}`" in doc for choice in limits["choices"]):
        return ": " + ", ".join(f"`{choice}`" for choice in limits["choices"])
    if limits.get("minimum"):
        return f" (at least {limits['minimum']})"
    return ""


#: (file under the root, part name) → what writes it.
PARTS = {
    ("docs/rules.md", "kinds"): kinds_table,
    ("docs/rules.md", "kind-keys"): kind_keys,
}


def _part(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- generated: {re.escape(name)}\b[^\n]*-->\n)(.*?)(<!-- end: {re.escape(name)} -->)",
                      re.DOTALL)


def regenerate(root: Path) -> dict[Path, tuple[str, str]]:
    """Each file with generated parts: (its text now, its text with the parts written)."""
    files: dict[Path, tuple[str, str]] = {}
    for (relative, name), write in PARTS.items():
        path = root / relative
        old, new = files.get(path) or (path.read_text(encoding="utf-8"),) * 2
        pattern = _part(name)
        if not pattern.search(new):
            raise SystemExit(f"{path}: no generated part '{name}' (<!-- generated: {name} --> … <!-- end: {name} -->)")
        new = pattern.sub(lambda found: f"{found.group(1)}\n{write()}\n\n{found.group(3)}", new, count=1)
        files[path] = (old, new)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the docs are up to date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this checkout)")
    args = parser.parse_args(argv)
    stale = [path for path, (old, new) in regenerate(args.root).items() if old != new]
    if args.check:
        for path in stale:
            print(f"{path}: out of date; run `python -m replylint.docs`", file=sys.stderr)
        return 1 if stale else 0
    for path, (_, new) in regenerate(args.root).items():
        if path in stale:
            path.write_text(new, encoding="utf-8")
            print(f"{path}: rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
