"""A YAML syntax error in a QA lead's words, at the line of the fault.

PyYAML reports where it noticed a problem, which for indentation is often the line after
the fault («did not find expected key» on the first correctly indented line after the
one that is not) or far below it. When moving one line to the indentation of a
neighbour makes the whole text parse, that line is the fault; a tab used for
indentation, which YAML forbids, is named as such.
"""

from __future__ import annotations

import re

import yaml

from replylint.errors import ReplylintError

#: PyYAML problems that a line indented wrongly causes.
_INDENTATION_PROBLEMS = ("did not find expected key", "expected <block end>", "did not find expected '-'",
                         "did not find expected <document start>", "expected '<document start>'",
                         "could not find expected ':'", "mapping values are not allowed")
#: How many lines above the one PyYAML names are tried as the fault, and how many texts
#: with one line moved are parsed at most: as many as make this many characters (libyaml
#: parses some 5 MB a second), and no more than MAX_ATTEMPTS.
LOOK_BACK = 60
PARSE_BUDGET = 1_500_000
MAX_ATTEMPTS = 120

_TAB = "табуляция в отступе: YAML разрешает отступать только пробелами"
_INDENTATION = "неверный отступ: у этой строки не такой отступ, как у соседних"
_AFTER_QUOTES = "после значения в кавычках в этой строке лишний текст: возьмите в кавычки всё значение"
_UNFINISHED = "файл кончился посреди значения: не закрыта скобка «[» или «{», или после «:» нет значения"
#: The words for the problems a QA lead meets most (PyYAML's own words otherwise).
_PROBLEMS = (
    ("did not find expected '-'", "неверный отступ: элементы списка («- …») должны стоять ровно друг под другом"),
    ("document start", "неверный отступ: ключи верхнего уровня пишутся с начала строки"),
    ("could not find expected ':'", "после ключа нет «:» (или у строки неверный отступ)"),
    ("mapping values are not allowed", "здесь не может стоять «ключ: значение»: проверьте отступ, "
                                       "а текст с двоеточием возьмите в кавычки"),
    ("did not find expected key", "неверный отступ: строка не на уровне соседних ключей"),
    ("expected <block end>", "неверный отступ: строка не на уровне соседних ключей"),
    ("found unexpected end of stream", "не закрыта кавычка"),
    ("expected ',' or ']'", "не закрыта скобка «[» или между элементами нет запятой"),
    ("expected ',' or '}'", "не закрыта скобка «{» или между элементами нет запятой"),
    ("found undefined alias", "ссылка «*…» на якорь «&…», которого нет выше"),
    # the rest of PyYAML's and libyaml's problems, so that no message is left in English
    ("node content", "здесь ожидается значение, а его нет (после «-», «:», «[» или «,»)"),
    ("sequence entries are not allowed", "элемент списка «- …» здесь не на месте: проверьте отступ "
                                         "или возьмите текст с дефисом в кавычки"),
    ("mapping keys are not allowed", "ключ «? …» здесь не на месте: проверьте отступ "
                                     "или возьмите текст с вопросительным знаком в кавычки"),
    ("tab character", _TAB),
    ("control characters", "в тексте управляющий символ, которого YAML не допускает"),
    ("special characters", "в тексте управляющий символ, которого YAML не допускает"),
    ("unacceptable character", "в тексте управляющий символ, которого YAML не допускает"),
    ("UTF-8", "текст не в кодировке UTF-8"),
    ("Unicode character", "неверный код символа после «\\u» или «\\U» в строке в двойных кавычках"),
    ("escape character", "неизвестная последовательность «\\…» в строке в двойных кавычках: удвойте "
                         "обратную косую черту или возьмите текст в одинарные кавычки"),
    ("hexadecimal", "после «\\x», «\\u» или «\\U» в строке в двойных кавычках нужны шестнадцатеричные цифры"),
    ("hexdecimal", "после «\\x», «\\u» или «\\U» в строке в двойных кавычках нужны шестнадцатеричные цифры"),
    ("comment or a line break", "после значения в этой строке лишний текст: возьмите значение в кавычки"),
    ("comment or line break", "после значения в этой строке лишний текст: возьмите значение в кавычки"),
    ("found unexpected ':'", "лишнее «:»: возьмите текст с двоеточием в кавычки"),
    ("document indicator", "«---» или «...» в начале строки внутри значения: возьмите текст в кавычки"),
    ("document separator", "«---» или «...» в начале строки внутри значения: возьмите текст в кавычки"),
    ("single document", "в файле несколько документов, разделённых «---»: нужен один"),
    ("alphabetic or numeric", "после «&», «*» или «!» должно стоять имя из букв и цифр"),
    ("duplicate anchor", "якорь «&…» с этим именем уже объявлен выше"),
    ("indentation indicator", "после «|» или «>» допустимы только «+», «-» и цифра отступа от 1 до 9"),
    ("chomping", "после «|» или «>» допустимы только «+», «-» и цифра отступа от 1 до 9"),
    ("tag", "неверный тег «!…»: возьмите текст с восклицательным знаком в кавычки"),
    ("URI", "неверный тег «!…»: возьмите текст с восклицательным знаком в кавычки"),
    ("'!'", "неверный тег «!…»: возьмите текст с восклицательным знаком в кавычки"),
    ("'>'", "неверный тег «!…»: возьмите текст с восклицательным знаком в кавычки"),
    ("directive", "неверная директива «%…»: возьмите текст со знаком процента в кавычки"),
    ("version", "неверная директива «%YAML»: поддерживается YAML 1.1 и 1.2"),
    ("YAML document", "неверная директива «%YAML»: поддерживается YAML 1.1 и 1.2"),
    ("whitespace", "после этого знака нужен пробел: возьмите текст в кавычки"),
    ("expected ' '", "после этого знака нужен пробел: возьмите текст в кавычки"),
    ("digit", "неверная директива «%…»: возьмите текст со знаком процента в кавычки"),
)


