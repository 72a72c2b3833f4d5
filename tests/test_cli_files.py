"""The CLI on a canned-response repository (every format, suppression and output) and on
awkward files: empty, blank, binary, Windows-1251, UTF-16, huge, many, looping, vanishing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import run_cli as run
from replylint.document import LineIndex
from replylint.inputs import decode

BAD = "Ваш тикет эскалирован на L2. Ответим в ближайшее время.\n"






def check_json(*args):
    result = run("check", *args, "--format", "json")
    return result, json.loads(result.stdout)


def diagnostics_of(data, path):
    return next(f["diagnostics"] for f in data["files"] if f["path"] == path)


def test_every_format_of_the_canned_repo_is_checked(repo):
    result, data = check_json(".")
    assert result.exit_code == 1
    assert [f["path"] for f in data["files"]] == [
        "exports/replies.jsonl", "exports/saved-replies.csv", "exports/zendesk-macros.json",
        "replies/delivery.txt", "replies/macros.yaml", "replies/refund.md"]  # drafts/ is excluded
    assert all("error" not in f for f in data["files"])


@pytest.mark.parametrize("path", ["exports/replies.jsonl", "exports/saved-replies.csv", "exports/zendesk-macros.json",
                                  "replies/delivery.txt", "replies/macros.yaml", "replies/refund.md"])
def test_every_diagnostic_points_at_its_words_in_the_original_file(repo, path):
    _, data = check_json(path)
    text = decode((repo / path).read_bytes(), path).text
    lines = LineIndex(text)
    diagnostics = diagnostics_of(data, path)
    assert diagnostics
    for diagnostic in diagnostics:
        assert text[diagnostic["start"]:diagnostic["end"]] == diagnostic["text"]
        assert lines.position(diagnostic["start"]) == (diagnostic["line"], diagnostic["column"])
        if path.endswith((".yaml", ".json", ".jsonl", ".csv")) and diagnostic["rule"] != "suppression.unused":
            assert diagnostic["reply"]


def test_replies_are_named_by_key_title_or_row(repo):
    _, data = check_json(".")
    named = {(f["path"], d["rule"], d.get("reply")) for f in data["files"] for d in f["diagnostics"]}
    assert ("replies/macros.yaml", "jargon.team-terms", "password-reset") in named
    assert ("exports/replies.jsonl", "jargon.team-terms", "ожидание (строка 1)") in named
    assert ("exports/zendesk-macros.json", "jargon.glossary-payments",
            "Компенсация за задержку (macros[0].actions[1].value)") in named or any(
        path == "exports/zendesk-macros.json" and reply == "Компенсация за задержку (macros[0].actions[1].value)"
        for path, _, reply in named)
    assert any(path == "exports/saved-replies.csv" and reply == "отказ (строка 2)" for path, _, reply in named)


def test_windows_1251_csv_is_detected(repo):
    raw = (repo / "exports" / "saved-replies.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    _, data = check_json("exports/saved-replies.csv")
    assert diagnostics_of(data, "exports/saved-replies.csv")


def test_markdown_front_matter_code_and_links_are_not_linted(repo):
    _, data = check_json("replies/refund.md")
    texts = {d["text"] for d in diagnostics_of(data, "replies/refund.md")}
    assert "тикет" not in texts  # in the link target, the code span and the suppressed line
    assert "апрува" in texts


def test_markdown_and_yaml_suppressions_and_no_inline_config(repo):
    _, data = check_json("replies/refund.md", "replies/macros.yaml")
    md = diagnostics_of(data, "replies/refund.md")
    yaml_ = diagnostics_of(data, "replies/macros.yaml")
    assert not [d for d in md if d["rule"] == "jargon.glossary"]
    assert not [d for d in yaml_ if d["rule"] == "jargon.glossary" and d.get("reply") == "legacy"]
    unused = [d for d in yaml_ if d["rule"] == "suppression.unused"]
    assert [(d["line"], d["text"]) for d in unused] == [(16, "# replylint: disable-line=law-citing")]
    _, data = check_json("replies/refund.md", "replies/macros.yaml", "--no-inline-config")
    assert [d for d in diagnostics_of(data, "replies/refund.md") if d["rule"] == "jargon.glossary"]
    yaml_ = diagnostics_of(data, "replies/macros.yaml")
    assert [d for d in yaml_ if d["rule"] == "jargon.glossary" and d.get("reply") == "legacy"]
    assert not [d for d in yaml_ if d["rule"] == "suppression.unused"]


def test_suppression_naming_an_unknown_rule_is_reported(tmp_path):
    (tmp_path / "a.md").write_text("<!-- replylint-disable no-such.rule -->\nСпасибо! Вернём деньги завтра до 18:00.\n",
                                   encoding="utf-8")
    _, data = check_json(str(tmp_path / "a.md"), "--isolated")
    messages = [d["message"] for d in data["files"][0]["diagnostics"] if d["rule"] == "suppression.unused"]
    assert messages == ["Неизвестное правило в подавлении: no-such.rule"]


def test_disable_next_line_in_markdown(tmp_path):
    (tmp_path / "a.md").write_text("<!-- replylint-disable-next-line jargon -->\nВаш тикет у нас.\n\nВаш тикет у нас.\n",
                                   encoding="utf-8")
    _, data = check_json(str(tmp_path / "a.md"), "--isolated", "--select", "jargon.glossary")
    assert [d["line"] for d in data["files"][0]["diagnostics"]] == [4]


def test_outputs_text_json_sarif_github_agree_on_count(repo):
    _, data = check_json(".")
    total = data["summary"]["diagnostics"]
    sarif = json.loads(run("check", ".", "--format", "sarif").stdout)
    assert len(sarif["runs"][0]["results"]) == total
    github = run("check", ".", "--format", "github").stdout.splitlines()
    assert len(github) == total
    text = run("check", ".").stdout
    assert "Итого:" in text and "(password-reset)" in text


def test_paths_are_relative_to_the_working_directory(repo):
    _, data = check_json(str(repo / "replies" / "delivery.txt"))
    assert data["files"][0]["path"] == "replies/delivery.txt"


def test_jobs_give_the_same_output_in_the_same_order(repo, tmp_path):
    for index in range(12):
        (repo / "replies" / f"copy-{index:02}.txt").write_text(BAD if index % 2 else "Спасибо! Ответим завтра до 12:00.\n",
                                                                encoding="utf-8")
    single = run("check", ".", "--format", "json", "--jobs", "1").stdout
    parallel = run("check", ".", "--format", "json", "--jobs", "2").stdout
    assert parallel == single
    assert run("check", ".", "--jobs", "2").stdout == run("check", ".", "--jobs", "1").stdout


# --- robustness: each file's exact behaviour -------------------------------------------

def test_empty_and_whitespace_only_files_are_clean(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.yaml").write_bytes(b" \n\t\r\n")
    result, data = check_json(str(tmp_path), "--isolated")
    assert result.exit_code == 0
    assert [(Path(f["path"]).name, f["diagnostics"]) for f in data["files"]] == [("blank.yaml", []), ("empty.txt", [])]


def test_binary_file_is_an_error_and_the_others_are_still_checked(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json", "--isolated")
    assert result.exit_code == 2
    assert f"replylint: {tmp_path / 'image.txt'}: не текстовый файл (двоичные данные)" in result.stderr
    data = json.loads(result.stdout)
    assert data["files"][0]["error"] == "не текстовый файл (двоичные данные)"
    assert data["files"][1]["diagnostics"]
    assert "Traceback" not in result.output


def test_windows_1251_and_utf16_with_bom(tmp_path):
    (tmp_path / "cp1251.txt").write_bytes(BAD.encode("cp1251"))
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfe" + BAD.encode("utf-16-le"))
    (tmp_path / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + BAD.encode("utf-8"))
    _, data = check_json(str(tmp_path), "--isolated", "--select", "jargon.glossary")
    positions = [[(d["line"], d["column"], d["text"]) for d in f["diagnostics"]] for f in data["files"]]
    assert positions[0] == positions[1] == positions[2] == [(1, 5, "тикет"), (1, 11, "эскалирован")]
    result = run("check", str(tmp_path / "cp1251.txt"), "--encoding", "utf-8", "--isolated")
    assert result.exit_code == 2 and f"{tmp_path / 'cp1251.txt'}:1: не удаётся прочитать в кодировке utf-8 (байт 0)" \
        in result.stderr


def test_one_10_mb_line_is_refused_at_once_as_not_a_reply(tmp_path):
    (tmp_path / "huge.txt").write_text("спасибо " * (10 * 1024 * 1024 // 15), encoding="utf-8")
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json", "--isolated")
    assert result.exit_code == 2
    assert "слишком длинный для проверки (предел — 200 000)" in result.stderr
    assert json.loads(result.stdout)["files"][1]["diagnostics"]


def test_a_directory_of_10000_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(10_000):
        (folder / f"{index:05}.txt").write_bytes(b"" if index != 1234 else BAD.encode("utf-8"))
    result, data = check_json(str(folder), "--isolated", "--jobs", "1")
    assert result.exit_code == 1
    assert len(data["files"]) == 10_000
    assert [f["path"] for f in data["files"]] == sorted(f["path"] for f in data["files"])
    assert [f["path"] for f in data["files"] if f["diagnostics"]] == [str(folder / "01234.txt")]


def test_symlink_loops_are_walked_once_and_self_links_are_errors(tmp_path):
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "a.txt").write_text(BAD, encoding="utf-8")
    os.symlink(tmp_path / "replies", tmp_path / "replies" / "loop")
    os.symlink("self.txt", tmp_path / "replies" / "self.txt")
    result = run("check", str(tmp_path / "replies"), "--format", "json", "--isolated")
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "self.txt"]
    assert result.exit_code == 2
    assert "не удаётся прочитать файл: слишком много уровней символических ссылок" in result.stderr


def test_a_link_loop_named_first_is_an_error_even_where_the_config_is_looked_for(tmp_path, monkeypatch):
    # without --isolated, the config is looked for from the first path: a link that leads
    # to itself must not break that search, only be reported as the file it is
    monkeypatch.chdir(tmp_path)
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    result = run("check", "loop.txt", "reply.txt", "--format", "json")
    assert "Traceback" not in result.stderr
    assert result.exit_code == 2
    assert "loop.txt: не удаётся прочитать файл: слишком много уровней символических ссылок" in result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == ["loop.txt", "reply.txt"] and files[1]["diagnostics"]


def test_a_file_that_vanished_or_is_unreadable(tmp_path, monkeypatch):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted-meanwhile.txt")
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    result = run("check", str(tmp_path / "gone.txt"), str(tmp_path / "reply.txt"), "--format", "json", "--isolated")
    assert result.exit_code == 2
    assert f"{tmp_path / 'gone.txt'}: битая символическая ссылка: её цели нет" in result.stderr
    files = json.loads(result.stdout)["files"]
    assert files[0]["error"] == "битая символическая ссылка: её цели нет" and files[1]["diagnostics"]
    import builtins

    real_open = builtins.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("reply.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    result = run("check", str(tmp_path / "reply.txt"), "--isolated")
    assert result.exit_code == 2 and "не удаётся прочитать файл: нет прав на чтение" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["rules"], ["explain", "jargon.glossary"]])
def test_commands_that_need_no_nlp_do_not_import_spacy(args, tmp_path):
    import subprocess
    import sys

    code = ("import sys\nfrom replylint.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules, 'pymorphy3' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False False", result.stderr


def test_an_archive_of_many_replies_gets_what_each_reply_gets_alone(repo, monkeypatch):
    """`check` reads the replies of a file a few dozen at a time before the rules run on
    them; the report is the same as when each is read and checked in turn."""
    import replylint.linter as linter_module
    from helpers import ROOT

    drafts = sorted((ROOT / "examples" / "drafts").glob("*.txt"))
    records = [{"name": f"{path.stem}-{copy}", "text": path.read_text(encoding="utf-8")}
               for copy in range(6) for path in drafts]
    assert len(records) > 2 * linter_module.READ_AHEAD_REPLIES
    (repo / "exports" / "archive.jsonl").write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    _, read_ahead = check_json("exports/archive.jsonl")
    monkeypatch.setattr(linter_module, "READ_AHEAD_REPLIES", 1)
    _, one_by_one = check_json("exports/archive.jsonl")
    assert read_ahead == one_by_one
    found = diagnostics_of(read_ahead, "exports/archive.jsonl")
    assert len({d["reply"] for d in found}) > len(drafts)  # copies far apart in the file all found
