"""Autofix: apply the rewrites a rule marks ``safe``, never touching placeholders or markup,
and write the file back atomically in its own encoding, BOM and line endings.

A rewrite is applied only where it cannot change anything but the words it replaces: inside
a stretch of the file copied verbatim into the reply (not across an escape, a folded line
or a doubled quote), outside placeholders and ignored markup, with no character that would
end the string it sits in, and encodable in the file's encoding.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass

from replylint.errors import InputError, describe_os_error

#: The replaced words and their rewrite may hold only these: words, spaces and the
#: punctuation of a sentence — never markup, placeholder or escape characters.
_PLAIN = re.compile(r"^[\w \-.,!?:;«»—–()']*$")
MAX_PASSES = 4


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str
    rule: str


def plan(file_text: str, replies, diagnostics, placeholder_regex, encoding: str) -> list[Edit]:
    """The safe, non-overlapping edits for one pass over a file."""
    runs, blocked = _writable(file_text, replies, placeholder_regex)
    run_starts = [run[0] for run in runs]
    edits: list[Edit] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.start, d.end, d.rule)):
        suggestion = next((s for s in diagnostic.suggestions if s.is_replacement and s.safe), None)
        if suggestion is None or suggestion.start is None or suggestion.end is None:
            continue
        start, end, text = suggestion.start, suggestion.end, suggestion.text
        if start >= end or file_text[start:end] == text:
            continue
        index = bisect.bisect_right(run_starts, start) - 1
        if index < 0 or not (runs[index][0] <= start and end <= runs[index][1]):
            continue  # not inside one verbatim stretch of a reply
        if not _harmless(file_text[start:end], text, runs[index][2], encoding):
            continue
        if any(b_start < end and start < b_end for b_start, b_end in blocked):
            continue
        if edits and start < edits[-1].end:
            continue
        edits.append(Edit(start, end, text, diagnostic.rule))
    return edits


def _writable(file_text: str, replies, placeholder_regex):
    """The verbatim stretches of the file a fix may write in (start, end, reply), sorted,
    and the spans it may not touch: ignored markup and placeholders."""
    runs: list[tuple[int, int, object]] = []
    blocked: list[tuple[int, int]] = []
    for reply in replies:
        for start, end in reply.verbatim_runs(file_text):
            runs.append((start, end, reply))
        for start, end in reply.ignored:
            blocked.append((reply.to_file(start), reply.to_file(end)))
        if placeholder_regex is not None:
            for match in placeholder_regex.finditer(reply.text):
                blocked.append((reply.to_file(match.start()), reply.to_file(match.end())))
    runs.sort(key=lambda run: run[0])
    return runs, blocked


def _harmless(original: str, text: str, reply, encoding: str) -> bool:
    """Plain words both, no character that would end the reply's string, and encodable."""
    if not _PLAIN.match(original) or not _PLAIN.match(text):
        return False
    if any(char in reply.forbidden for char in text):
        return False
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def apply(text: str, edits: list[Edit]) -> str:
    parts = []
    position = 0
    for edit in edits:
        parts.append(text[position:edit.start])
        parts.append(edit.text)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def diff(path: str, old: str, new: str) -> str:
    """A unified diff; a relative path gets git's ``a/`` and ``b/``, an absolute path (and
    ``<stdin>``) is named as it is, so ``patch`` finds the file either way."""
    if os.path.isabs(path) or path.startswith("<"):
        names = (path, path)
    else:
        names = (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=names[0], tofile=names[1])
    result = []
    for line in lines:
        result.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(result)


def write_atomically(path: str, data: bytes, original: bytes) -> None:
    """Replace the file with ``data`` in one step: a temp file beside it, then a rename.

    The file is re-read first; if it cannot be read, or changed since it was checked,
    nothing is written. An interruption leaves either the old file or the new one.
    """
    target = os.path.realpath(path)  # a symlink keeps pointing at the fixed file
    try:
        with open(target, "rb") as handle:
            current = handle.read()
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as error:
        raise InputError(f"не исправлено: файл не перечитывается ({describe_os_error(error)})", path) from None
    if current != original:
        raise InputError("не исправлено: файл изменился, пока шла проверка", path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.",
                                             suffix=".replylint-tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
