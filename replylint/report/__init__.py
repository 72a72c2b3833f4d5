"""Reporters: pure functions from results to the text a door prints.

A reporter is one module with a ``NAME`` (what ``--format`` calls it),
``render(results, options) -> str`` and a ``Stream`` that writes the same text as results
come (``Stream(options, write)``, ``add(result, partial=...)``, ``close()``: what `check`
uses, so that an archive of a million replies is never held, nor are its findings);
:data:`REGISTRY` lists them, and the CLI's choices are read from it, so a new reporter is
one new module and its name there. A reporter imports what it needs to draw (rich) inside
``render``: listing the choices stays cheap.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from json import dumps as _json_dumps  # (the name ``json`` here is the submodule once it is imported)
from json.encoder import encode_basestring as _json_string  # (what json.dumps uses with ensure_ascii=False)

from replylint.diagnostics import FileResult, Severity
from replylint.registry import Registry

#: Every reporter (modules of this package), in the order help lists them; the first is
#: the default. A reporter is imported when it is asked for.
REGISTRY = Registry(__name__, ("text", "json", "sarif", "github"))


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What a reporter may be told besides the results.

    Attributes:
        rules: the rules that ran (SARIF describes each).
        show_context: print the sentence under each diagnostic (the text report).
        color: styles for a terminal; None: as the environment says (``FORCE_COLOR``).
    """

    rules: tuple = ()
    show_context: bool = True
    color: bool | None = False


def summary(results: list[FileResult]) -> dict:
    counts = {severity: 0 for severity in Severity}
    for result in results:
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity] += 1
    return {
        "files": len(results),
        "files_with_diagnostics": sum(1 for result in results if result.diagnostics),
        "files_with_errors": sum(1 for result in results if result.error),
        "diagnostics": sum(counts.values()),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "suggestions": counts[Severity.SUGGESTION],
    }


def names() -> tuple[str, ...]:
    """Every reporter's name (``--format``); the first is the default."""
    return REGISTRY.names()


def render(results: list[FileResult], format_name: str, options: ReportOptions | None = None) -> str:
    """The results in the named format (KeyError: no such reporter)."""
    return REGISTRY.named(format_name).render(results, options or ReportOptions())


def stream(format_name: str, options: ReportOptions, write):
    """A writer of the named report as results come (KeyError: no such reporter): its
    ``add(result, partial=False)`` takes each file's result, or a part of a large file's
    diagnostics (``partial``: more of the same file follow, the last part not partial), in
    the order :func:`render` would take them; ``close()`` ends the report. ``write`` takes
    each piece of text; the pieces joined are exactly what :func:`render` returns."""
    return REGISTRY.named(format_name).Stream(options, write)


def dumped(value, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, ``level``
    levels deep inside a larger document: a streamed document is these pieces, byte for
    byte the document dumped whole.

    Written here rather than by ``json.dumps``: with ``indent`` it encodes in Python with
    closures that refer to one another, so each call leaves a reference cycle behind (a few
    kilobytes), and a report of a million pieces would wait on the garbage collector.
    """
    pieces: list[str] = []
    try:
        _encode(value, "\n" + "  " * level, pieces.append)
    except TypeError:  # (a key that is not a string: what json.dumps makes of it)
        text = _json_dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * level)
    return "".join(pieces)


def _encode(value, newline: str, put) -> None:
    if isinstance(value, str):
        put(_json_string(value))
    elif value is None:
        put("null")
    elif value is True:
        put("true")
    elif value is False:
        put("false")
    elif isinstance(value, int):
        put(int.__repr__(value))
    elif isinstance(value, float):
        put(_json_float(value))
    elif isinstance(value, (list, tuple, dict)):
        _encode_container(value, newline, put)
    else:
        raise TypeError(f"not JSON: {type(value).__name__}")


def _encode_container(value, newline: str, put) -> None:
    is_dict = isinstance(value, dict)
    if not value:
        put("{}" if is_dict else "[]")
        return
    inner = newline + "  "
    put("{" if is_dict else "[")
    separator = inner
    for item in value.items() if is_dict else value:
        put(separator)
        separator = "," + inner
        if is_dict:
            key, item = item
            if not isinstance(key, str):
                raise TypeError("a key that is not a string")
            put(_json_string(key))
            put(": ")
        _encode(item, inner, put)
    put(newline + ("}" if is_dict else "]"))


def _json_float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


class ScoreSum:
    """Reply scores as they come, for their mean: kept as 8-byte floats (a megabyte per
    100,000 replies), because :func:`replylint.score.mean_score` sums them with ``sum()``,
    whose float rounding a running total would not reproduce (Python 3.12 compensates)."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values = array("d")

    def add(self, scores) -> None:
        self.values.extend(score.score for score in scores)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        from replylint.score import mean_score

        return mean_score(self.values)


#: How much of a spooled piece of a report stays in memory before it moves to a temporary file.
SPOOL_CHARS = 1024 * 1024


class Spool:
    """The items of a JSON array that a format puts after something not known yet (the
    scores of a file's replies after its diagnostics, SARIF's results after the rules they
    name), serialized as they come and held as text: in memory up to :data:`SPOOL_CHARS`,
    beyond that in an unnamed temporary file, so memory stays flat however long the array.
    (In memory as one buffer, not a string per item: small strings kept while a reply's
    parse comes and goes pin the allocator's pools, and the process grows.)

    Args:
        level: how deep the array's items stand in the document (:func:`dumped`).
    """

    def __init__(self, level: int) -> None:
        self.level = level
        self.count = 0
        self._text = None  # (io.StringIO, or the temporary file once it is too long)
        self._spilled = False

    def add(self, value) -> None:
        indent = "  " * self.level
        text = ("\n" if not self.count else ",\n") + indent + dumped(value, self.level)
        self.count += 1
        if self._text is None:
            import io

            self._text = io.StringIO()
        self._text.write(text)
        if not self._spilled and self._text.tell() > SPOOL_CHARS:
            import tempfile

            # (surrogatepass: a name read with surrogateescape comes back as it went in)
            spilled = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline="")
            spilled.write(self._text.getvalue())
            self._text = spilled
            self._spilled = True

    def drain(self, write) -> None:
        """Write the array (``[]`` when empty, else as ``json.dumps`` lays it out) and forget it."""
        if not self.count:
            write("[]")
            return
        write("[")
        if not self._spilled:
            write(self._text.getvalue())
        else:
            self._text.seek(0)
            while piece := self._text.read(SPOOL_CHARS // 4):
                write(piece)
        write("\n" + "  " * (self.level - 1) + "]")
        self.discard()

    def discard(self) -> None:
        if self._text is not None:
            self._text.close()
        self._text = None
        self._spilled = False
        self.count = 0


class Buffered:
    """Pieces of a report gathered and handed to ``write`` some 64 KB at a time (a call
    per diagnostic would flush the output once per diagnostic), or at once by :meth:`flush`."""

    __slots__ = ("write_out", "pieces", "chars")
    LIMIT = 64 * 1024

    def __init__(self, write) -> None:
        self.write_out = write
        self.pieces: list[str] = []
        self.chars = 0

    def __call__(self, text: str) -> None:
        self.pieces.append(text)
        self.chars += len(text)
        if self.chars >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        if self.pieces:
            text = "".join(self.pieces)
            self.pieces = []
            self.chars = 0
            self.write_out(text)
