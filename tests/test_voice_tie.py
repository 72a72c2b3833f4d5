"""A reply that speaks to the client on «ты» and on «вы» equally often is mended towards
the bundled default «вы» (not towards whichever came first), unless its genre has its own
voice (a game), where the first voice used stands."""

from __future__ import annotations

import json

from helpers import run_cli as run


def voice_remarks(text: str) -> list[str]:
    result = run("check", "-", "--isolated", "--select", "familiarity", "--format", "json", input=text)
    assert result.exit_code in (0, 1), result.output
    return [d["text"] for f in json.loads(result.output)["files"] for d in f["diagnostics"]
            if d["rule"] == "familiarity.ty-vy-mix"]


def test_a_tie_goes_to_the_default_voice():
    assert voice_remarks("Слушай, собрание в среду в 18:00, приходите к семи.") == ["Слушай,"]
    assert voice_remarks("Приходите в среду к семи, а пропуск покажи на входе.") == ["покажи"]


def test_in_a_game_a_tie_goes_to_the_first_voice():
    assert voice_remarks("Твой скин уже в инвентаре, заберите его в лобби.") == ["заберите"]
