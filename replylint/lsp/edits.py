"""The text edits behind the code actions, as (start, end, new text) on character offsets:
an inline suppression in the file's own comment syntax, and a word added to the team's
``words:`` list. Pure functions of the text: the server turns them into WorkspaceEdits.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from replylint.diagnostics import Diagnostic


class TextChange(NamedTuple):
    start: int
    end: int
    text: str


def line_break_of(text: str) -> str:
    """The file's own line break (a CRLF file gets CRLF lines)."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _indent_at(text: str, line_start: int) -> str:
    return re.match(r"[ \t]*", text[line_start:]).group(0)


def suppression(text: str, file_format: str, diagnostic: Diagnostic) -> list[TextChange] | None:
    """The comment(s) that switch the diagnostic's rule off where it stands; None: the
    format has no comments (plain text, JSON, JSONL, CSV)."""
    if file_format == "markdown":
        start = _line_start(text, diagnostic.start)
        comment = f"{_indent_at(text, start)}<!-- replylint-disable-next-line {diagnostic.rule} -->"
        return [TextChange(start, start, comment + line_break_of(text))]
    if file_format == "yaml":
        return _yaml_suppression(text, diagnostic)
    return None


def _yaml_suppression(text: str, diagnostic: Diagnostic) -> list[TextChange] | None:
    """A ``#`` inside a scalar is text, not a comment, so the directives go around the
    scalar that holds the remark: ``disable-line`` after a one-line scalar, else
    ``disable`` on a line before it and ``enable`` on a line after it."""
    node = _scalar_at(text, diagnostic.start)
    if node is None:
        return None
    start, end = node.start_mark.index, node.end_mark.index
    rule = diagnostic.rule
    line_start = _line_start(text, start)
    break_ = line_break_of(text)
    rest_of_line = re.match(r"[^\r\n]*", text[end:]).group(0)
    if "\n" not in text[start:end].rstrip("\r\n") and "\r" not in text[start:end].rstrip("\r\n") \
            and not rest_of_line.strip():
        return [TextChange(end, end, f" # replylint: disable-line={rule}")]
    indent = _indent_at(text, line_start)
    # A block scalar ends at the start of the line after its content; a flow scalar
    # ends on its last line, and the enable comment goes on a line of its own after it.
    if end > 0 and text[end - 1] in "\r\n":
        after = TextChange(end, end, f"{indent}# replylint: enable={rule}{break_}")
    else:
        line_end = end + len(rest_of_line)
        after = TextChange(line_end, line_end, f"{break_}{indent}# replylint: enable={rule}")
    before = TextChange(line_start, line_start, f"{indent}# replylint: disable={rule}{break_}")
    return [before, after]


def _scalar_at(text: str, offset: int):
    """The innermost YAML scalar node holding the offset (None: none, or broken YAML)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.start_mark.index <= offset < node.end_mark.index:
                return node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def add_word(config_text: str, word: str) -> TextChange:
    """Add ``word`` to the ``words:`` list of a YAML config, keeping the list's own style
    (flow ``[a, b]`` or block ``- a``) and everything else in the file; a file without the
    key gets ``words: [word]`` at its end."""
    break_ = line_break_of(config_text)
    quoted = _yaml_word(word)
    key = re.search(r"^words[ \t]*:[ \t]*", config_text, re.MULTILINE)
    if key is None:
        prefix = "" if not config_text or config_text.endswith(("\n", "\r")) else break_
        return TextChange(len(config_text), len(config_text), f"{prefix}words: [{quoted}]{break_}")
    after_key = key.end()
    flow = re.match(r"\[([^\]\r\n#]*)\]", config_text[after_key:])
    if flow is not None:
        close = after_key + flow.end() - 1
        inner = flow.group(1)
        separator = ", " if inner.strip() else ""
        trailing = len(inner) - len(inner.rstrip())
        return TextChange(close - trailing, close - trailing, f"{separator}{quoted}")
    line_end = after_key + len(re.match(r"[^\r\n]*", config_text[after_key:]).group(0))
    if config_text[after_key:line_end].strip() and not config_text[after_key:line_end].lstrip().startswith("#"):
        # a single word written as a scalar (`words: Пятёрочка`): make it a flow list
        value_end = after_key + len(config_text[after_key:line_end].split(" #")[0].rstrip())
        old = config_text[after_key:value_end]
        return TextChange(after_key, value_end, f"[{old}, {quoted}]")
    items = list(re.finditer(r"(?:\r\n|\r|\n)([ \t]*)-[ \t]+[^\r\n]*", config_text[line_end:]))
    last = None
    position = line_end
    for item in items:  # the block list: consecutive `- item` lines right under the key
        if item.start() + line_end != position:
            break
        last = item
        position = line_end + item.end()
    if last is None:  # `words:` with nothing under it
        return TextChange(line_end, line_end, f"{break_}  - {quoted}")
    return TextChange(position, position, f"{break_}{last.group(1)}- {quoted}")


def _yaml_word(word: str) -> str:
    """The word as a YAML scalar (quoted when YAML would read it as something else)."""
    import yaml

    plain = yaml.safe_load(f"[{word}]") if re.fullmatch(r"[\w\-. ']+", word) else None
    if plain == [word]:
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
