"""A reply inside a file, and where each of its characters stands in the file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply inside a file.

    Attributes:
        text: the reply as the rules read it (a decoded string scalar, a CSV field…).
        offsets: the file offset of each character of ``text``, plus one entry for the
            end of the last character; ``None`` when ``text`` is a verbatim slice of the
            file starting at ``start``.
        start: the file offset of ``text[0]`` when ``offsets`` is None.
        ignored: spans of ``text`` not to lint (code, links, front matter).
        name: the reply's key, title or row, None for a whole-file reply.
        forbidden: characters a fix may not write into this reply (they would end or
            change the string it sits in).
        synthetic: indices of ``text`` that do not stand verbatim in the file (escapes,
            folded line breaks, doubled quotes).
        client: the client's message this reply answers (a collection's ``client`` column
            or key), read by the rules as context; None: not known.
    """

    text: str
    offsets: tuple[int, ...] | None = None
    start: int = 0
    ignored: tuple[tuple[int, int], ...] = ()
    name: str | None = None
    forbidden: str = ""
    synthetic: frozenset[int] = frozenset()
    client: str | None = None
    #: ``text`` before its markup was blanked out (same length), for rewrites that span
    #: the markup («Ваш <b>тикет</b> закрыт» → «Ваше <b>обращение</b> закрыто»); None: ``text``.
    unmasked: str | None = None

    def answering(self, client: str | None) -> Reply:
        """This reply with ``client`` as the message it answers, unless it has its own (a
        ``client`` column wins over ``--client``)."""
        if self.client or not client or not client.strip():
            return self
        return replace(self, client=client)

    def to_file(self, offset: int) -> int:
        """The file offset of the character at ``offset`` in :attr:`text`."""
        if self.offsets is None:
            return self.start + offset
        if offset >= len(self.offsets):
            return self.offsets[-1]
        return self.offsets[offset]

    @property
    def origin(self):
        """``to_file`` for the linter, or None when offsets are the file's own."""
        if self.offsets is None and self.start == 0:
            return None
        return self.to_file

    def verbatim_runs(self, file_text: str) -> list[tuple[int, int]]:
        """File spans whose characters are copied one to one into :attr:`text`.

        A fix may only rewrite inside one of them: elsewhere a character of the reply is
        an escape, a folded line break or a doubled quote in the file.
        """
        if self.offsets is None:
            return [(self.start, self.start + len(self.text))]
        runs: list[tuple[int, int]] = []
        run_start = None
        previous_end = None
        for index, char in enumerate(self.text):
            offset = self.offsets[index]
            is_verbatim = (index not in self.synthetic and offset < len(file_text)
                           and file_text[offset] == char)
            if is_verbatim and run_start is not None and offset == previous_end:
                previous_end = offset + 1
                continue
            if run_start is not None:
                runs.append((run_start, previous_end))
                run_start = None
            if is_verbatim:
                run_start, previous_end = offset, offset + 1
        if run_start is not None:
            runs.append((run_start, previous_end))
        return runs


@dataclass(frozen=True, slots=True)
class ParsedFile:
    format: str
    replies: list[Reply] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The ``Options`` of a format without settings (plain text, Markdown)."""


def without_html(reply: Reply) -> Reply:
    """``reply`` with the HTML of its text (tags, comments, entities) blanked out, as
    Markdown's markup is: «Ваш <b>тикет</b> закрыт» reads as three words, and a rewrite
    across the tags keeps them (:attr:`Reply.unmasked`)."""
    from replylint.formats.markdown import html_spans, mask

    spans = html_spans(reply.text)
    if not spans:
        return reply
    return replace(reply, text=mask(reply.text, spans), ignored=reply.ignored + spans, unmasked=reply.text)
