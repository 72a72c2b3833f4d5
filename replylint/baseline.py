"""A baseline: the findings a team accepts for now, so that CI fails only on new ones.

A team adopting replylint on hundreds of existing canned replies writes a baseline once
(``check --write-baseline FILE``) and checks against it (``check --baseline FILE``): only
findings not in it are reported. A finding is keyed by what stays put when unrelated lines
move — the file (relative to the baseline's folder), the rule, the matched words and the
sentence around them, whitespace collapsed — never by line number. Identical findings are
counted: a baseline holding one «тикет» in a sentence hides one, and a second copy of that
sentence added to the file is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field

from replylint.diagnostics import FileResult
from replylint.errors import ConfigError, describe_os_error

#: Bump when the layout changes; an older baseline is then refused, not misread.
VERSION = 1
_MARK = "replylint-baseline"


def _relative(result_path: str, folder: str) -> str:
    if result_path.startswith("<"):  # <stdin>, <text>
        return result_path
    return os.path.relpath(os.path.abspath(result_path), folder).replace(os.sep, "/")


def _key(path: str, diagnostic) -> tuple[str, str, str, str]:
    return (path, diagnostic.rule, " ".join(diagnostic.text.split()), " ".join(diagnostic.context.split()))


@dataclass(slots=True)
class Baseline:
    """The accepted findings of a baseline file, counted by key."""

    folder: str
    counts: Counter = field(default_factory=Counter)

    def filter(self, results: list[FileResult]) -> tuple[list[FileResult], int, int]:
        """The results without the accepted findings.

        Returns:
            (new results, findings hidden, accepted findings no longer found).
        """
        filtering = self.filtering()
        filtered = [filtering.filter(result) for result in results]
        return filtered, filtering.hidden, filtering.gone

    def filtering(self) -> "Filtering":
        """:meth:`filter` one result at a time, as results come (`check` streaming)."""
        return Filtering(self.folder, Counter(self.counts))


@dataclass(slots=True)
class Filtering:
    """The accepted findings not yet met, spent in the order results come: filtering the
    parts of a large file (its replies' diagnostics, in order) one by one hides what
    filtering the whole file would, so nothing needs holding."""

    folder: str
    left: Counter
    hidden: int = 0

    def filter(self, result: FileResult) -> FileResult:
        path = _relative(result.path, self.folder)
        left = self.left
        kept = []
        for diagnostic in result.diagnostics:
            key = _key(path, diagnostic)
            if left[key] > 0:
                left[key] -= 1
                self.hidden += 1
            else:
                kept.append(diagnostic)
        return FileResult(result.path, kept, result.error, result.text, result.scores)

    @property
    def gone(self) -> int:
        """Accepted findings not met (once every result is filtered: no longer found)."""
        return sum(self.left.values())


def load(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed one is a :class:`ConfigError`."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ConfigError("нет такого файла базовой линии (создайте его: check --write-baseline ФАЙЛ)",
                          path) from None
    except OSError as error:
        raise ConfigError(f"не удаётся прочитать базовую линию: {describe_os_error(error)}", path) from None
    except json.JSONDecodeError as error:
        from replylint.formats.jsonfile import json_problem

        raise ConfigError(f"базовая линия — не JSON ({json_problem(error.msg)})", path, error.lineno,
                          error.colno) from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"базовая линия — не UTF-8 (байт {error.start})", path) from None
    if not isinstance(data, dict) or data.get(_MARK) != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"не базовая линия replylint версии {VERSION} (запишите её заново: --write-baseline)",
                          path)
    counts: Counter = Counter()
    for finding in data["findings"]:
        try:
            key = (finding["path"], finding["rule"], finding["text"], finding["context"])
            counts[key] += int(finding.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(f"запись базовой линии без path, rule, text или context: {finding!r}",
                              path) from None
    return Baseline(os.path.dirname(os.path.abspath(path)), counts)


def write(path: str, results: list[FileResult]) -> tuple[int, int]:
    """Write every finding of ``results`` as the baseline; returns (findings, files)."""
    folder = os.path.dirname(os.path.abspath(path))
    counts: Counter = Counter()
    for result in results:
        relative = _relative(result.path, folder)
        for diagnostic in result.diagnostics:
            counts[_key(relative, diagnostic)] += 1
    findings = [{"path": key[0], "rule": key[1], "text": key[2], "context": key[3], "count": count}
                for key, count in sorted(counts.items())]
    data = {_MARK: VERSION, "findings": findings}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise ConfigError(f"не удаётся записать базовую линию: {describe_os_error(error)}", path) from None
    return sum(counts.values()), len({key[0] for key in counts})
