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
import time
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


#: How long a write waits for another program's advisory lock on the file.
LOCK_WAIT = 5.0
#: A temporary file of ours older than this was left by a killed run (a write takes ms).
STALE_AFTER = 60.0
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.replylint-tmp$")
_cleaned: set[str] = set()


def write_atomically(path: str, data: bytes, original: bytes) -> None:
    """Replace the file with ``data``, unless it changed since it was checked.

    Under an advisory lock (``flock``) on the file, it is re-read and must still hold
    ``original``; its size, mtime and inode are checked again right before the new content
    takes its place, so a program that appends under the same lock never loses a write: a
    conflict is an :class:`InputError` and nothing is written. The new content goes to a
    temporary file beside it, then a rename (an interruption leaves the old file or the
    new one), keeping the mode and, where the runner may, the owner. A file with several
    hard links is written in place under the lock, so the links stay one file. A
    read-only file is refused. Every OS error is an :class:`InputError` for this file.
    """
    target = os.path.realpath(path)  # a symlink keeps pointing at the fixed file
    _remove_stale_temporaries(os.path.dirname(target))
    try:
        handle = open(target, "rb")
    except OSError as error:
        raise InputError(f"не исправлено: файл не перечитывается ({describe_os_error(error)})", path) from None
    try:
        with handle:
            info = _lock(handle, target, path)
            if not info.st_mode & stat.S_IWUSR:
                raise InputError("не исправлено: файл только для чтения", path)
            if handle.read() != original:
                raise InputError("не исправлено: файл изменился, пока шла проверка", path)
            with _interruption_deferred():
                if info.st_nlink > 1:
                    _write_in_place(target, data)
                else:
                    _replace(handle, target, data, info, path)
    except OSError as error:
        raise InputError(f"не исправлено: {describe_os_error(error)}", path) from None


def stop_on_term(signum, frame) -> None:
    """A worker's SIGTERM (the run was interrupted): stop at once and quietly. A write in
    progress holds the signal back until it is over (see :class:`_interruption_deferred`),
    so no temporary file is left and no file half written."""
    os._exit(128 + signum)


class _interruption_deferred:
    """Ctrl-C (or a worker's SIGTERM) during a write takes effect when the write is over: a
    file written in place (hard links) must not be left half old, half new. Only the main
    thread may install a signal handler; elsewhere this does nothing."""

    def __enter__(self):
        import signal
        import threading

        self.caught: list[int] = []
        self.previous: dict = {}
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                handler = signal.getsignal(number)
                if handler is signal.default_int_handler or handler is stop_on_term:
                    self.previous[number] = signal.signal(number, self._note)
        return self

    def _note(self, signum, frame) -> None:
        self.caught.append(signum)

    def __exit__(self, *exc_info) -> None:
        import signal

        for number, handler in self.previous.items():
            signal.signal(number, handler)
        if self.caught:
            self.previous[self.caught[0]](self.caught[0], None)


def _lock(handle, target: str, path: str) -> os.stat_result:
    """Take the advisory lock on the open file; it must still be the file at ``target``."""
    import fcntl

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise InputError("не исправлено: файл заблокирован другой программой", path) from None
            time.sleep(0.01)
    info = os.fstat(handle.fileno())
    if not _same_file(info, os.stat(target)):
        raise InputError("не исправлено: файл заменили, пока шла проверка", path)
    return info


def _same_file(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns) == \
        (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns)


def _write_in_place(target: str, data: bytes) -> None:
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _replace(handle, target: str, data: bytes, info: os.stat_result, path: str) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.{os.getpid()}.",
                                             suffix=".replylint-tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(descriptor, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except PermissionError:
            pass  # only the superuser may give a file away; the mode is kept all the same
        if not (_same_file(info, os.fstat(handle.fileno())) and _same_file(info, os.stat(target))):
            raise InputError("не исправлено: файл изменился, пока шла проверка", path)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _remove_stale_temporaries(directory: str) -> None:
    """Remove temporary files a killed run left here: ours by name and owner, and older
    than :data:`STALE_AFTER` or made by a process that is gone."""
    if directory in _cleaned:
        return
    _cleaned.add(directory)
    try:
        names = [name for name in os.listdir(directory) if name.endswith(".replylint-tmp")]
    except OSError:
        return
    for name in names:
        found = _TEMPORARY.match(name)
        if not found:
            continue
        temporary = os.path.join(directory, name)
        try:
            info = os.lstat(temporary)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                continue
            if time.time() - info.st_mtime > STALE_AFTER or not _alive(int(found.group(1))):
                os.unlink(temporary)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
