"""The terminal report: where, how bad, which rule, what to do — and the sentence with the
matched words highlighted and the rewrite under it."""

from __future__ import annotations

import re

from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportOptions, ScoreSum, summary

NAME = "text"

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
_LABEL = {Severity.ERROR: "ошибка", Severity.WARNING: "предупреждение", Severity.SUGGESTION: "совет"}
_CONTEXT_LIMIT = 160


def plural(count: int, forms: tuple[str, str, str]) -> str:
    """Russian plural: (1 ошибка, 2 ошибки, 5 ошибок)."""
    tail = count % 100
    if 11 <= tail <= 14:
        form = forms[2]
    elif count % 10 == 1:
        form = forms[0]
    elif 2 <= count % 10 <= 4:
        form = forms[1]
    else:
        form = forms[2]
    return f"{count} {form}"


#: Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a
#: terminal shows ("Trojan source"): a file's text or name holding them must not drive the
#: terminal (an escape sequence can recolour, move the cursor, retitle the window).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\u202e``):
    what a human reads on a terminal; machine formats (JSON, SARIF) keep the exact data."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


def _highlighted(diagnostic) -> str:
    from rich.markup import escape

    context = diagnostic.context
    start = diagnostic.context_start
    end = start + len(diagnostic.text)
    before, hit, after = context[:start], context[start:end], context[end:]
    before, hit, after = _one_line(before), _one_line(hit), _one_line(after)
    if len(before) > _CONTEXT_LIMIT // 2:
        before = "…" + before[-_CONTEXT_LIMIT // 2:]
    if len(hit) > _CONTEXT_LIMIT:
        hit = hit[:_CONTEXT_LIMIT] + "…"
    if len(after) > _CONTEXT_LIMIT // 2:
        after = after[:_CONTEXT_LIMIT // 2] + "…"
    spacer_before = " " if context[:start] and context[:start][-1].isspace() else ""
    spacer_after = " " if context[end:] and context[end:][0].isspace() else ""
    return (f"{escape(before)}{spacer_before}[bold underline]{escape(hit)}[/]"
            f"{spacer_after}{escape(after)}")


def _replaced_text(diagnostic, suggestion) -> str | None:
    """What a rewrite replaces, when it is more than the flagged words («Ваш тикет»)."""
    if suggestion.start is None or (suggestion.start, suggestion.end) == (diagnostic.start, diagnostic.end):
        return None
    begin = diagnostic.context_start + suggestion.start - diagnostic.start
    end = diagnostic.context_start + suggestion.end - diagnostic.start
    if not 0 <= begin <= end <= len(diagnostic.context):
        return None
    return _one_line(diagnostic.context[begin:end])


def render(results: list[FileResult], options: ReportOptions) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    # (None lets rich read FORCE_COLOR, as it does for a program writing to a pipe)
    console = Console(file=buffer, force_terminal=options.color, highlight=False, soft_wrap=True)
    for result in results:
        if not result.error:
            _print_diagnostics(console, result, options.show_context)
            _print_scores(console, result)
    from replylint.score import mean_score

    _print_summary(console, summary(results), mean_score([score for result in results for score in result.scores]))
    return buffer.getvalue()


class Stream:
    """The same report, written as results come: each file's (or each part of a large
    file's) diagnostics at once, the summary at the end. Nothing is kept but the counts,
    so a run over an archive of a million replies holds no more than one reply's findings.

    Args:
        options: as for :func:`render`.
        write: takes each piece of text as it is ready (``click.echo`` without a newline).
    """

    def __init__(self, options: ReportOptions, write) -> None:
        import io

        from rich.console import Console

        self.options = options
        self.write = write
        self.buffer = io.StringIO()
        self.console = Console(file=self.buffer, force_terminal=options.color, highlight=False, soft_wrap=True)
        self.totals = summary([])
        self._current: str | None = None  # the file whose parts are being written
        self._current_has_diagnostics = False
        self._file_scores = _ScoreTally()  # the scores of the file being written
        self._all_scores = ScoreSum()  # (their mean as render's, to the last bit)

    def add(self, result: FileResult, *, partial: bool = False) -> None:
        """One file's result, or (``partial``) a part of its diagnostics, more to come."""
        totals = self.totals
        if result.diagnostics:
            _print_diagnostics(self.console, result, self.options.show_context)
            self._flush()
            for diagnostic in result.diagnostics:
                totals[_SEVERITY_KEYS[diagnostic.severity]] += 1
            totals["diagnostics"] += len(result.diagnostics)
            self._current_has_diagnostics = True
        self._file_scores.add(result.scores)
        self._all_scores.add(result.scores)
        if partial:
            return
        if self._current_has_diagnostics and not result.error:
            self._file_scores.print_line(self.console, result.path)
            self._flush()
        totals["files"] += 1
        totals["files_with_errors"] += bool(result.error)
        totals["files_with_diagnostics"] += self._current_has_diagnostics
        self._current_has_diagnostics = False
        self._file_scores = _ScoreTally()

    def close(self) -> None:
        """Write the summary."""
        _print_summary(self.console, self.totals, self._all_scores.mean)
        self._flush()

    def _flush(self) -> None:
        text = self.buffer.getvalue()
        if text:
            self.write(text)
            self.buffer.seek(0)
            self.buffer.truncate()


_SEVERITY_KEYS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.SUGGESTION: "suggestions"}


def _print_diagnostics(console, result: FileResult, show_context: bool) -> None:
    from rich.markup import escape

    for diagnostic in result.diagnostics:
        style = _STYLE[diagnostic.severity]
        where = f"{visible(result.path)}:{diagnostic.line}:{diagnostic.column}"
        reply = f" [dim]({escape(visible(diagnostic.reply))})[/]" if diagnostic.reply else ""
        console.print(f"[bold]{escape(where)}[/]{reply} [{style}]{_LABEL[diagnostic.severity]}[/] "
                      f"[dim]{escape(diagnostic.rule)}[/]  {escape(visible(diagnostic.message))}")
        if show_context:
            console.print(f"    {_highlighted(diagnostic)}")
        for suggestion in diagnostic.suggestions:
            if suggestion.is_replacement:
                replaced = _replaced_text(diagnostic, suggestion)
                prefix = f"«{escape(replaced)}» " if replaced is not None else ""
                console.print(f"    [green]{prefix}→ «{escape(visible(suggestion.text))}»[/]")
            else:
                console.print(f"    [green]→[/] {escape(visible(suggestion.text))}")


#: How many of a collection's lowest-scored replies the text report names.
_WORST_SHOWN = 5


def _score_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _print_scores(console, result: FileResult) -> None:
    """The score of a file with remarks: its reply's, or a collection's mean and worst replies."""
    if result.diagnostics and result.scores:
        tally = _ScoreTally()
        tally.add(result.scores)
        tally.print_line(console, result.path)


class _ScoreTally:
    """Scores counted as they come: their mean, the few lowest and the blocker categories
    (a file of a million replies is never held to print its score line)."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.first = None
        self.worst: list = []  # the lowest scores below 10, at most _WORST_SHOWN
        self.blocked: set[str] = set()

    def add(self, scores) -> None:
        for score in scores:
            if self.first is None:
                self.first = score
            self.count += 1
            self.total += score.score
            self.blocked.update(score.blockers)
            if score.score < 10:
                self.worst.append(score)
                if len(self.worst) > 4 * _WORST_SHOWN:
                    self._trim()

    @property
    def mean(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None

    def _trim(self) -> None:
        self.worst.sort(key=lambda score: (score.score, str(score.reply)))
        del self.worst[_WORST_SHOWN:]

    def print_line(self, console, path: str) -> None:
        from rich.markup import escape

        if not self.count:
            return
        blocked = sorted(self.blocked)
        capped = f" [red](блокирующая категория: {escape(', '.join(blocked))})[/]" if blocked else ""
        where = escape(visible(path))
        if self.count == 1 and self.first.reply is None:
            console.print(f"[bold]{where}[/]: оценка {_score_text(self.first.score)} из 10{capped}")
            return
        self._trim()
        named = "; ".join(f"«{escape(visible(str(score.reply)))}» {_score_text(score.score)}" for score in self.worst)
        console.print(f"[bold]{where}[/]: средняя оценка {_score_text(self.mean)} из 10 "
                      f"по {plural(self.count, ('ответу', 'ответам', 'ответам'))}{capped}"
                      + (f"; ниже всех: {named}" if named else ""))


def _print_summary(console, totals: dict, mean: float | None = None) -> None:
    checked_files = totals["files"] - totals["files_with_errors"]
    if not checked_files:  # every file was an error, and those went to standard error
        return
    checked = plural(checked_files, ("файл", "файла", "файлов"))
    if totals["files_with_errors"]:
        checked += f"; не прочитано: {totals['files_with_errors']}"
    if totals["diagnostics"] == 0:
        console.print(f"[green]Замечаний нет[/] (проверено: {checked}).")
        return
    parts = []
    if totals["errors"]:
        parts.append(plural(totals["errors"], ("ошибка", "ошибки", "ошибок")))
    if totals["warnings"]:
        parts.append(plural(totals["warnings"], ("предупреждение", "предупреждения", "предупреждений")))
    if totals["suggestions"]:
        parts.append(plural(totals["suggestions"], ("совет", "совета", "советов")))
    files = plural(totals["files_with_diagnostics"], ("файле", "файлах", "файлах"))
    scored = f"; средняя оценка {_score_text(mean)} из 10" if mean is not None else ""
    console.print(f"[bold]Итого:[/] {', '.join(parts)} в {files} (проверено: {checked}{scored}).")
