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
            # the same file named by a relative and an absolute path is checked once
            key = os.path.normpath(os.path.abspath(path)) if path != STDIN else STDIN
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
        # Non-blocking: opening a FIFO must not wait for a writer; then only a regular
        # file is read (a link to /dev/zero would never end).
        with open(path, "rb", opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError("не обычный файл (канал, устройство или сокет)", path)
            return handle.read()
    except IsADirectoryError:
        raise InputError("это папка", path) from None
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("битая символическая ссылка: её цели нет", path) from None
        raise InputError("файл исчез, не успев прочитаться", path) from None
    except OSError as error:
        raise InputError(f"не удаётся прочитать файл: {describe_os_error(error)}", path) from None


#: How much of a file :func:`utf8_lines` reads at a time.
READ_SIZE = 1 << 20


def plain_utf8(path: str) -> bool | None:
    """Whether a file decodes as strict UTF-8 (with or without a BOM) and holds no NUL,
    read a block at a time: then :func:`utf8_lines` reads it as :func:`decode` would.
    None: the file is blank (whitespace only). False for anything else (another encoding,
    a file that cannot be read): the caller reads it whole, which reports it.
    """
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    blank = True
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return False
            first = True
            while True:
                block = handle.read(READ_SIZE)
                if first and block.startswith(_BOMS[0][0]):
                    block = block[len(_BOMS[0][0]):]
                first = False
                if b"\x00" in block:
                    return False
                text = decoder.decode(block, final=not block)
                blank = blank and not text.strip()
                if not block:
                    return None if blank else True
    except (OSError, UnicodeDecodeError):
        return False


def utf8_lines(path: str):
    """The lines of a file :func:`plain_utf8` accepted, each with its ``\\n``, BOM dropped
    (a UTF-8 character never holds the byte of ``\\n``: splitting bytes there is exact)."""
    with open(path, "rb", opener=_open_nonblocking) as handle:
        first = True
        for raw in handle:
            if first and raw.startswith(_BOMS[0][0]):
                raw = raw[len(_BOMS[0][0]):]
            first = False
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:  # (it was UTF-8 when first read)
                raise InputError("файл изменился, пока читался: теперь это не UTF-8", path) from None


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
                raise InputError(f"не {name} после метки порядка байтов (байт {error.start})",
                                 display) from None
    if b"\x00" in data:
        raise InputError("не текстовый файл (двоичные данные)", display)
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
        raise InputError(f"не UTF-8 (байт {utf8_error.start}) и не текст в Windows-1251; "
                         "укажите --encoding", display, line)
    line_start = data.rfind(b"\n", 0, utf8_error.start) + 1
    column = len(data[line_start:utf8_error.start].decode("utf-8", "replace")) + 1
    raise InputError(f"не UTF-8: байт 0x{data[utf8_error.start]:02x} не может здесь стоять "
                     "(если файл в другой кодировке, укажите --encoding)", display, line, column)


def _decode_as(data: bytes, encoding: str, display: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"неизвестная кодировка '{encoding}' (например utf-8, cp1251)", display) from None
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
        line = data[:error.start].count(b"\n") + 1
        raise InputError(f"не удаётся прочитать в кодировке {encoding} (байт {error.start})",
                         display, line) from None


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
