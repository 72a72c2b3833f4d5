"""--fix and --diff: safe rewrites only, idempotent, atomic, in the file's own encoding."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from helpers import CANNED
from helpers import run_cli as run

RULES = CANNED / ".replylint-rules"






def fix(path, *extra):
    return run("check", str(path), "--isolated", "--no-bundled", "--rules", str(RULES), "--fix", *extra)


def test_diff_shows_the_inflected_rewrites_and_writes_nothing(repo):
    before = {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()}
    result = run("check", ".", "--diff")
    assert result.exit_code == 1
    assert "-Мы получили ваш запрос. Ждём апрува от банка" in result.stdout
    assert "+Мы получили ваш запрос. Ждём подтверждения от банка" in result.stdout
    assert "+  Если письмо не придёт за 10 минут, напишите в службу поддержки — поможем." in result.stdout
    assert {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()} == before


def test_fix_writes_rechecks_and_a_second_fix_is_a_no_op(repo):
    result = run("check", ".", "--fix", "--format", "json")
    assert "исправлено: 3 места в 3 файлах" in result.stderr
    left = json.loads(result.stdout)
    assert not [d for f in left["files"] for d in f["diagnostics"] if d["rule"] == "jargon.team-terms"]
    assert "Ждём подтверждения от банка" in (repo / "replies" / "refund.md").read_text(encoding="utf-8")
    after = {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()}
    second = run("check", ".", "--fix")
    assert "исправлено: 0 мест в 0 файлах" in second.stderr
    assert {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()} == after
    assert "исправлять нечего" in run("check", ".", "--diff").stderr


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"), ("cp1251", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
])
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, encoding, bom, newline):
    text = newline.join(["Здравствуйте!", "Ждём апрува от банка.", "Напишите в саппорт, если что.", ""])
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + text.encode(encoding))
    fix(path)
    expected = text.replace("апрува", "подтверждения").replace("в саппорт", "в службу поддержки")
    assert path.read_bytes() == bom + expected.encode(encoding)


def test_fix_never_touches_placeholders_escapes_or_markup(tmp_path):
    yaml_path = tmp_path / "replies.yaml"
    yaml_text = ('a: "Ждём \\u0430прува и апрува от {{апрув}}."\n'
                 "b: 'Ждём апрува'' и ещё'\n")
    yaml_path.write_text(yaml_text, encoding="utf-8")
    fix(yaml_path)
    assert yaml_path.read_text(encoding="utf-8") == (
        'a: "Ждём \\u0430прува и подтверждения от {{апрув}}."\n'
        "b: 'Ждём подтверждения'' и ещё'\n")
    md_path = tmp_path / "reply.md"
    md_path.write_text("Ждём `апрува` и [апрува](https://x.ru/апрув), а не апрува.\n", encoding="utf-8")
    fix(md_path)
    assert md_path.read_text(encoding="utf-8") == \
        "Ждём `апрува` и [подтверждения](https://x.ru/апрув), а не подтверждения.\n"


def test_fix_in_json_and_csv_keeps_them_valid(tmp_path):
    json_path = tmp_path / "replies.json"
    json_path.write_text('{"a": "Ждём апрува.\\nНапишите в саппорт."}', encoding="utf-8")
    fix(json_path)
    assert json.loads(json_path.read_text(encoding="utf-8")) == {
        "a": "Ждём подтверждения.\nНапишите в службу поддержки."}
    csv_path = tmp_path / "replies.csv"
    csv_path.write_text('name,text\nx,"Ждём апрува, ""срочно"""\n', encoding="utf-8")
    fix(csv_path)
    assert csv_path.read_text(encoding="utf-8") == 'name,text\nx,"Ждём подтверждения, ""срочно"""\n'


def test_fix_writes_nothing_when_the_file_changed_or_cannot_be_reread(tmp_path, monkeypatch):
    from replylint import fix as fix_module
    from replylint.errors import InputError

    path = tmp_path / "reply.txt"
    path.write_text("Ждём апрува.\n", encoding="utf-8")
    with pytest.raises(InputError, match="файл изменился, пока шла проверка"):
        fix_module.write_atomically(str(path), b"new", b"old contents")
    assert path.read_text(encoding="utf-8") == "Ждём апрува.\n"
    with pytest.raises(InputError, match="файл не перечитывается"):
        fix_module.write_atomically(str(tmp_path / "gone.txt"), b"new", b"old")
    assert not (tmp_path / "gone.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reply.txt"]  # no temp file left

    real = fix_module.write_atomically

    def vanish_then_write(target, data, original):
        os.unlink(target)
        return real(target, data, original)

    monkeypatch.setattr(fix_module, "write_atomically", vanish_then_write)
    result = fix(path)
    assert result.exit_code == 2 and "не исправлено: файл не перечитывается (нет такого файла или папки)" \
        in result.stderr
    assert not path.exists()


