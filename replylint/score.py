"""A score per reply, from 0 to 10 (10: nothing to remark), as QA scorecards give one.

The formula (docs/report.md explains it for QA leads):

* every remark costs ``points = SEVERITY_POINTS[severity] × weight[category]``
  (error 4, warning 2, suggestion 1; a category's weight is 1 unless the team's
  ``score.weights`` says otherwise, and 0 for the ``suppression`` housekeeping remarks);
* the cost is normalised by length, per 100 words of the reply, with a floor of
  :data:`MIN_WORDS` words (a two-line reply is not let off for being short):
  ``density = points × 100 / max(words, MIN_WORDS)``;
* ``score = 10 × 0.5 ** (density / HALF_LIFE)``: every :data:`HALF_LIFE` points per 100
  words halve the score, so it never goes below zero and one remark in a long reply costs
  less than in a short one (one warning in a 40-word reply: 7.1; in 100 words: 8.7);
* a remark in a ``blocker`` category (``score.blockers``: say, rudeness) caps the score at
  ``score.blocker_cap`` (3 by default), whatever the rest: the reply fails QA.

Scores are rounded to one decimal. A file's score is the mean of its replies' scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

#: What one remark costs before its category's weight, by severity (Severity's value).
SEVERITY_POINTS = {3: 4.0, 2: 2.0, 1: 1.0}
#: Replies shorter than this many words are scored as if they had this many.
MIN_WORDS = 40
#: Points per 100 words that halve the score.
HALF_LIFE = 10.0
MAX_SCORE = 10.0
DEFAULT_BLOCKER_CAP = 3.0
#: Categories that say nothing about the reply (an unused suppression comment).
HOUSEKEEPING = {"suppression": 0.0}

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ScoreSettings:
    """The team's scoring (``score:`` in ``.replylint.yaml``).

    Attributes:
        weights: category → weight of its remarks (1 when absent).
        blockers: categories whose remarks cap the score at ``blocker_cap``.
        blocker_cap: the highest score a reply with a blocker remark gets.
    """

    weights: dict = field(default_factory=dict)
    blockers: tuple[str, ...] = ()
    blocker_cap: float = DEFAULT_BLOCKER_CAP

    def weight(self, category: str) -> float:
        if category in self.weights:
            return self.weights[category]
        return HOUSEKEEPING.get(category, 1.0)


class ReplyScore(NamedTuple):
    """The score of one reply.

    Attributes:
        reply: the reply's name in its file (None for a whole-file reply).
        score: 0–10, one decimal.
        words: the reply's words.
        points: the weighted cost of its remarks.
        blockers: the blocker categories that capped it.
    """

    reply: str | None
    score: float
    words: int
    points: float
    blockers: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"reply": self.reply, "score": self.score, "words": self.words, "points": self.points,
                "blockers": list(self.blockers)}


def words_in(text: str) -> int:
    """The words of a text, as the score counts them (runs of letters and digits)."""
    return len(_WORD.findall(text))


def score_reply(diagnostics, words: int, settings: ScoreSettings | None = None, name: str | None = None) -> ReplyScore:
    """The score of a reply of ``words`` words with these remarks."""
    settings = settings or ScoreSettings()
    points = sum(SEVERITY_POINTS[int(d.severity)] * settings.weight(d.category) for d in diagnostics)
    density = points * 100 / max(words, MIN_WORDS)
    value = MAX_SCORE * 0.5 ** (density / HALF_LIFE)
    blockers = tuple(sorted({d.category for d in diagnostics if d.category in settings.blockers}))
    if blockers:
        value = min(value, settings.blocker_cap)
    return ReplyScore(name, round(value, 1), words, round(points, 2), blockers)


def score_replies(replies, diagnostics, settings: ScoreSettings | None = None) -> tuple[ReplyScore, ...]:
    """The score of each reply of a file, from the file's diagnostics (matched to replies
    by name: a diagnostic carries the name of the reply it was found in)."""
    by_name: dict = {}
    for diagnostic in diagnostics:
        by_name.setdefault(diagnostic.reply, []).append(diagnostic)
    return tuple(score_reply(by_name.get(reply.name, ()), words_in(reply.text), settings, reply.name)
                 for reply in replies)


def mean_score(scores) -> float | None:
    """The mean of scores (ReplyScore or numbers), one decimal; None when there is none."""
    values = [score.score if isinstance(score, ReplyScore) else score for score in scores]
    return round(sum(values) / len(values), 1) if values else None
