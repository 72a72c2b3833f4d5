"""YAML collections of replies: a list, a mapping of named replies, or a helpdesk export
whose reply text sits in a field (``formats.yaml.text_paths`` in the config)."""

from __future__ import annotations

from functools import lru_cache

from replylint.errors import InputError
from replylint.formats.reply import Reply
from replylint.formats.tree import MAPPING, OTHER, SEQUENCE, STRING, Node, TreeOptions, replies

NAME = "yaml"
SUFFIXES = (".yaml", ".yml")
#: ``# replylint: disable=ids`` … ``# replylint: enable=ids``, and ``disable-next-line`` /
#: ``disable-line`` (a comment at the end of the line it is about).
SUPPRESSION = (r"(?:^|(?<=\s))#\s*replylint:\s*(disable-next-line|disable-line|disable|enable)\b"
               r"(?:\s*=\s*([^#\r\n]*))?")
Options = TreeOptions

_STR_TAG = "tag:yaml.org,2002:str"
#: A fix may not write these into a scalar of this style: they would end it or change it.
_FORBIDDEN = {None: "#:{}[],&*!|>'\"%@`\n\r\t", "'": "'\n\r", '"': '"\\\n\r',
              "|": "\n\r", ">": "\n\r"}


@lru_cache(maxsize=1)
def _yaml_loader():
    """libyaml parses a large export ~10× faster than PyYAML's scanner, with the same
    marks (character offsets); composed without recursion, with bounded aliases. Built on
    first use: `replylint --help` lists the formats without importing YAML."""
    import yaml

    from replylint.yamlbound import BoundedComposer

    class Loader(BoundedComposer, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    return Loader


@lru_cache(maxsize=1)
def _resolver():
    """Resolves implicit tags without building a loader (a reader and scanner) per scalar."""
    import yaml

    return yaml.resolver.Resolver()


def parse(text: str, path: str, options: TreeOptions) -> list[Reply]:
    import yaml

    try:
        documents = list(yaml.compose_all(text, Loader=_yaml_loader()))
    except yaml.YAMLError as error:
        from replylint.yamlerrors import explain

        raise explain(error, text, path, _yaml_loader(), InputError) from None
    roots = [_tree(text, document, 0) for document in documents if document is not None]
    return replies(roots, options)


def _tree(text: str, node: yaml.Node, parent_indent: int) -> Node:
    import yaml

    if isinstance(node, yaml.MappingNode):
        indent = node.start_mark.column
        entries = []
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark.line)
            entries.append((key, _tree(text, value_node, indent)))
        return Node(MAPPING, entries)
    if isinstance(node, yaml.SequenceNode):
        indent = node.start_mark.column
        return Node(SEQUENCE, [_tree(text, item, indent) for item in node.value])
    if isinstance(node, yaml.ScalarNode) and node.style == "":
        node.style = None  # libyaml's plain style, as PyYAML spells it
    if isinstance(node, yaml.ScalarNode) and _is_string(node):
        return Node(STRING, value=node.value, build=lambda: _offsets(text, node, parent_indent))
    return Node(OTHER)


def _is_string(node: yaml.ScalarNode) -> bool:
    if node.tag == _STR_TAG:
        return True
    if node.style is None:  # an implicit tag: resolve it as the loader would
        import yaml

        resolved = _resolver().resolve(yaml.ScalarNode, node.value, (True, False))
        return resolved == _STR_TAG and node.tag in (_STR_TAG, None)
    return False


def _offsets(text: str, node: yaml.ScalarNode, parent_indent: int):
    from replylint.formats import scalars  # (here: a check without YAML files never needs it)

    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    try:
        if style in ("'", '"'):
            decoded, offsets, synthetic = scalars.quoted(text, start)
        elif style in ("|", ">"):
            decoded, offsets, synthetic = _block(text, start, parent_indent, node.value)
        else:
            decoded, offsets, synthetic = scalars.plain(text, start, end)
    except (ValueError, IndexError):
        decoded = None
    if decoded != node.value:
        # Never guess: a scanner disagreement maps every character to the scalar's start
        # (the line is still right) and leaves no verbatim run for a fix.
        return node.value, [start] * (len(node.value) + 1), range(len(node.value)), ""
    return decoded, offsets, synthetic, _FORBIDDEN.get(style, "\n\r")


def _block(text: str, start: int, parent_indent: int, expected: str):
    from replylint.formats import scalars

    result = scalars.block(text, start, parent_indent)
    if result[0] == expected:
        return result
    for indent in range(-1, 40):  # an explicit indentation indicator depends on the parent
        result = scalars.block(text, start, indent)
        if result[0] == expected:
            return result
    return result
