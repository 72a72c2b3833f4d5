"""Expands the paths a user gives and reads them as text, never moving an offset.

Files are read as bytes and decoded whole: line endings stay as they are (CRLF too), and a
BOM is dropped before offsets are counted. Undecodable or binary input is an
:class:`InputError` naming the file.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass

from replylint.errors import InputError, describe_os_error

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bytes = b""


def expand(arguments, root: str = ".", include=(), exclude=()) -> tuple[list[str], list[InputError]]:
    """Files, folders (recursively, by suffix), globs and ``-`` → files, in a stable order.

    The config's globs (relative to ``root``) are applied: ``exclude`` to every file,
    ``include`` to the files found in folders or by globs (a file named outright is
    checked). A folder or glob that yields no file to check is an error: a CI job must not
    pass while checking nothing.
    """
    found: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(paths: list[str]) -> None:
        for path in paths:
            key = os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)

    def kept(paths: list[str], named: bool) -> list[str]:
        return [path for path in paths if _wanted(path, root, include, exclude, named)]

    for argument in arguments:
        if argument == STDIN:
            add([STDIN])
        elif os.path.isdir(argument):
            candidates = _walk(argument, _known_suffixes())
            files = kept(candidates, named=False)
            if not files:
                errors.append(InputError(_empty_folder(candidates), argument))
            add(files)
        elif os.path.exists(argument) or os.path.islink(argument):
            add(kept([argument], named=True))
        elif glob.has_magic(argument):
            candidates = [path for path in sorted(glob.glob(argument, recursive=True)) if os.path.isfile(path)]
            files = kept(candidates, named=False)
            if not files:
                errors.append(InputError("ни один файл не подходит под шаблон" if not candidates else
                                         "все файлы по шаблону исключены настройками include/exclude", argument))
            add(files)
        else:
            errors.append(InputError("нет такого файла или папки", argument))
    return found, errors


def _empty_folder(candidates: list[str]) -> str:
    if candidates:
        return "все файлы папки исключены настройками include/exclude"
    suffixes = ", ".join(_known_suffixes())
    return f"в папке нет файлов известного формата ({suffixes}); проверять нечего"


def _known_suffixes() -> tuple[str, ...]:
    """The suffixes of the files a folder is searched for (every format replylint reads)."""
    from replylint.formats import suffixes

    return tuple(suffixes())


def _walk(directory: str, suffixes) -> list[str]:
    result = []
    visited: set[str] = set()
    for root, directories, files in os.walk(directory, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a symlink loop
            directories[:] = []
            continue
        visited.add(real)
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):  # .replylint.yaml, .pre-commit-config.yaml: not replies
                continue
            if name.lower().endswith(tuple(suffixes)):
                result.append(os.path.join(root, name))
    return result


def _wanted(path: str, root: str, include, exclude, named: bool) -> bool:
    if not include and not exclude:
        return True
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    if exclude and any(_glob_match(relative, pattern) for pattern in exclude):
        return False
    return named or not include or any(_glob_match(relative, pattern) for pattern in include)


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


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError("это папка", path) from None
    except FileNotFoundError:
        raise InputError("файл исчез, не успев прочитаться", path) from None
    except OSError as error:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(error)}", path) from None


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251."""
    display = "<stdin>" if path == STDIN else path
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as error:
            line = data[:error.start].count(b"\n") + 1
            raise InputError(f"не удаётся прочитать в кодировке {encoding} (байт {error.start})",
                             display, line) from None
        except LookupError:
            raise InputError(f"неизвестная кодировка '{encoding}' (например utf-8, cp1251)", display) from None
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name, bom)
            except UnicodeDecodeError as error:
                raise InputError(f"не {name} после метки порядка байтов (байт {error.start})",
                                 display) from None
    if b"\x00" in data:
        raise InputError("не текстовый файл (двоичные данные)", display)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_russian(text):
        return Decoded(text, "cp1251")
    line = data[:utf8_error.start].count(b"\n") + 1
    raise InputError(f"не UTF-8 (байт {utf8_error.start}) и не текст в Windows-1251; "
                     "укажите --encoding", display, line)


def _looks_russian(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return False
    cyrillic = sum(1 for char in letters if "а" <= char.lower() <= "я" or char in "ёЁ")
    return cyrillic / len(letters) > 0.5
