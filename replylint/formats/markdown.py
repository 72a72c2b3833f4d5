"""Markdown: one reply per file; markup that is not prose is left out, offsets are kept.

Not linted (blanked out with spaces of the same length, so every offset stays the file's own): YAML/TOML front
matter, fenced and indented code blocks, inline code, link and image targets, autolinks,
reference-link definitions, HTML comments and tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.formats.reply import Reply

NAME = "markdown"
SUFFIXES = (".md", ".markdown")
#: ``<!-- replylint-disable ids -->`` … ``<!-- replylint-enable ids -->``,
#: ``<!-- replylint-disable-next-line ids -->``, ``<!-- replylint-disable-line ids -->``.
SUPPRESSION = re.compile(r"<!--\s*replylint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->")


@dataclass(frozen=True, slots=True)
class Options:
    """Markdown has no settings: what is prose and what is markup is decided by the syntax."""


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL | re.MULTILINE)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*\r?$|\Z)", re.DOTALL | re.MULTILINE)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|(?<=\r\n\r\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_REFERENCE = re.compile(r"(?<=\])\[[^\]]*\]")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>")

_IGNORED = (_FRONT_MATTER, _FENCE, _INDENTED_CODE, _COMMENT, _IMAGE, _INLINE_CODE, _LINK_TARGET,
            _REFERENCE, _DEFINITION, _AUTOLINK, _TAG)


def ignored_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of Markdown markup and code, merged and sorted."""
    spans = []
    for pattern in _IGNORED:
        if pattern is _FRONT_MATTER:
            match = pattern.match(text)
            if match:
                spans.append(match.span())
            continue
        spans.extend(match.span() for match in pattern.finditer(text) if match.end() > match.start())
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def parse(text: str, path: str, options: Options) -> list[Reply]:
    if not text.strip():
        return []
    spans = ignored_spans(text)
    return [Reply(mask(text, spans), ignored=spans)]


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
