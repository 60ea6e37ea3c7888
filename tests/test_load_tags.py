"""The fast loader's scalar tags, remembered by text, are PyYAML's: every plain scalar means
what PyYAML's safe loader makes of it, the first time and every time after."""

from __future__ import annotations

import yaml

from flux_catalog.load import _TAG_CACHE, _Loader, load_bytes

SCALARS = ["", "~", "null", "Null", "NULL", "true", "yes", "no", "on", "Off", "y", "n", "0",
           "-1", "+12", "0x1f", "0o17", "017", "1_000", "1e3", "1.5", ".5", "-.inf", ".NaN",
           "2024-01-01", "2024-01-01T10:00:00Z", "1:20", "190:20:30", "v1",
           "nginx:1.27", "a b", "ENC[AES256_GCM,data:x]", "${VAR}", "x" * 300, "1" * 300]


def test_tags_are_pyyaml_safe_loader_tags() -> None:
    _TAG_CACHE.clear()
    reference = yaml.resolver.Resolver()
    loader = _Loader("")
    for _ in range(2):  # the second time from the remembered tags
        for text in SCALARS:
            for implicit in ((True, False), (False, True), (False, False), (True, True)):
                assert loader.resolve(yaml.ScalarNode, text, implicit) == \
                    reference.resolve(yaml.ScalarNode, text, implicit), (text, implicit)
        for kind in (yaml.SequenceNode, yaml.MappingNode):
            for implicit in (True, False):
                assert loader.resolve(kind, None, implicit) == \
                    reference.resolve(kind, None, implicit)
    assert "x" * 300 not in _TAG_CACHE  # long texts are not remembered
    assert "v1" in _TAG_CACHE


def test_quoted_and_block_scalars_are_strings() -> None:
    text = 'a: "1"\nb: \'true\'\nc: |\n  null\nd: >-\n  12\n'
    assert load_bytes("x.yaml", text.encode()).docs[0].data == \
        {"a": "1", "b": "true", "c": "null\n", "d": "12"}
