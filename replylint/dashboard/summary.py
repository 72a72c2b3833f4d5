"""summary.json from a few small grouped tables, the same whichever engine made them.

An engine (polars locally, Dask on a cluster) reduces the linted replies and remarks to
:class:`Tables`: counts grouped by agent, week, score, rule, category and severity (a
score is a whole number of tenths, so its mean and median come out of the counts exactly).
:func:`build` turns them into the summary; nothing here depends on the engine, so two
engines that count alike write the same file byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What the summary calls a reply whose agent column is empty.
NO_AGENT = "(не указан)"
SEVERITIES = ("error", "warning", "suggestion")
#: Replies shown in the «worst replies» list.
WORST_SHOWN = 10
TOP_CATEGORIES = 3


@dataclass(slots=True)
class Tables:
    """Grouped counts of one archive (each a list of tuples, any order).

    Attributes:
        replies: (agent, week, tenths, has_remarks, blocked, count).
        findings: (agent, week, rule, category, severity, count).
        rule_replies: (rule, replies with a remark of that rule).
        category_replies: (category, replies with a remark of that category).
        agent_category_replies: (agent, category, replies).
        examples: (agent, category, sentence): the first remark's sentence, archive order.
        worst: the worst replies, worst first: dicts with reply_id, file, row, name, agent,
            time, score, and ``remarks`` (rule, severity, message, text).
    """

    replies: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    rule_replies: list = field(default_factory=list)
    category_replies: list = field(default_factory=list)
    agent_category_replies: list = field(default_factory=list)
    examples: list = field(default_factory=list)
    worst: list = field(default_factory=list)


def _agent(value) -> str:
    return NO_AGENT if value is None else value


def _mean(tenths_counts: dict) -> float | None:
    total = sum(tenths_counts.values())
    if not total:
        return None
    return round(sum(tenths * count for tenths, count in tenths_counts.items()) / total / 10, 2)


def _median(tenths_counts: dict) -> float | None:
    total = sum(tenths_counts.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]
    found = []
    seen = 0
    for tenths in sorted(tenths_counts):
        count = tenths_counts[tenths]
        found += [tenths for position in wanted if seen <= position < seen + count]
        seen += count
    return round(sum(found) / len(found) / 10, 2)


def _distribution(tenths_counts: dict) -> dict:
    bins = {f"{low}–{low + 1}": 0 for low in range(10)}
    bins["10"] = 0
    for tenths, count in tenths_counts.items():
        bins["10" if tenths >= 100 else f"{tenths // 10}–{tenths // 10 + 1}"] += count
    return bins


def _add(counter: dict, key, count: int) -> None:
    counter[key] = counter.get(key, 0) + count


def _ranked(counts: dict) -> dict:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def build(tables: Tables, meta: dict) -> dict:
    """The summary: ``meta`` (files, rows, skipped…) and what the tables count."""
    scores: dict = {}
    with_remarks = blocked = 0
    agent_scores: dict = {}
    agent_week_scores: dict = {}
    week_scores: dict = {}
    agent_with_remarks: dict = {}
    for agent, week, tenths, has_remarks, is_blocked, count in tables.replies:
        agent = _agent(agent)
        _add(scores, tenths, count)
        with_remarks += count if has_remarks else 0
        blocked += count if is_blocked else 0
        _add(agent_scores.setdefault(agent, {}), tenths, count)
        _add(agent_with_remarks, agent, count if has_remarks else 0)
        if week is not None:
            _add(week_scores.setdefault(week, {}), tenths, count)
            _add(agent_week_scores.setdefault(agent, {}).setdefault(week, {}), tenths, count)
    replies = sum(scores.values())
    severity_totals = dict.fromkeys(SEVERITIES, 0)
    by_category: dict = {}
    by_rule: dict = {}
    agent_categories: dict = {}
    agent_diagnostics: dict = {}
    week_diagnostics: dict = {}
    week_categories: dict = {}
    for agent, week, rule, category, severity, count in tables.findings:
        agent = _agent(agent)
        severity_totals[severity] += count
        entry = by_category.setdefault(category, {"diagnostics": 0, **dict.fromkeys(SEVERITIES, 0), "replies": 0})
        entry["diagnostics"] += count
        entry[severity] += count
        entry = by_rule.setdefault(rule, {"category": category, "diagnostics": 0, **dict.fromkeys(SEVERITIES, 0),
                                          "replies": 0, "share": 0.0})
        entry["diagnostics"] += count
        entry[severity] += count
        _add(agent_categories.setdefault(agent, {}), category, count)
        _add(agent_diagnostics, agent, count)
        if week is not None:
            _add(week_diagnostics, week, count)
            _add(week_categories.setdefault(week, {}), category, count)
    for category, count in tables.category_replies:
        by_category[category]["replies"] = count
    for rule, count in tables.rule_replies:
        by_rule[rule]["replies"] = count
        by_rule[rule]["share"] = round(count / replies, 4) if replies else 0.0
    agent_category_replies = {(_agent(agent), category): count
                              for agent, category, count in tables.agent_category_replies}
    examples = {(_agent(agent), category): sentence for agent, category, sentence in tables.examples}
    by_agent = {}
    if meta.get("columns", {}).get("agent"):
        for agent in sorted(agent_scores):
            categories = _ranked(agent_categories.get(agent, {}))
            top = list(categories)[:TOP_CATEGORIES]
            by_agent[agent] = {
                "replies": sum(agent_scores[agent].values()),
                "replies_with_remarks": agent_with_remarks.get(agent, 0),
                "diagnostics": agent_diagnostics.get(agent, 0),
                "score": {"mean": _mean(agent_scores[agent]), "median": _median(agent_scores[agent])},
                "by_category": categories,
                "by_week": {week: {"replies": sum(counts.values()), "score": _mean(counts)}
                            for week, counts in sorted(agent_week_scores.get(agent, {}).items())},
                "top_categories": [{"category": category, "diagnostics": categories[category],
                                    "replies": agent_category_replies.get((agent, category), 0),
                                    "example": examples.get((agent, category))} for category in top],
            }
    by_week = {week: {"replies": sum(counts.values()), "diagnostics": week_diagnostics.get(week, 0),
                      "score": _mean(counts), "by_category": _ranked(week_categories.get(week, {}))}
               for week, counts in sorted(week_scores.items())}
    return {
        **meta,
        "replies": replies,
        "replies_with_remarks": with_remarks,
        "diagnostics": sum(severity_totals.values()),
        **{f"{severity}s": count for severity, count in severity_totals.items()},
        "score": {"mean": _mean(scores), "median": _median(scores), "below_5": sum(
            count for tenths, count in scores.items() if tenths < 50), "blocked": blocked,
                  "distribution": _distribution(scores)},
        "by_category": dict(sorted(by_category.items(), key=lambda item: (-item[1]["diagnostics"], item[0]))),
        "by_rule": dict(sorted(by_rule.items(), key=lambda item: (-item[1]["diagnostics"], item[0]))),
        "by_agent": by_agent,
        "by_week": by_week,
        "worst_replies": tables.worst,
    }
