"""A labelled corpus: a Flux repository with planted FAKE credentials and look-alikes.

:func:`build` returns the files of the repository and one :class:`Case` per labelled value:
``secret=True`` for a credential that ``check`` must report at ``file:line`` (the line of
``anchor``) and that no output may contain; ``secret=False`` for a value that must not be
reported (a name, reference, placeholder, setting...). Every credential is fake (see
:mod:`.tokens`).
"""

from __future__ import annotations

from dataclasses import dataclass

NS = "corpus"
GOTK = """\
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  ref:
    branch: main
  url: https://github.com/example/corpus
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  path: ./clusters/corpus
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
"""


@dataclass(frozen=True)
class Case:
    category: str
    file: str
    value: str  # what must never be printed (secrets) / must not be reported (others)
    anchor: str  # text on the line the finding must point at
    secret: bool


def _indent(text: str, n: int) -> str:
    pad = " " * n
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _meta(kind: str, api: str, name: str) -> str:
    return (f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {NS}\n"
            "  annotations:\n    kubernetes.io/description: Тестовий об'єкт корпусу.\n")


def _helmrelease(name: str, values: str, extra: str = "") -> str:
    return (_meta("HelmRelease", "helm.toolkit.fluxcd.io/v2", name)
            + "spec:\n  interval: 1h\n  chart:\n    spec:\n      chart: app\n"
            "      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n"
            f"        name: charts\n{extra}  values:\n" + _indent(values, 4))


class _Corpus:
    def __init__(self) -> None:
        self.files: dict[str, str] = {"clusters/corpus/flux-system/gotk-sync.yaml": GOTK}
        self.cases: list[Case] = []
        self.n = 0

    def name(self) -> str:
        self.n += 1
        return f"c{self.n:03d}"

    def add(self, file: str, text: str, secrets: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
            others: list[tuple[str, str, str]] = ()) -> None:  # type: ignore[assignment]
        """``(category, value, anchor)`` lists; an empty anchor means the value itself."""
        path = f"clusters/corpus/{file}"
        self.files[path] = text
        for secret, items in ((True, secrets), (False, others)):
            for category, value, anchor in items:
                anchor = anchor or value
                assert anchor in text, (file, anchor)
                self.cases.append(Case(category, path, value, anchor, secret))


def build() -> tuple[dict[str, str], list[Case]]:
    c = _Corpus()
    c.files["clusters/corpus/namespace.yaml"] = (
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: corpus\n  annotations:\n"
        "    kubernetes.io/description: Простір імен корпусу.\n")
    c.files["clusters/corpus/repo.yaml"] = (
        _meta("HelmRepository", "source.toolkit.fluxcd.io/v1", "charts")
        + "spec:\n  interval: 1h\n  url: https://charts.example.com\n")
    from .cases import add_all

    add_all(c)
    return c.files, c.cases