def explain(error: yaml.YAMLError, text: str, path: str, loader, kind=ReplylintError) -> ReplylintError:
    """The error (of class ``kind``) to report for ``error``, raised while ``loader``
    parsed ``text``."""
    if isinstance(error, yaml.reader.ReaderError):
        # a character YAML refuses, reported by its position in the text
        before = text[:error.position]
        line, column = before.count("\n"), error.position - (before.rfind("\n") + 1)
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or " ")
        return kind(f"ошибка YAML: в тексте управляющий символ U+{code:04X}, которого YAML не допускает",
                    path, line + 1, column + 1)
    if not isinstance(error, yaml.MarkedYAMLError):
        return kind("ошибка YAML: текст не читается как YAML", path)
    found = _explain_marked(error, text, path, loader)
    return found if kind is ReplylintError else kind(found.message, found.path, found.line, found.column)


def _explain_marked(error: yaml.MarkedYAMLError, text: str, path: str, loader) -> ReplylintError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or ""
    if mark is None:
        return ReplylintError(f"ошибка YAML: {_in_words(problem)}", path)
    lines = text.split("\n")
    line, column = mark.line, mark.column
    if _is_end(lines, line) and error.context_mark is not None:
        # an unclosed quote or bracket: say where it was opened
        line, column = error.context_mark.line, error.context_mark.column
    elif "could not find expected ':'" in problem and error.context_mark is not None:
        line, column = error.context_mark.line, error.context_mark.column  # the would-be key
    elif "document start" in problem and _indentation(_first_content(lines)) > 0:
        line = lines.index(_first_content(lines))  # the rule's keys start indented
        column = _indentation(lines[line])
    elif any(known in problem for known in _INDENTATION_PROBLEMS):
        fault = _fault_line(lines, line, loader)
        if fault != line:
            line, column = fault, _indentation(lines[fault])
            problem = _INDENTATION
    line, column, problem = _reworded(lines, line, column, problem)
    tab = _tab_in_indentation(lines, line)
    if tab is not None:
        return ReplylintError(f"ошибка YAML: {_TAB}", path, line + 1, tab + 1)
    words = _in_words(problem)
    opened = error.context_mark
    if "скобка" in words and opened is not None and opened.line != line:
        words += f" (скобка открыта в строке {opened.line + 1})"
    return ReplylintError(f"ошибка YAML: {words}", path, line + 1, column + 1)


