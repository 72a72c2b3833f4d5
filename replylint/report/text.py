"""The terminal report: where, how bad, which rule, what to do — and the sentence with the
matched words highlighted and the rewrite under it."""

from __future__ import annotations

from replylint.diagnostics import FileResult, Severity
from replylint.report import ReportOptions, summary

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


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
    _print_summary(console, summary(results), results)
    return buffer.getvalue()


def _print_diagnostics(console, result: FileResult, show_context: bool) -> None:
    from rich.markup import escape

    for diagnostic in result.diagnostics:
        style = _STYLE[diagnostic.severity]
        where = f"{result.path}:{diagnostic.line}:{diagnostic.column}"
        reply = f" [dim]({escape(diagnostic.reply)})[/]" if diagnostic.reply else ""
        console.print(f"[bold]{escape(where)}[/]{reply} [{style}]{_LABEL[diagnostic.severity]}[/] "
                      f"[dim]{escape(diagnostic.rule)}[/]  {escape(diagnostic.message)}")
        if show_context:
            console.print(f"    {_highlighted(diagnostic)}")
        for suggestion in diagnostic.suggestions:
            if suggestion.is_replacement:
                replaced = _replaced_text(diagnostic, suggestion)
                prefix = f"«{escape(replaced)}» " if replaced is not None else ""
                console.print(f"    [green]{prefix}→ «{escape(suggestion.text)}»[/]")
            else:
                console.print(f"    [green]→[/] {escape(suggestion.text)}")


#: How many of a collection's lowest-scored replies the text report names.
_WORST_SHOWN = 5


def _score_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _print_scores(console, result: FileResult) -> None:
    """The score of a file with remarks: its reply's, or a collection's mean and worst replies."""
    from rich.markup import escape

    from replylint.score import mean_score

    if not result.diagnostics or not result.scores:
        return
    scores = result.scores
    blocked = sorted({category for score in scores for category in score.blockers})
    capped = f" [red](блокирующая категория: {escape(', '.join(blocked))})[/]" if blocked else ""
    if len(scores) == 1 and scores[0].reply is None:
        console.print(f"[bold]{escape(result.path)}[/]: оценка {_score_text(scores[0].score)} из 10{capped}")
        return
    worst = sorted((score for score in scores if score.score < 10), key=lambda score: (score.score, str(score.reply)))
    named = "; ".join(f"«{escape(str(score.reply))}» {_score_text(score.score)}" for score in worst[:_WORST_SHOWN])
    console.print(f"[bold]{escape(result.path)}[/]: средняя оценка {_score_text(mean_score(scores))} из 10 "
                  f"по {plural(len(scores), ('ответу', 'ответам', 'ответам'))}{capped}"
                  + (f"; ниже всех: {named}" if named else ""))


def _print_summary(console, totals: dict, results=()) -> None:
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
    from replylint.score import mean_score

    mean = mean_score([score for result in results for score in result.scores])
    scored = f"; средняя оценка {_score_text(mean)} из 10" if mean is not None else ""
    console.print(f"[bold]Итого:[/] {', '.join(parts)} в {files} (проверено: {checked}{scored}).")
