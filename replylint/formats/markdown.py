"""Markdown: one reply per file; markup that is not prose is left out, offsets are kept.

Not linted (blanked out with spaces of the same length, so every offset stays the file's own): YAML/TOML front
matter, fenced and indented code blocks, inline code, link and image targets, autolinks,
reference-link definitions, HTML comments and tags, emphasis marks and a link's brackets.
A rewrite that spans markup keeps it (see :attr:`Reply.unmasked`).
"""

from __future__ import annotations

import functools
import re

from replylint.formats.reply import NoOptions, Reply

NAME = "markdown"
SUFFIXES = (".md", ".markdown")
#: ``<!-- replylint-disable ids -->`` … ``<!-- replylint-enable ids -->``,
#: ``<!-- replylint-disable-next-line ids -->``, ``<!-- replylint-disable-line ids -->``.
SUPPRESSION = r"<!--\s*replylint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->"
#: What is prose and what is markup is decided by the syntax alone.
Options = NoOptions

_FRONT_MATTER = (r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                 re.DOTALL | re.MULTILINE)
#: The markup that is not prose, in the order it is looked for (the front matter first,
#: and only at the start of the file).
_IGNORED = (
    (r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*\r?$|\Z)", re.DOTALL | re.MULTILINE),  # fences
    (r"(?:(?<=\n\n)|(?<=\r\n\r\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+", 0),  # indented code
    (r"<!--.*?-->", re.DOTALL),  # HTML comments
    (r"!\[[^\]]*\]\([^)]*\)", 0),  # images
    (r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL),  # inline code
    (r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)", 0),  # link targets
    (r"(?<=\])\[[^\]]*\]", 0),  # reference links
    (r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE),  # reference definitions
    (r"<(?:https?|ftp|mailto):[^>\s]*>", 0),  # autolinks
    (r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", 0),  # HTML tags
    # Emphasis and a link's brackets: a run of «*», «_» or «~~» that opens (after a space,
    # a bracket or the start, before a letter) or closes (the other way round), so that
    # «Ваш **тикет** закрыт» and «Ваш [тикет](…) закрыт» read as «Ваш тикет закрыт»;
    # «snake_case», «5*3» and a list's «* » are none.
    (r"(?<![\w*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s*_~])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])", 0),
    (r"\[(?=[^\[\]\n]*\][(\[])|(?<=[^\s\[])\](?=[(\[])", 0),  # a link's brackets
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Compiled on the first Markdown file: a check of other files never pays for them."""
    return re.compile(*_FRONT_MATTER), tuple(re.compile(*pattern) for pattern in _IGNORED)


def ignored_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of Markdown markup and code, merged and sorted."""
    front_matter, patterns = _patterns()
    spans = []
    match = front_matter.match(text)
    if match:
        spans.append(match.span())
    for pattern in patterns:
        spans.extend(match.span() for match in pattern.finditer(text) if match.end() > match.start())
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def parse(text: str, path: str, options: NoOptions) -> list[Reply]:
    if not text.strip():
        return []
    spans = ignored_spans(text)
    masked = mask(text, spans)
    return [Reply(masked, ignored=spans, unmasked=text if masked != text else None)]


#: HTML inside a collection's reply (macros exported from a helpdesk are often HTML): tags,
#: comments and entities, blanked out as Markdown's are.
_HTML = re.compile(r"<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});",
                   re.DOTALL)


def html_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of HTML tags, comments and entities in ``text``."""
    if "<" not in text and "&" not in text:
        return ()
    return tuple(match.span() for match in _HTML.finditer(text))


def mask(text: str, spans) -> str:
    """Blank out ignored markup, keeping its length and line breaks, so that
    «[апрува](https://…)» reads as a word and a link, not as one URL-like token, and
    every offset stays the file's own."""
    parts = []
    position = 0
    for start, end in spans:
        parts.append(text[position:start])
        parts.append("".join(char if char in "\r\n" else " " for char in text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)
