"""The reference: ``kubectl kustomize`` (kustomize v5), and normalised comparison with the
engine's build of the same directory."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from flux_catalog.kustomize import FileSystem, Kustomizer, Resource
from flux_catalog.load import load_bytes

KUBECTL = shutil.which("kubectl")

Key = tuple[str, str, str, str]


def kubectl_build(directory: Path) -> tuple[list[dict[str, Any]] | None, str]:
    """Objects ``kubectl kustomize`` builds, or None and its error."""
    assert KUBECTL is not None
    proc = subprocess.run([KUBECTL, "kustomize", str(directory)], capture_output=True,
                          text=True, timeout=120, check=False)
    if proc.returncode != 0:
        return None, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
    loaded = load_bytes("kubectl-output.yaml", proc.stdout.encode())
    if loaded.problems:
        return None, f"cannot read kubectl's output: {loaded.problems[0].message}"
    return [d.data for d in loaded.docs if d.data is not None], ""


def engine_build(root: Path, rel: str) -> tuple[list[Resource], Kustomizer]:
    k = Kustomizer(FileSystem(root))
    return k.build(rel), k


def normalise(value: Any) -> Any:
    """Plain JSON-like data: mappings sorted, empty maps and nulls kept as kustomize writes."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def key(body: Mapping[str, Any]) -> Key:
    meta = body.get("metadata") or {}
    return (str(body.get("apiVersion")), str(body.get("kind")),
            str(meta.get("namespace") or ""), str(meta.get("name")))


def index(bodies: Iterable[Mapping[str, Any]]) -> dict[Key, Any]:
    return {key(b): normalise(b) for b in bodies}


def differences(expected: dict[Key, Any], actual: dict[Key, Any]) -> list[str]:
    out = [f"missing {'/'.join(k)}" for k in sorted(set(expected) - set(actual))]
    out += [f"unexpected {'/'.join(k)}" for k in sorted(set(actual) - set(expected))]
    for k in sorted(set(expected) & set(actual)):
        if expected[k] != actual[k]:
            out.append(f"content of {'/'.join(k)}: {_first_diff(expected[k], actual[k])}")
    return out


def _first_diff(a: Any, b: Any, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k, "<absent>") != b.get(k, "<absent>"):
                return _first_diff(a.get(k, "<absent>"), b.get(k, "<absent>"), f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_diff(x, y, f"{path}[{i}]")
    return f"{path or '.'}: kubectl {str(a)[:120]!r} != engine {str(b)[:120]!r}"


def check(want: dict[Key, Any], got: dict[Key, Any], diff: list[str]) -> None:
    """Fail with the first differences, one line each."""
    assert not diff, "\n".join(diff[:20])


def fill_generator_inputs(repo: Path) -> None:
    """Create the generator input files a kustomization names but the copy lacks (the
    corpora keep only YAML and Markdown), with fixed content, so both builds can run."""
    for kfile in sorted(repo.rglob("kustomization.yaml")):
        try:
            data = yaml.safe_load(kfile.read_text())
        except yaml.YAMLError:
            continue
        if not isinstance(data, dict):
            continue
        for field in ("configMapGenerator", "secretGenerator"):
            for entry in data.get(field) or []:
                if not isinstance(entry, dict):
                    continue
                for source in [*(entry.get("files") or []), *(entry.get("envs") or [])]:
                    if not isinstance(source, str):
                        continue
                    target = (kfile.parent / source.rpartition("=")[2]).resolve()
                    if repo.resolve() in target.parents and not target.exists():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_text("PLACEHOLDER=1\n")
