"""Blocks of a manifest shown as written (the fast path of component pages)."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.documents import DocumentStore
from flux_catalog.render.source import source_blocks, values_as_written
from flux_catalog.render.values import redacted_values
from flux_catalog.resolve import build_catalog

from .repos import write_repo

RELEASE = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
  namespace: apps
  annotations:
    kubernetes.io/description: Застосунок.
spec:
  interval: 1h
  chartRef: {kind: OCIRepository, name: app}
  values:
    # -- Скільки подів.
    replicas: 2
    config: |
      line one
      line two
    # -- Після блокового скаляра.
    after: true
    items:
      # a comment above a list item documents nothing
      - name: x
        # -- Ключ усередині елемента списку.
        value: y
  # -- Скільки чекати.
  timeout: 5m
  install:
    remediation:
      retries: 3  # end-of-line comment
---
apiVersion: v1
kind: Namespace
metadata:
  name: apps
"""


def _catalog(tmp_path: Path, text: str):
    write_repo(tmp_path, {"clusters/app.yaml": text})
    catalog, _ = build_catalog(tmp_path, ["clusters"])
    return next(o for o in catalog.objects if o.kind == "HelmRelease")


def test_values_and_settings_are_shown_as_written(tmp_path: Path) -> None:
    obj = _catalog(tmp_path, RELEASE)
    blocks = source_blocks(DocumentStore(tmp_path), obj)
    assert blocks is not None
    values = values_as_written(blocks, obj.spec["values"])
    assert values is not None
    assert values.yaml.startswith("# -- Скільки подів.\nreplicas: 2\nconfig: |\n  line one\n")
    assert "timeout" not in values.yaml  # the next key's comment belongs to it
    documented = [(d.path, d.value, d.description) for d in values.documented]
    assert documented == [
        ("replicas", "2", "Скільки подів."),
        ("after", "true", "Після блокового скаляра."),
        ("items[0].value", "y", "Ключ усередині елемента списку."),
    ]
    settings = blocks.keys(obj.spec, ("install", "timeout"))
    assert settings == ("# -- Скільки чекати.\ntimeout: 5m\ninstall:\n  remediation:\n"
                        "    retries: 3  # end-of-line comment\n")


def test_fast_and_round_trip_paths_agree_on_documented_values(tmp_path: Path) -> None:
    obj = _catalog(tmp_path, RELEASE.replace("    after: true\n", "").replace(
        "    # -- Після блокового скаляра.\n", ""))
    fast = values_as_written(source_blocks(DocumentStore(tmp_path), obj), obj.spec["values"])
    slow = redacted_values(DocumentStore(tmp_path).commented_body(obj)["spec"]["values"])
    assert fast is not None
    assert fast.documented == slow.documented


def test_anything_to_redact_falls_back_to_the_redacted_dump(tmp_path: Path) -> None:
    with_secret = RELEASE.replace("    replicas: 2\n", "    replicas: 2\n    password: hunter2\n")
    obj = _catalog(tmp_path, with_secret)
    assert source_blocks(DocumentStore(tmp_path), obj) is None


def test_a_credential_in_a_comment_is_not_shown_as_written(tmp_path: Path) -> None:
    commented = RELEASE.replace("# -- Скільки подів.",
                                "# -- Скільки подів. token=ghp_PLANTEDsourceToken0123456789abcdef")
    obj = _catalog(tmp_path, commented)
    blocks = source_blocks(DocumentStore(tmp_path), obj)
    assert blocks is not None
    assert values_as_written(blocks, obj.spec["values"]) is None


def test_keys_reached_through_an_alias_are_not_documented_from_outside_the_block(
        tmp_path: Path) -> None:
    # Found in review: a `# --` comment above an anchored mapping elsewhere in the file was
    # shown in the documented-values table without ever being checked for credentials.
    text = RELEASE.replace("spec:\n  interval: 1h\n", (
        "x-defaults: &defaults\n"
        "  # -- ghp_PLANTEDaliasToken0123456789abcdefABCD\n"
        "  shared: 1\n"
        "spec:\n  interval: 1h\n")).replace("  values:\n", "  values:\n    <<: *defaults\n")
    obj = _catalog(tmp_path, text)
    blocks = source_blocks(DocumentStore(tmp_path), obj)
    assert blocks is not None
    values = values_as_written(blocks, obj.spec["values"])
    assert values is not None
    assert all("PLANTED" not in d.description for d in values.documented)
    assert "shared" not in [d.path for d in values.documented]
