"""dangling-reference: Secrets made by operators resolve; what the engine cannot know is info."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.model import INFO
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .repos import write_repo

HEAD = "  namespace: apps\n  annotations:\n    kubernetes.io/description: Тест.\n"
NAMESPACE = ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  annotations:\n"
             "    kubernetes.io/description: Тест.\n")


def _release(name: str, secret: str, values: str = "") -> str:
    return (f"apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
            f"  name: {name}\n{HEAD}spec:\n  interval: 1h\n  chartRef:\n"
            f"    kind: OCIRepository\n    name: chart\n  valuesFrom:\n"
            f"    - kind: Secret\n      name: {secret}\n  values:\n    replicas: 1\n{values}")


def _problems(tmp_path: Path, files: dict[str, str]) -> list:
    files = {"ns.yaml": NAMESPACE, "oci.yaml": (
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n"
        f"  name: chart\n{HEAD}spec:\n  interval: 1h\n  url: oci://ghcr.io/x/chart\n"
        "  ref:\n    tag: 1.0.0\n"), **files}
    root = write_repo(tmp_path / "repo", {f"clusters/c/{n}": t for n, t in files.items()},
                      cluster="c")
    catalog, policy = build_catalog(root, ["clusters"])
    return [p for p in run(catalog, policy) if p.rule == "dangling-reference"]


def test_secrets_created_by_operators_satisfy_references(tmp_path: Path) -> None:
    es = ("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n"
          f"  name: from-es\n{HEAD}spec:\n  target:\n    name: es-target\n")
    es_default = ("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n"
                  f"  name: es-own-name\n{HEAD}spec:\n  data: []\n")
    cert = ("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n"
            f"  name: cert\n{HEAD}spec:\n  secretName: cert-tls\n")
    sealed = ("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n"
              f"  name: sealed-one\n{HEAD}spec:\n  encryptedData: {{}}\n")
    problems = _problems(tmp_path, {
        "es.yaml": es, "es2.yaml": es_default, "cert.yaml": cert, "sealed.yaml": sealed,
        "a.yaml": _release("a", "es-target"), "b.yaml": _release("b", "es-own-name"),
        "c.yaml": _release("c", "cert-tls"), "d.yaml": _release("d", "sealed-one"),
        "e.yaml": _release("e", "nobody-makes-this")})
    assert [p.message.split("'")[1] for p in problems] == ["e"], problems


def test_merge_policy_external_secret_creates_nothing(tmp_path: Path) -> None:
    es = ("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n"
          f"  name: merged\n{HEAD}spec:\n  target:\n    creationPolicy: Merge\n")
    problems = _problems(tmp_path, {"es.yaml": es, "a.yaml": _release("a", "merged")})
    assert len(problems) == 1 and problems[0].level == "warning"


def test_what_the_engine_cannot_know_is_info(tmp_path: Path) -> None:
    values = ("    existingSecret: made-by-hand\n"
              "    url: http://keycloak.apps.svc.cluster.local:8080\n")
    problems = _problems(tmp_path, {
        "es.yaml": ("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n"
                    f"  name: vals\n{HEAD}spec: {{}}\n"),
        "a.yaml": _release("a", "vals", values)})
    assert {p.level for p in problems} == {INFO}, problems
    assert len(problems) == 2
    assert any("Service apps/keycloak" in p.message for p in problems)
    assert any("made-by-hand" in p.message for p in problems)
