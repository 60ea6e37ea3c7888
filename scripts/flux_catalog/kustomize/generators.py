"""configMapGenerator and secretGenerator, and kustomize's content hash of their names."""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Document
from .resource import Resource, new_resource


@dataclass
class GeneratorInput:
    """What a generator entry reads, gathered by the build (which owns the file system)."""

    data: dict[str, str] = field(default_factory=dict)
    binary: dict[str, str] = field(default_factory=dict)
    unknown: bool = False  # a source file could not be read: content (and hash) unknown
    errors: list[str] = field(default_factory=list)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def gather(entry: Mapping[str, Any], directory: str,
           read: Callable[[str], bytes | None]) -> GeneratorInput:
    """Data of one generator entry: ``literals``, ``files`` (``key=path`` or ``path``) and
    ``envs`` (``KEY=VALUE`` lines); ``read`` returns a file's bytes or None."""
    out = GeneratorInput()
    for literal in entry.get("literals") or []:
        if not isinstance(literal, str) or "=" not in literal:
            out.errors.append(f"literal {literal!r} is not KEY=VALUE")
            continue
        key, _, value = literal.partition("=")
        out.data[key.strip()] = _unquote(value)
    for source in entry.get("files") or []:
        if not isinstance(source, str):
            out.errors.append("'files' entries must be strings")
            continue
        key, _, path = source.rpartition("=")
        key = key or posixpath.basename(path)
        raw = read(posixpath.normpath(posixpath.join(directory, path)))
        if raw is None:
            out.unknown = True
            continue
        try:
            out.data[key] = raw.decode("utf-8")
        except UnicodeDecodeError:
            out.binary[key] = base64.b64encode(raw).decode("ascii")
    envs = list(entry.get("envs") or [])
    if isinstance(entry.get("env"), str):
        envs.append(entry["env"])
    for path in envs:
        if not isinstance(path, str):
            continue
        raw = read(posixpath.normpath(posixpath.join(directory, path)))
        if raw is None:
            out.unknown = True
            continue
        for line in raw.decode("utf-8", "replace").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if sep:
                out.data[key.strip()] = value
    return out


def make(kind: str, entry: Mapping[str, Any], options: Mapping[str, Any], doc: Document,
         data: GeneratorInput) -> Resource:
    """The ConfigMap or Secret an entry generates (its hash suffix is added at the end of
    the build, when ``needs_hash``)."""
    merged_options = {**options, **(entry.get("options") or {})}
    metadata: dict[str, Any] = {"name": entry["name"]}
    if isinstance(entry.get("namespace"), str) and entry["namespace"]:
        metadata["namespace"] = entry["namespace"]
    for key in ("labels", "annotations"):
        value = merged_options.get(key)
        if isinstance(value, Mapping) and value:
            metadata[key] = {str(k): str(v) for k, v in value.items()}
    body: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": metadata}
    if kind == "Secret":
        body["type"] = str(entry.get("type") or "Opaque")
        encoded = {k: base64.b64encode(v.encode()).decode("ascii")
                   for k, v in data.data.items()}
        encoded.update(data.binary)
        if encoded:
            body["data"] = dict(sorted(encoded.items()))
    else:
        if data.data:
            body["data"] = dict(sorted(data.data.items()))
        if data.binary:
            body["binaryData"] = dict(sorted(data.binary.items()))
    if merged_options.get("immutable"):
        body["immutable"] = True
    needs_hash = not merged_options.get("disableNameSuffixHash", False) and not data.unknown
    behavior = str(entry.get("behavior") or "create")
    return new_resource(doc, body, generated=True, needs_hash=needs_hash, behavior=behavior)


def merge_into(base: Resource, generated: Resource) -> Resource:
    """``behavior: merge`` or ``replace`` of a generator entry over an existing object."""
    body = base.edit()
    if generated.behavior == "replace":
        for key in ("data", "binaryData"):
            body.pop(key, None)
    for key in ("data", "binaryData"):
        if key in generated.body:
            body.setdefault(key, {}).update(generated.body[key])
    meta_new = generated.body.get("metadata", {})
    meta = body.setdefault("metadata", {})
    for key in ("labels", "annotations"):
        if key in meta_new:
            meta.setdefault(key, {}).update(meta_new[key])
    return replace(base, body=body, needs_hash=base.needs_hash and generated.needs_hash,
                   generated=True)


def _go_json(value: Any) -> str:
    """``encoding/json`` of Go: sorted keys, no spaces, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def content_hash(body: Mapping[str, Any]) -> str:
    """kustomize's name suffix for a generated ConfigMap or Secret. kustomize v5 encodes the
    object with an empty name, and absent ``data`` as an empty string (checked against
    ``kubectl kustomize``)."""
    data = body.get("data") or ""
    if body.get("kind") == "Secret":
        doc: dict[str, Any] = {"kind": "Secret", "type": body.get("type", ""), "name": "",
                               "data": data}
    else:
        doc = {"kind": "ConfigMap", "name": "", "data": data}
        if body.get("binaryData"):
            doc["binaryData"] = body["binaryData"]
    digest = hashlib.sha256(_go_json(doc).encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))
