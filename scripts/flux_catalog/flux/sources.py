"""Which Flux sources are this repository, and where their artifacts start in it.

A Flux Kustomization builds ``spec.path`` from the root of its ``sourceRef``'s artifact.
``sourceRef.namespace`` defaults to the Kustomization's own namespace (kustomize-controller,
``spec.sourceRef``). Sources that are this repository: ``flux-system/flux-system`` (what
bootstrap and the Flux Operator create), names the policy lists, GitRepositories whose URL is
this repository's, directories mapped with ``--source NAME=DIR``, and ExternalArtifacts an
ArtifactGenerator copies out of one of those.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any

BOOTSTRAP = ("flux-system", "flux-system")  # (namespace, name)
SELF_KINDS = ("GitRepository", "OCIRepository", "Bucket")


def normal_url(url: str) -> str:
    """``ssh://git@github.com/o/r.git``, ``git@github.com:o/r`` and ``https://github.com/o/r``
    all become ``github.com/o/r``."""
    url = url.strip().lower()
    url = re.sub(r"^[a-z+]+://", "", url)
    url = re.sub(r"^[^@/]+@", "", url)
    url = re.sub(r"^([^/:]+):(?!\d+/)", r"\1/", url)
    url = re.sub(r":\d+/", "/", url)
    return re.sub(r"(\.git)?/*$", "", url)


class Sources:
    def __init__(self, self_names: Iterable[str] = ("flux-system",),
                 mapped: Mapping[str, str] | None = None) -> None:
        self.self_names = {n if "/" in n else f"flux-system/{n}" for n in self_names}
        self.mapped = dict(mapped or {})
        self.repo_urls: set[str] = set()
        self.same_repo: set[tuple[str, str | None, str]] = set()  # (kind, ns, name)
        self.artifact_root: dict[tuple[str, str], str] = {}  # (ns, name) -> directory
        self.artifacts: dict[str, list[tuple[str, str]]] = {}

    def state(self) -> dict[str, Any]:
        """Everything noted, as JSON data; ``from_state`` gives the same Sources back."""
        return {"self_names": sorted(self.self_names), "mapped": self.mapped,
                "repo_urls": sorted(self.repo_urls),
                "same_repo": sorted((list(t) for t in self.same_repo), key=str),
                "artifact_root": sorted([ns, name, d]
                                        for (ns, name), d in self.artifact_root.items()),
                "artifacts": {k: [list(t) for t in v] for k, v in self.artifacts.items()}}

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> Sources:
        out = cls((), data["mapped"])
        out.self_names = set(data["self_names"])
        out.repo_urls = set(data["repo_urls"])
        out.same_repo = {(str(k), ns, str(n)) for k, ns, n in data["same_repo"]}
        out.artifact_root = {(str(ns), str(name)): str(d)
                             for ns, name, d in data["artifact_root"]}
        out.artifacts = {str(k): [(str(a), str(b)) for a, b in v]
                         for k, v in data["artifacts"].items()}
        return out

    def note_repository(self, url: Any) -> None:
        if isinstance(url, str) and url:
            self.repo_urls.add(normal_url(url))

    def note_source(self, body: Mapping[str, Any], namespace: str | None) -> None:
        """A GitRepository written in the repository whose URL is this repository's."""
        spec = body.get("spec")
        url = spec.get("url") if isinstance(spec, Mapping) else None
        name = (body.get("metadata") or {}).get("name")
        if isinstance(url, str) and normal_url(url) in self.repo_urls and isinstance(name, str):
            self.same_repo.add((str(body.get("kind")), namespace, name))

    def root_of(self, kind: Any, namespace: str | None, name: Any) -> str | None:
        """The directory of this repository a source's artifact starts at, or None when the
        source is not this repository."""
        if not isinstance(name, str):
            return None
        ns = namespace or "default"
        for key in (f"{ns}/{name}", name):
            if key in self.mapped:
                return self.mapped[key]
        if kind not in SELF_KINDS:
            return None
        if f"{ns}/{name}" in self.self_names:
            return self.artifact_root.get((ns, name), "")
        if (kind, namespace, name) in self.same_repo or (kind, None, name) in self.same_repo:
            return ""
        return None

    def note_artifact_generator(self, data: Mapping[str, Any], namespace: str | None) -> None:
        """ExternalArtifacts that an ArtifactGenerator copies out of this repository."""
        spec = data.get("spec")
        if not isinstance(spec, Mapping):
            return
        aliases: dict[str, str] = {}
        for s in spec.get("sources") or []:
            if not isinstance(s, Mapping) or not isinstance(s.get("alias"), str):
                continue
            root = self.root_of(s.get("kind"), s.get("namespace") or namespace, s.get("name"))
            if root is not None:
                aliases[s["alias"]] = root
        for artifact in spec.get("artifacts") or []:
            if not isinstance(artifact, Mapping) or not isinstance(artifact.get("name"), str):
                continue
            for op in artifact.get("copy") or []:
                if not isinstance(op, Mapping):
                    continue
                src, dst = op.get("from"), op.get("to")
                if not (isinstance(src, str) and isinstance(dst, str)):
                    continue
                alias, _, src_path = src.lstrip("@").partition("/")
                if alias not in aliases or not dst.startswith("@artifact"):
                    continue
                src_dir = re.sub(r"/?\*\*?$", "", src_path).strip("/")
                src_dir = posixpath.join(aliases[alias], src_dir) if aliases[alias] else src_dir
                dst_dir = dst[len("@artifact"):].strip("/")
                self.artifacts.setdefault(artifact["name"], []).append((dst_dir, src_dir))

    def artifact_path(self, name: Any, raw: str) -> str | None:
        """Where ``raw`` (a path inside the ExternalArtifact ``name``) is in the repository."""
        wanted = posixpath.normpath(raw.lstrip("/") or ".")
        wanted = "" if wanted == "." else wanted
        best: tuple[int, str] | None = None
        for dst, src in self.artifacts.get(str(name), []):
            if dst == "" or wanted == dst or wanted.startswith(dst + "/"):
                rest = wanted[len(dst):].lstrip("/")
                candidate = posixpath.join(src, rest) if rest else src
                if best is None or len(dst) > best[0]:
                    best = (len(dst), candidate)
        return best[1] if best else None
