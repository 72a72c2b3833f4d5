"""Expands the paths a user gives and reads them as text, never moving an offset.

Files are read as bytes and decoded whole: line endings stay as they are (CRLF too), and a
BOM is dropped before offsets are counted. Undecodable or binary input is an
:class:`InputError` naming the file.
"""

from __future__ import annotations

import codecs
import glob
import os
import re
import stat
import sys
from dataclasses import dataclass

from replylint.errors import InputError

from replylint.formats import SUFFIXES

#: Suffixes of the files a folder is searched for (every format replylint reads).
TEXT_SUFFIXES = tuple(SUFFIXES)
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bytes = b""


def expand(arguments, suffixes=TEXT_SUFFIXES, excluded=()) -> tuple[list[str], list[InputError]]:
    """Files, directories (recursively, by suffix), globs and ``-`` → files, in a stable order."""
    found: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        # the same file named by a relative and an absolute path is checked once
        key = os.path.normpath(os.path.abspath(path)) if path != STDIN else STDIN
        if key not in seen:
            seen.add(key)
            found.append(path)

    for argument in arguments:
        if argument == STDIN:
            add(STDIN)
            continue
        if os.path.isdir(argument):
            for path in _walk(argument, suffixes):
                if not _excluded(path, excluded):
                    add(path)
            continue
        if os.path.exists(argument) or os.path.islink(argument):
            add(argument)
            continue
        if glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [path for path in matches if os.path.isfile(path) and not _excluded(path, excluded)]
            if not files:
                errors.append(InputError("no files match this pattern", argument))
            for path in files:
                add(path)
            continue
        errors.append(InputError("no such file or directory", argument))
    return found, errors


