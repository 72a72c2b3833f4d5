"""index.html: the summary as one self-contained page in Russian (plots drawn by
matplotlib into inline SVG, the layout a jinja2 template shipped in the package)."""

from __future__ import annotations

import io
import re

#: Categories drawn week by week (the rest would be noise on one plot).
CATEGORIES_OVER_TIME = 6
RULES_SHOWN = 12
_PALETTE = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d")


def number(value, digits: int = 0) -> str:
    """A number as Russian text: thin spaces between thousands, a decimal comma."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def percent(part: int, whole: int) -> str:
    return "—" if not whole else number(100 * part / whole, 1 if 100 * part / whole < 10 else 0) + "\u00a0%"


def _svg(figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text[text.index("<svg"):], flags=re.DOTALL)
    return text


def _axes(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "replylint", "font.size": 10,
                         "font.family": "DejaVu Sans", "axes.spines.top": False, "axes.spines.right": False,
                         "axes.edgecolor": "#94a3b8", "axes.labelcolor": "#334155", "xtick.color": "#475569",
                         "ytick.color": "#475569"})
    return plt.subplots(figsize=(width, height))


def score_plot(summary: dict) -> str:
    """Replies by score, the failing ones (below 5) red."""
    distribution = summary["score"]["distribution"]
    figure, axes = _axes(6.4, 2.6)
    labels = list(distribution)
    colors = ["#dc2626" if index < 5 else "#f59e0b" if index < 8 else "#16a34a" for index in range(len(labels))]
    bars = axes.bar(range(len(labels)), list(distribution.values()), color=colors, width=0.8)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_xlabel("оценка")
    axes.set_ylabel("ответов")
    axes.bar_label(bars, labels=[number(value) if value else "" for value in distribution.values()], fontsize=8,
                   color="#334155")
    return _svg(figure)


def categories_plot(summary: dict) -> str | None:
    """Remarks per 100 replies, week by week, for the categories that fire most."""
    from replylint.categories import CATEGORIES

    weeks = summary["by_week"]
    if len(weeks) < 1:
        return None
    top = list(summary["by_category"])[:CATEGORIES_OVER_TIME]
    figure, axes = _axes(10.5, 3.2)
    names = list(weeks)
    for index, category in enumerate(top):
        values = [100 * weeks[week]["by_category"].get(category, 0) / weeks[week]["replies"]
                  if weeks[week]["replies"] else 0 for week in names]
        axes.plot(range(len(names)), values, marker="o", markersize=3, linewidth=1.8,
                  color=_PALETTE[index % len(_PALETTE)], label=CATEGORIES.get(category, category))
    axes.set_xticks(range(len(names)), [week_label(week) for week in names], rotation=45 if len(names) > 16 else 0)
    axes.set_xlabel("неделя (с понедельника)")
    axes.set_ylabel("замечаний на 100 ответов")
    axes.set_ylim(bottom=0)
    if top:  # (no remark at all: no line, and no legend to warn about)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    axes.grid(axis="y", color="#e2e8f0")
    return _svg(figure)


def week_label(week: str) -> str:
    """An ISO week (``2026-W37``) as the date of its Monday (``07.09``)."""
    import datetime as dt

    year, number_of_week = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number_of_week), 1).strftime("%d.%m")


def sparkline(values: list, width: int = 120, height: int = 28) -> str:
    """A small inline SVG line of an agent's weekly mean score (0–10)."""
    points = [value for value in values if value is not None]
    if not points:
        return ""
    step = width / max(len(values) - 1, 1)
    coordinates = []
    for index, value in enumerate(values):
        if value is not None:
            coordinates.append(f"{index * step:.1f},{height - 2 - (height - 4) * value / 10:.1f}")
    last = coordinates[-1].split(",")
    color = "#dc2626" if points[-1] < 5 else "#d97706" if points[-1] < 8 else "#16a34a"
    return (f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
            f'<title>{" → ".join(number(value, 1) for value in points)}</title>'
            f'<polyline fill="none" stroke="#64748b" stroke-width="1.5" points="{" ".join(coordinates)}"/>'
            f'<circle cx="{last[0]}" cy="{last[1]}" r="2.5" fill="{color}"/></svg>')


def _score_class(score) -> str:
    if score is None:
        return ""
    return "bad" if score < 5 else "mid" if score < 8 else "good"


def render(summary: dict) -> str:
    """The page."""
    import jinja2

    from replylint.categories import CATEGORIES

    environment = jinja2.Environment(loader=jinja2.PackageLoader("replylint.dashboard", "templates"),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                     undefined=jinja2.StrictUndefined)
    environment.filters.update(number=number, score_class=_score_class)
    environment.globals.update(percent=percent, category_title=lambda name: CATEGORIES.get(name, name),
                               week_label=week_label)
    weeks = list(summary["by_week"])
    agents = [{"name": name, **values,
               "spark": sparkline([values["by_week"].get(week, {}).get("score") for week in weeks])}
              for name, values in summary["by_agent"].items()]
    agents.sort(key=lambda agent: (agent["score"]["mean"] if agent["score"]["mean"] is not None else 10, agent["name"]))
    rank = {"error": 0, "warning": 1, "suggestion": 2}
    # (the page shows a few remarks per reply: the most serious first, in reading order)
    worst = [{**reply, "remarks": sorted(reply["remarks"], key=lambda remark: rank.get(remark["severity"], 3))}
             for reply in summary["worst_replies"]]
    rules = list(summary["by_rule"].items())[:RULES_SHOWN]
    categories = list(summary["by_category"].items())
    return environment.get_template("index.html.j2").render(
        s=summary, worst=worst, agents=agents, rules=rules, categories=categories, score_svg=score_plot(summary),
        categories_svg=categories_plot(summary), weeks=weeks)