def test_sigint_during_fix_leaves_every_file_old_or_new(tmp_path):
    folder = tmp_path / "replies"
    folder.mkdir()
    old = "Здравствуйте!\nЖдём апрува от банка. " * 200 + "\n"
    new = old.replace("апрува", "подтверждения")
    for index in range(60):
        (folder / f"{index:03}.txt").write_text(old, encoding="utf-8")
    command = [sys.executable, "-m", "replylint.cli", "check", str(folder), "--isolated", "--no-bundled",
               "--rules", str(RULES), "--fix", "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # interrupt once the first files are written
        if any((folder / f"{index:03}.txt").read_text(encoding="utf-8") == new for index in range(5)):
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=120)
    contents = [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    assert len(contents) == 60  # no temp files left behind, none lost
    assert all(text in (old, new) for text in contents)
    assert contents.count(new) >= 1


def test_diff_of_standard_input_shows_the_rewrites(tmp_path):
    text = "Здравствуйте!\nЖдём апрува от банка.\n"
    result = run("check", "-", "--isolated", "--no-bundled", "--rules", str(RULES), "--diff", input=text)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == ["--- <stdin>", "+++ <stdin>"]
    assert "-Ждём апрува от банка." in result.stdout and "+Ждём подтверждения от банка." in result.stdout
    assert result.stderr == "replylint: --fix заменит 1 место в 1 файле\n"


def test_fix_of_standard_input_prints_the_fixed_text(tmp_path):
    text = "Здравствуйте!\nЖдём апрува от банка. Напишите в саппорт.\n"
    result = run("check", "-", "--isolated", "--no-bundled", "--rules", str(RULES), "--fix", input=text)
    assert result.stdout == "Здравствуйте!\nЖдём подтверждения от банка. Напишите в службу поддержки.\n"
    assert result.stderr == "replylint: исправлено: 2 места; осталось замечаний: 0\n"
    assert result.exit_code == 0


def test_fix_of_standard_input_with_nothing_to_fix_prints_it_as_it_is_and_what_is_left():
    text = "Ваш тикет у нас.\n"  # jargon.glossary offers a rewrite, but not a safe one
    result = run("check", "-", "--isolated", "--select", "jargon.glossary", "--fix", input=text)
    assert result.stdout == text
    assert result.stderr == ("replylint: исправлено: 0 мест; осталось замечаний: 1 "
                             "(запустите без --fix, чтобы увидеть их)\n")
    assert result.exit_code == 1


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_diff_names_an_absolute_path_as_it_is(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("Ждём апрува от банка.\n", encoding="utf-8")
    result = run("check", str(path), "--isolated", "--no-bundled", "--rules", str(RULES), "--diff")
    assert result.stdout.splitlines()[:2] == [f"--- {path}", f"+++ {path}"]
    patched = subprocess.run(["patch", "--dry-run", "-p0"], input=result.stdout, capture_output=True, text=True,
                             cwd="/")
    assert patched.returncode == 0, patched.stdout + patched.stderr


def test_diff_of_a_relative_path_has_git_prefixes(repo):
    result = run("check", "replies/refund.md", "--diff")
    assert result.stdout.splitlines()[:2] == ["--- a/replies/refund.md", "+++ b/replies/refund.md"]


TEAM_GLOSSARY = """\
id: jargon.team
kind: substitution
category: jargon
message: "«{match}» → «{replacement}»"
explanation: Клиент не знает наших слов.
source: "«Вам кофе помягче или робуста?»"
swap:
  - match: {tokens: [[{text: "тикет(а|у|ом|е|ы|ов|ам|ами|ах)?"}]]}
    replace: обращение
    safe: true
  - match: {tokens: [[{text: "кейс(а|у|ом|е|ы|ов|ам|ами|ах)?"}]]}
    replace: ситуация
    safe: true
  - match: {tokens: [[{text: "(за)?эскалир\\\\w+"}]]}
    replace: передать (специалисту)
    safe: true
examples:
  bad: ["Ваш тикет закрыт."]
  fix:
    "Ваш тикет эскалирован.": "Ваше обращение передано специалисту."
"""

SEVERAL = ("Ваш тикет эскалирован.\n"
           "Тикет по вашему кейсу закрыт.\n"
           "Мы проверили тикет по заказу, он закрыт.\n")
AGREED = ("Ваше обращение передано специалисту.\n"
          "Обращение по вашей ситуации закрыто.\n"
          "Мы проверили тикет по заказу, он закрыт.\n")


def _team(tmp_path):
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "team.yaml").write_text(TEAM_GLOSSARY, encoding="utf-8")
    path = tmp_path / "reply.txt"
    path.write_text(SEVERAL, encoding="utf-8")
    return folder, path


def test_fix_rewrites_a_sentence_with_several_rewrites_so_that_it_agrees(tmp_path):
    folder, path = _team(tmp_path)
    options = ["--isolated", "--no-bundled", "--rules", str(folder)]
    result = run("check", str(path), *options, "--fix")
    # the third sentence: «он» may be the ticket or the order, so it is left to the agent
    assert path.read_text(encoding="utf-8") == AGREED
    assert "исправлено: 3 места в 1 файле" in result.stderr  # one edit for «Тикет … закрыт»
    assert "Замените на «обращение»" in result.stdout
    assert "исправлено: 0 мест в 0 файлах" in run("check", str(path), *options, "--fix").stderr


def test_diff_shows_the_agreeing_words_and_writes_nothing(tmp_path):
    folder, path = _team(tmp_path)
    result = run("check", str(path), "--isolated", "--no-bundled", "--rules", str(folder), "--diff")
    assert result.exit_code == 1
    assert "-Ваш тикет эскалирован.\n-Тикет по вашему кейсу закрыт.\n" in result.stdout
    assert "+Ваше обращение передано специалисту.\n+Обращение по вашей ситуации закрыто.\n" in result.stdout
    assert path.read_text(encoding="utf-8") == SEVERAL


def test_the_json_rewrites_of_a_reply_never_overlap_and_give_the_agreed_text(tmp_path):
    folder, path = _team(tmp_path)
    result = run("check", str(path), "--isolated", "--no-bundled", "--rules", str(folder), "--format", "json")
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    edits = sorted((s["start"], s["end"], s["text"]) for d in diagnostics for s in d["suggestions"][:1]
                   if s["kind"] == "replace")
    assert all(first[1] <= second[0] for first, second in zip(edits, edits[1:]))
    text = SEVERAL
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    assert text == AGREED