def _reworded(lines: list[str], line: int, column: int, problem: str) -> tuple[int, int, str]:
    """Two problems PyYAML names by what it expected, said by what the writer did: text
    after a quoted value («text: "a" b»: the scalar ended at its quote), and a file that
    ends inside a value (an unclosed bracket, said at the last character)."""
    if problem != _INDENTATION and line < len(lines):
        before = lines[line][:column].rstrip()
        if "expected key" in problem and column > _indentation(lines[line]) and before.endswith(('"', "'")):
            return line, column, _AFTER_QUOTES
    if "node content" in problem and _is_end(lines, line):
        last = max((index for index, text in enumerate(lines) if text.strip()), default=0)
        return last, max(0, len(lines[last].rstrip()) - 1), _UNFINISHED
    return line, column, problem


def _in_words(problem: str) -> str:
    if problem in (_INDENTATION, _AFTER_QUOTES, _UNFINISHED):
        return problem
    for known, words in _PROBLEMS:
        if known in problem:
            return words
    if "cannot start any token" in problem:
        return "значение не может начинаться с этого знака: возьмите его в кавычки"
    if re.search("[а-яё]", problem, re.IGNORECASE):
        return problem  # replylint's own words (a repeated key, say)
    return "текст не читается как YAML"


def _is_end(lines: list[str], line: int) -> bool:
    """Whether ``line`` is past the last line with text (PyYAML reached the end)."""
    return all(not text.strip() for text in lines[line:])


def _indentation(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _tab_in_indentation(lines: list[str], line: int) -> int | None:
    """The column of a tab in the indentation of ``line`` (None: none)."""
    if line >= len(lines):
        return None
    text = lines[line]
    tab = text.find("\t")
    return tab if 0 <= tab < _indentation(text) + 1 else None


def _first_content(lines: list[str]) -> str:
    return next((text for text in lines if _content(text)), "")


def _content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _fault_line(lines: list[str], reported: int, loader) -> int:
    """The 0-based line to blame: the one PyYAML names if indenting it like a neighbour
    makes the text parse, else the nearest line above it that does, else PyYAML's."""
    if _tab_in_indentation(lines, reported) is not None:
        return reported
    attempts = [min(MAX_ATTEMPTS, max(8, PARSE_BUDGET // max(1, sum(map(len, lines)))))]
    for candidate in range(min(reported, len(lines) - 1), max(-1, reported - LOOK_BACK), -1):
        if _content(lines[candidate]) and _reindenting_fixes(lines, candidate, loader, attempts):
            return candidate
        if attempts[0] <= 0:
            break
    return reported


def _reindenting_fixes(lines: list[str], index: int, loader, attempts: list[int]) -> bool:
    text = lines[index]
    current = _indentation(text)
    before = next((_indentation(line) for line in reversed(lines[:index]) if _content(line)), 0)
    after = next((_indentation(line) for line in lines[index + 1:] if _content(line)), 0)
    for indentation in sorted({before - 2, before, before + 2, after} - {current}):
        if indentation < 0 or attempts[0] <= 0:
            continue
        attempts[0] -= 1
        fixed = lines[:index] + [" " * indentation + text.lstrip(" \t")] + lines[index + 1:]
        try:
            for _ in yaml.parse("\n".join(fixed), Loader=loader):
                pass
        except yaml.YAMLError:
            continue
        return True
    return False