def _walk(directory: str, suffixes) -> list[str]:
    """The reply files under ``directory``. Only regular files inside the checked tree are
    taken: a FIFO, socket or device (or a link to one) is skipped, and so is a link to a
    file or folder outside the tree, so ``--fix`` never writes outside it. A broken link or
    a link loop is kept, to be reported when it is read."""
    result = []
    visited: set[str] = set()
    top = os.path.realpath(directory)
    for root, directories, files in os.walk(directory, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a symlink loop
            directories[:] = []
            continue
        visited.add(real)
        directories[:] = sorted(d for d in directories if not d.startswith(".")
                                and _inside(os.path.join(root, d), top))
        for name in sorted(files):
            if name.startswith("."):  # .replylint.yaml, .pre-commit-config.yaml: not replies
                continue
            path = os.path.join(root, name)
            if name.lower().endswith(tuple(suffixes)) and _walkable(path, top):
                result.append(path)
    return result


def _inside(path: str, top: str) -> bool:
    real = os.path.realpath(path)
    return os.path.commonpath([real, top]) == top


def _walkable(path: str, top: str) -> bool:
    try:
        info = os.stat(path)
    except OSError:  # a broken link or a loop: reported when the file is read
        return os.path.islink(path)
    return stat.S_ISREG(info.st_mode) and (not os.path.islink(path) or _inside(path, top))


def filter_files(files: list[str], arguments, root: str, include=(), exclude=()) -> list[str]:
    """Apply the config's globs (relative to ``root``): ``exclude`` to every file,
    ``include`` to files found in folders or by globs (a file named outright is checked)."""
    if not include and not exclude:
        return files
    named = {os.path.normpath(argument) for argument in arguments}
    kept = []
    for path in files:
        if path == STDIN:
            kept.append(path)
            continue
        relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        if exclude and any(_glob_match(relative, pattern) for pattern in exclude):
            continue
        if include and os.path.normpath(path) not in named and not any(
                _glob_match(relative, pattern) for pattern in include):
            continue
        kept.append(path)
    return kept


def _glob_match(relative: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    pattern = pattern[2:] if pattern.startswith("./") else pattern
    if fnmatch(relative, pattern):
        return True
    if pattern.startswith("**/") and fnmatch(relative, pattern[3:]):
        return True
    if pattern.endswith("/**") and (relative == pattern[:-3] or relative.startswith(pattern[:-2])):
        return True
    return "/" not in pattern and fnmatch(os.path.basename(relative), pattern)


def _excluded(path: str, patterns) -> bool:
    from fnmatch import fnmatch

    normalized = path.replace(os.sep, "/")
    if normalized.startswith("./"):
        normalized = normalized[2:]
    return any(fnmatch(normalized, pattern) or fnmatch(os.path.basename(path), pattern)
               for pattern in patterns)


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        # Non-blocking: opening a FIFO must not wait for a writer; then only a regular
        # file is read (a link to /dev/zero would never end).
        with open(path, "rb", opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError("not a regular file", path)
            return handle.read()
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("broken symbolic link: its target does not exist", path) from None
        raise InputError("file disappeared before it could be read", path) from None
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}", path) from None


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


#: Byte-order marks: an explicit ``--encoding`` of the same family keeps the file's own.
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ASCII = bytes(range(128))


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251.

    Windows-1251 is a guess only for a file that is not plausibly UTF-8 and reads as
    Russian; a UTF-8 file with a bad byte (or with Windows-1251 lines pasted in) is an
    error naming the line, never read as Windows-1251 garbage.
    """
    display = "<stdin>" if path == STDIN else path
    if encoding:
        return _decode_as(data, encoding, display)
    for bom, name in _BOMS[:1] + _BOMS[3:]:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name, bom)
            except UnicodeDecodeError as error:
                raise InputError(f"not valid {name} after its byte-order mark (byte {error.start})",
                                 display) from None
    if b"\x00" in data:
        raise InputError("not a text file (binary data)", display)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    line = data[:utf8_error.start].count(b"\n") + 1
    if not _plausibly_utf8(data):
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_russian(text):
            return Decoded(text, "cp1251")
        raise InputError(f"not valid UTF-8 (byte {utf8_error.start}) and not Windows-1251 text; "
                         "pass --encoding", display, line)
    line_start = data.rfind(b"\n", 0, utf8_error.start) + 1
    column = len(data[line_start:utf8_error.start].decode("utf-8", "replace")) + 1
    raise InputError(f"not valid UTF-8: byte 0x{data[utf8_error.start]:02x} cannot stand here "
                     "(pass --encoding if the file is in another encoding)", display, line, column)


def _decode_as(data: bytes, encoding: str, display: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"cannot decode as {encoding}: unknown encoding", display) from None
    bom, codec = b"", encoding
    for candidate, candidate_name in _BOMS:
        # `--encoding utf-16` on a big-endian file: keep its order and its BOM on --fix;
        # `--encoding utf-8` on a file with a BOM: the BOM is not the first word's.
        if data.startswith(candidate) and name in (candidate_name, candidate_name[:-3]):
            bom, codec = candidate, candidate_name
            break
    else:
        if name in ("utf-16", "utf-32"):  # no BOM: Python reads little-endian, so write it so
            codec = name + "-le"
    try:
        return Decoded(data[len(bom):].decode(codec), codec, bom)
    except UnicodeDecodeError as error:
        raise InputError(f"cannot decode as {encoding}: {error}", display) from None


def _plausibly_utf8(data: bytes) -> bool:
    """Whether a good share of the non-ASCII bytes form valid UTF-8 sequences. Windows-1251
    Russian forms some by chance (a capital letter before «ё» or «»»: «Пётр»), never many."""
    non_ascii = len(data.translate(None, _ASCII))
    covered = sum(len(match) for match in _UTF8_SEQUENCE.findall(data))
    return covered * 5 >= non_ascii


def _looks_russian(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return False
    cyrillic = sum(1 for char in letters if "а" <= char.lower() <= "я" or char in "ёЁ")
    return cyrillic / len(letters) > 0.5
