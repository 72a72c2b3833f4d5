"""A score per reply (0–10): the documented formula, the team's weights and blocker
categories, and how `check` and the API show it."""

from __future__ import annotations

import json
import textwrap

from click.testing import CliRunner

from replylint.api import CheckOptions, Session
from replylint.cli import main
from replylint.diagnostics import Severity
from replylint.score import MIN_WORDS, ScoreSettings, score_reply

ONE_WARNING = "Здравствуйте! Ваш тикет передан коллегам, они ответят завтра до 18:00.\n"
CLEAN = "Здравствуйте! Деньги вернутся на карту до пятницы, 12 декабря. Спасибо, что написали!\n"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


class Remark:
    """What the score reads of a diagnostic: its severity and category."""

    def __init__(self, category: str, severity: Severity) -> None:
        self.category = category
        self.severity = severity


def test_a_reply_without_remarks_scores_ten():
    assert score_reply([], 25).score == 10.0


def test_a_remark_halves_the_score_every_ten_points_per_hundred_words():
    warning = [Remark("jargon", Severity.WARNING)]  # 2 points
    assert score_reply(warning, MIN_WORDS).score == 7.1  # 5 per 100 words: 10 × 0.5 ** 0.5
    assert score_reply(warning, 100).score == 8.7       # the same remark weighs less in a longer reply
    assert score_reply(warning, 5).score == score_reply(warning, MIN_WORDS).score  # no bonus for brevity
    error = [Remark("jargon", Severity.ERROR)]           # 4 points: 10 per 100 words
    assert score_reply(error, MIN_WORDS).score == 5.0
    assert score_reply(error * 20, MIN_WORDS).score == 0.0  # never below zero


def test_weights_and_blockers_from_the_team():
    remarks = [Remark("readability", Severity.WARNING)]
    assert score_reply(remarks, MIN_WORDS, ScoreSettings({"readability": 0.0})).score == 10.0
    assert score_reply(remarks, MIN_WORDS, ScoreSettings({"readability": 2.0})).score == 5.0
    rude = [Remark("offensive", Severity.SUGGESTION)]
    capped = score_reply(rude, 200, ScoreSettings(blockers=("offensive",)))
    assert capped.score == 3.0 and capped.blockers == ("offensive",)
    assert score_reply(rude, 200, ScoreSettings(blockers=("offensive",), blocker_cap=0.0)).score == 0.0
    assert score_reply(rude, 200).score > 9  # not a blocker: one suggestion in 200 words


def test_an_unused_suppression_says_nothing_about_the_reply():
    assert score_reply([Remark("suppression", Severity.WARNING)], 10).score == 10.0


def test_check_json_gives_a_score_per_file_and_reply(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(ONE_WARNING, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    data = json.loads(run("check", str(draft), str(clean), "--isolated", "--format", "json").output)
    first, second = data["files"]
    assert [d["rule"] for d in first["diagnostics"]] == ["jargon.glossary"]
    assert first["score"] == 7.1
    assert first["replies"] == [{"reply": None, "score": 7.1, "words": 11, "points": 2.0, "blockers": []}]
    assert second["score"] == 10.0 and second["diagnostics"] == []
    assert data["summary"]["replies"] == 2 and data["summary"]["score"] == 8.6  # (7.1 + 10) / 2, rounded


def test_a_collection_scores_each_reply_under_its_name(tmp_path):
    archive = tmp_path / "sent.jsonl"
    archive.write_text(json.dumps({"id": "a", "text": ONE_WARNING}, ensure_ascii=False) + "\n"
                       + json.dumps({"id": "b", "text": CLEAN}, ensure_ascii=False) + "\n", encoding="utf-8")
    data = json.loads(run("check", str(archive), "--isolated", "--format", "json").output)
    replies = data["files"][0]["replies"]
    assert [(reply["reply"], reply["score"]) for reply in replies] == [("a (строка 1)", 7.1), ("b (строка 2)", 10.0)]
    assert {d["reply"] for d in data["files"][0]["diagnostics"]} == {"a (строка 1)"}
    text = run("check", str(archive), "--isolated").output
    assert f"{archive}: средняя оценка 8,6 из 10 по 2 ответам; ниже всех: «a (строка 1)» 7,1" in text
    assert "средняя оценка 8,6 из 10)." in text


def test_check_text_shows_the_score_of_a_draft(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(ONE_WARNING, encoding="utf-8")
    output = run("check", str(draft), "--isolated").output
    assert f"{draft}: оценка 7,1 из 10\n" in output
    assert "(проверено: 1 файл; средняя оценка 7,1 из 10)." in output


def test_the_config_weights_and_blocks_categories(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("score:\n  weights: {jargon: 3}\n  blockers: [jargon]\n"
                                              "  blocker_cap: 2.5\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(ONE_WARNING, encoding="utf-8")
    data = json.loads(run("check", str(draft), "--format", "json").output)
    assert data["files"][0]["replies"][0] == {"reply": None, "score": 2.5, "words": 11, "points": 6.0,
                                              "blockers": ["jargon"]}
    assert "блокирующая категория: jargon" in run("check", str(draft)).output


def test_score_mistakes_in_the_config_name_file_and_line(tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text(textwrap.dedent("""\
        mode: drafts
        score:
          weights:
            jargn: 2
            readability: -1
          blockers: [offensiv]
          blocker_cap: 11
          bonus: 1
        """), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(ONE_WARNING, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"replylint: {config}:8: score: неизвестный ключ 'bonus' (ключи: weights, blockers, blocker_cap)" in lines
    assert any(line.startswith(f"replylint: {config}:4: score.weights: неизвестная категория 'jargn' — может быть, "
                               "'jargon'?") for line in lines)
    assert f"replylint: {config}:5: score.weights.readability: ожидается число не меньше 0, а не -1" in lines
    assert any(line.startswith(f"replylint: {config}:6: score.blockers: неизвестная категория 'offensiv'")
               for line in lines)
    assert f"replylint: {config}:7: score.blocker_cap: ожидается число от 0 до 10, а не 11" in lines


def test_the_session_gives_each_reply_its_score_for_other_doors():
    session = Session(CheckOptions(select=("jargon",)))
    result = session.check_text(ONE_WARNING, name="draft.txt")
    assert [score.score for score in result.scores] == [7.1]
    assert session.scoring == ScoreSettings()
    fixed = session.fix_text(ONE_WARNING)
    assert fixed.result.scores[0].score == (7.1 if fixed.result.diagnostics else 10.0)  # (what is left)


def test_a_collection_read_reply_by_reply_scores_as_one_read_whole(tmp_path):
    # `check` reads a UTF-8 .jsonl reply by reply (flat memory); naming the encoding reads
    # it whole: the scores, per reply and in the summary, must not depend on the way.
    archive = tmp_path / "sent.jsonl"
    rows = [{"text": "Ваш тикет эскалирован, ответим в ближайшее время."},
            {"text": "Спасибо! Курьер привезёт заказ завтра с 10:00 до 12:00."},
            {"text": "К сожалению, ничем не можем помочь."}]
    archive.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    for output in ("json", "text"):
        streamed = run("check", str(archive), "--isolated", "--format", output)
        whole = run("check", str(archive), "--isolated", "--format", output, "--encoding", "utf-8")
        assert streamed.output == whole.output
    scored = json.loads(run("check", str(archive), "--isolated", "--format", "json").output)["files"][0]
    assert [reply["reply"] for reply in scored["replies"]] == ["строка 1", "строка 2", "строка 3"]
    assert scored["replies"][1]["score"] == 10.0 and scored["replies"][0]["score"] < 10
