"""The docs gate's policy: ``.flux-catalog.yaml`` and ``[tool.flux-catalog]`` in pyproject.toml.

A repository that is not a Python project keeps its policy in ``.flux-catalog.yaml`` (or
``.yml``) at its root; ``pyproject.toml`` is still read. When both set a key, the YAML file
wins. Unknown keys and unknown rule ids are errors (``policy``), never silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import ERROR, INFO, WARNING, WORKLOAD_KINDS, Problem

OFF = "off"
LEVELS = (ERROR, WARNING, INFO, OFF)

DEFAULT_DESCRIBE = ("HelmRelease", "Kustomization", "Namespace", *sorted(WORKLOAD_KINDS))


@dataclass(frozen=True)
class Policy:
    """What the gate requires. Every field has a default that suits any Flux repository."""

    paths: tuple[str, ...] = ("clusters",)
    # Kinds whose objects must carry kubernetes.io/description (sources may inherit).
    describe: tuple[str, ...] = DEFAULT_DESCRIBE
    # Level of the README rule for directories holding deployed objects.
    readme: str = WARNING
    # Rule id -> level ("error", "warning" or "off"), overriding each rule's default.
    levels: dict[str, str] = field(default_factory=dict)
    # GitRepository/OCIRepository names that mean "this repository".
    self_sources: tuple[str, ...] = ("flux-system",)
    # Object ids (Kind/namespace/name) that exist without being in Git (made by hand or a chart).
    external: tuple[str, ...] = ("Secret/flux-system/flux-system",)
    # Extra directories or files with CustomResourceDefinitions for schema validation.
    crds: tuple[str, ...] = ()

    def level(self, rule: str, default: str) -> str:
        return self.levels.get(rule, default)


_FIELDS = {"paths", "describe", "readme", "levels", "self-sources", "external", "crds"}
YAML_NAMES = (".flux-catalog.yaml", ".flux-catalog.yml")
# Rule ids of problems the engine itself reports while reading and building (besides the
# rules of :mod:`flux_catalog.rules`); any ``kustomize-*`` id is accepted too.
ENGINE_RULES = frozenset({
    "yaml-syntax", "invalid-field", "not-a-manifest", "path-escape", "duplicate-object",
    "patch", "sourceignore", "policy", "kustomize-missing", "kustomize-cycle",
})


# Ids of the rules of :mod:`flux_catalog.rules` (their ``IDS``; a test keeps the two equal):
# the policy is read before the rules run, below them in the data flow.
CHECK_RULES = frozenset({
    "description-missing", "description-language", "readme-missing", "api-version",
    "not-deployed", "dangling-reference", "chart-unpinned", "schema", "namespace-missing",
    "plaintext-secret",
})


def known_rule(rule: str) -> bool:
    """Whether ``rule`` is a rule id the gate can report."""
    return rule in ENGINE_RULES or rule in CHECK_RULES or rule.startswith("kustomize-")


def load_policy(root: Path) -> tuple[Policy, list[Problem]]:
    """Read the policy from ``root/pyproject.toml`` and ``root/.flux-catalog.yaml``;
    problems instead of exceptions."""
    table: dict[str, Any] = {}
    problems: list[Problem] = []
    where: dict[str, tuple[str, int]] = {}
    path = root / "pyproject.toml"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem("pyproject.toml", 1, 1, "policy", ERROR, f"cannot read: {exc}"))
            data = {}
        found = data.get("tool", {}).get("flux-catalog")
        if found is not None:
            if not isinstance(found, dict):
                problems.append(Problem("pyproject.toml", _line_of(path), 1, "policy", ERROR,
                                        "[tool.flux-catalog] must be a table"))
            else:
                table.update(found)
                where.update({k: ("pyproject.toml", _line_of(path)) for k in found})
    for name in YAML_NAMES:
        if (root / name).is_file():
            found, line_of_key, error = _read_yaml(root / name)
            if error:
                problems.append(Problem(name, 1, 1, "policy", ERROR, error))
            elif found is not None:
                table.update(found)
                where.update({k: (name, line_of_key.get(k, 1)) for k in found})
            break
    if not table:
        return Policy(), problems
    policy, more = _from_table(table, where)
    return policy, problems + more


def _read_yaml(path: Path) -> tuple[dict[str, Any] | None, dict[str, int], str | None]:
    from .load import YAML_ERRORS, parse_plain

    try:
        text = path.read_text("utf-8")
        data = parse_plain(text, pure=True)
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, f"cannot read: {exc}"
    except YAML_ERRORS as exc:
        return None, {}, f"cannot read: {exc}".replace("\n", " ")
    if data is None:
        return None, {}, None
    if not isinstance(data, dict):
        return None, {}, "the policy must be a mapping of keys such as 'paths' and 'levels'"
    # YAML 1.1 reads an unquoted `off` as false: in levels it means the level "off".
    if data.get("readme") is False:
        data["readme"] = OFF
    if isinstance(data.get("levels"), dict):
        data["levels"] = {k: OFF if v is False else v for k, v in data["levels"].items()}
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        key = line.split(":", 1)[0].strip()
        if line[:1] not in (" ", "\t", "#") and key in data and key not in lines:
            lines[key] = number
    return data, lines, None


def _line_of(path: Path) -> int:
    try:
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if text.strip() == "[tool.flux-catalog]":
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _from_table(table: dict[str, Any],
                where: dict[str, tuple[str, int]]) -> tuple[Policy, list[Problem]]:
    problems: list[Problem] = []
    policy = Policy()

    def bad(key: str, message: str) -> None:
        path, line = where.get(key, ("pyproject.toml", 1))
        problems.append(Problem(path, line, 1, "policy", ERROR, message))

    for key in sorted(set(table) - _FIELDS, key=str):
        bad(key, f"unknown key '{key}' in the flux-catalog policy (known: "
                 f"{', '.join(sorted(_FIELDS))})")
    changes: dict[str, Any] = {}
    for key in ("paths", "describe", "self-sources", "external", "crds"):
        if key in table:
            value = table[key]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                changes[key.replace("-", "_")] = tuple(value)
            else:
                bad(key, f"'{key}' must be a list of strings")
    if "readme" in table:
        if table["readme"] in LEVELS:
            changes["readme"] = table["readme"]
        else:
            bad("readme", f"'readme' must be one of {', '.join(LEVELS)}")
    if "levels" in table:
        levels = table["levels"]
        if isinstance(levels, dict) and all(v in LEVELS for v in levels.values()):
            unknown = sorted(str(r) for r in levels if not known_rule(str(r)))
            for rule in unknown:
                bad("levels", f"unknown rule '{rule}' in 'levels'")
            changes["levels"] = {k: v for k, v in levels.items() if str(k) not in unknown}
        else:
            bad("levels", f"'levels' must map rule ids to one of {', '.join(LEVELS)}")
    return replace(policy, **changes), problems
