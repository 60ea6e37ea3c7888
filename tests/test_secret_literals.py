"""The token gate: literals a token rule cannot match without, and that the gate never hides
a token the rules find."""

from __future__ import annotations

import re

import pytest

from flux_catalog.secrets.literals import fold_ascii, folded_literals, required_literals
from flux_catalog.secrets.text import _any_token, scan
from flux_catalog.secrets.values import token_rules

from .corpus.tokens import token_formats
from .fixtures import credentials


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"ghp_[A-Za-z0-9]{36}", {"ghp_"}),
    (r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}", {"hf_"}),  # a look-behind is no text
    (r"(?:AKIA|ASIA)[A-Z0-9]{16}", {"AKIA", "ASIA"}),
    (r"(ghp|gho)_[A-Za-z0-9_]{36}", {"ghp_", "gho_"}),  # parsed as "gh", [po], "_"
    (r"[sr]k_(?:live|test)_[0-9A-Za-z]{16,}", {"sk_live_", "rk_live_", "sk_test_", "rk_test_"}),
    (r"x[0-9]+(?:abc|defg)[0-9]", {"abc", "defg"}),  # the longest mandatory part
    (r"(?:abc)?xyz[0-9]+", {"xyz"}),  # an optional group is not mandatory
    (r"(?:abcdef)*x[0-9]+", None),
    (r"(?i)xoxb-[0-9]+", None),  # case-insensitive: any case matches
    (r"(?i:sk)_[a-z]{8}", None),
    (r"(?:ab|c)[a-z]{8}", None),  # "c" alone is no filter
    (r"(?:ab[0-9]+|c[0-9]+)", None),
    (r"[0-9a-f]{32}", None),
])
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?i)aws.{0,20}?(?:key|pwd|pw|password)[0-9]", {"aws"}),
    (r"(?i)(?:key|pwd|password|pass|token)[0-9]{8}", {"key", "pwd", "pass", "token"}),
    (r"(?i)xox(?:a|b)-[0-9]+", {"xoxa-", "xoxb-"}),
    (r"(?i)https://hooks\.slack\.com/T[0-9]+", {"https://hooks.slack.com/t"}),
    (r"ghp_[A-Za-z0-9]{36}", {"ghp_"}),  # a case-sensitive literal, lower-cased
    (r"(?i)[a-z]{20}", None),
    (r"(?i)\u212a[0-9]{8}", None),  # a non-ASCII literal: no filter
])
def test_folded_literals(pattern: str, expected: set[str] | None) -> None:
    found = folded_literals(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


def test_fold_ascii_knows_every_character_ignorecase_matches_for_an_ascii_one() -> None:
    """``lit in fold_ascii(text)`` is exact only if no other character matches an ASCII one
    under re.IGNORECASE: look at every code point."""
    import sys

    ascii_class = re.compile(r"(?i)[\x00-\x7f]")
    for point in range(0x80, sys.maxunicode + 1):
        char = chr(point)
        if ascii_class.fullmatch(char):
            folded = fold_ascii(char)
            assert len(folded) == 1 and re.fullmatch(re.escape(folded), char, re.I), hex(point)
    assert fold_ascii("AWS_\u212aEY ſecret İD") == "aws_key secret id"


def test_a_case_insensitive_token_is_found_in_any_case_and_beside_any_script() -> None:
    for text in ("AWS_ACCESS_KEY = 'AKIAxxxxxxxxxxxxxxxx'", "Ключ: xoxb-1234-5678-abcdefgh",
                 "Ключ: XOXB-1234-5678-abcdefgh", "sectet ſecret_key: 0123456789abcdef"):
        assert _any_token(text) == _any_rule(text), text


def _samples() -> list[str]:
    tokens = [token for _, token in token_formats()]
    tokens += [v for k, v in vars(credentials).items() if k.isupper() and isinstance(v, str)]
    out = []
    for token in tokens:
        out += [token, f"value: {token}", f"https://x.example/?k={token}&a=1",
                f'"{token}"', f"prefix {token} suffix"]
    return out


def test_every_token_rule_match_holds_one_of_its_literals() -> None:
    checked = 0
    for _, pattern in token_rules():
        literals = required_literals(pattern)
        if literals is None:
            continue
        for text in _samples():
            for match in pattern.finditer(text):
                checked += 1
                assert any(lit in match.group(0) for lit in literals), (pattern.pattern, text)
    assert checked > 40  # the samples exercise the rules


def _any_rule(text: str) -> bool:
    return any(pattern.search(text) is not None for _, pattern in token_rules())


def test_any_token_is_any_rule() -> None:
    texts = _samples()
    texts += [t[:len(t) // 2] for t in texts]  # cut tokens: the literal may stay, the rest not
    texts += ["ghcr.io/acme/support-gateway:1.2.3", "dev-us-east-09.acme.example",
              "metrics.service-monitor.svc", "ASIA-pacific-cluster", "sk-learn"]
    assert sum(map(_any_rule, texts)) > 100
    for text in texts:
        assert _any_token(text) == _any_rule(text), text


def test_text_without_a_token_is_clean() -> None:
    text = "ghcr.io/acme/support-gateway:1.2.3 and payments-gateway-2-values"
    assert not _any_token(text)
    assert scan(text)[1] == []


def test_without_the_standard_librarys_parser_there_is_no_filter(monkeypatch) -> None:
    """A Python without ``re._parser`` gets no pre-filter (every rule searched), not a crash."""
    import re

    from flux_catalog.secrets import literals

    monkeypatch.setattr(literals, "_parser", None)
    assert literals.required_literals(re.compile(r"ghp_\w{36}")) is None


def test_the_context_filter_looked_for_in_parts_is_the_whole_filter() -> None:
    """Each alternative of the context pre-filter is looked for on its own (the words in the
    folded text): the answer is the whole pattern's on every text, whatever its script."""
    from flux_catalog.secrets.text import _CONTEXT_PREFILTER, _context_candidate

    words = ["bearer", "basic", "token", "requirepass", "masterauth", "password"]
    texts = [*_samples(), "", "-", " -x", "a-b", "--Value", "x --y", "\t-a", "-A", "plain prose"]
    for word in words:
        texts += [word, word.upper(), f"x{word.title()}y", word.replace("s", "\u017f"),
                  word.replace("k", "\u212a"), word.replace("i", "\u0130"),
                  word.replace("i", "\u0131"), word[:-1], f"Тут {word[:3]}-{word[3:]}"]
    texts += ["LS0tLS1CRUdJTi", "ENC[", "eyJ", "PRIVATE KEY", "private key", "a=b", "a@b",
              "a<b", "a:b", "Опис без нічого", "ghcr.io/acme/app", "ENC(", "eyj"]
    hits = 0
    for text in texts:
        expected = _CONTEXT_PREFILTER.search(text) is not None
        hits += expected
        assert _context_candidate(text, fold_ascii(text)) is expected, text
    assert hits > 50


def test_fold_ascii_translates_exactly_the_characters_of_its_table() -> None:
    from flux_catalog.secrets.literals import _ASCII_FOLDS

    assert {chr(c) for c in _ASCII_FOLDS} == {"\u0130", "\u0131", "\u017f", "\u212a"}
    for char in ("\u0130", "\u0131", "\u017f", "\u212a"):
        text = f"Тут {char} і тут"
        assert fold_ascii(text) == text.translate(_ASCII_FOLDS).lower()
