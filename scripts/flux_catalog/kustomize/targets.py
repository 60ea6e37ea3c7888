"""A kustomization as a build reads it: its directory, file and fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..load import SNIPPET_ERRORS, parse_commented_all
from ..model import Document
from ..positions import key_line

if TYPE_CHECKING:
    from .build import Kustomizer


@dataclass(frozen=True)
class Target:
    directory: str
    path: str  # the kustomization file ("" when Flux generates one)
    doc: Document
    data: Mapping[str, Any]
    generated: bool = False
    # Fields a Flux Kustomization adds, and where they are written: field -> (path, line).
    amended: Mapping[str, tuple[str, int]] | None = None
    # For list fields a Flux Kustomization extends: where each item is written.
    item_origins: Mapping[str, tuple[tuple[str, int], ...]] | None = None

    def where(self, field_name: str) -> tuple[str, int]:
        """File and line where ``field_name`` is written."""
        if self.amended and field_name in self.amended:
            return self.amended[field_name]
        return (self.path or self.doc.path, key_line(self.data, field_name, self.doc.line))

    def entries_at(self, k: Kustomizer, field_name: str) -> list[tuple[Any, str, int]]:
        """Items of a list field with the file and line each is written at."""
        origins = (self.item_origins or {}).get(field_name)
        items = self.entries(k, field_name)
        if origins and len(origins) == len(items):
            return [(v, path, line) for (v, _), (path, line) in zip(items, origins, strict=True)]
        path = self.where(field_name)[0]
        return [(v, path, line) for v, line in items]

    def entries(self, k: Kustomizer, field_name: str) -> list[tuple[Any, int]]:
        value = self.data.get(field_name)
        if value is None:
            return []
        path, line = self.where(field_name)
        if not isinstance(value, list):
            k.problem(path, line, "invalid-field", f"'{field_name}' must be a list")
            return []
        if self.amended and field_name in self.amended:
            return [(v, line) for v in value]
        return [(v, key_line(value, i, line)) for i, v in enumerate(value)]

    def mapping(self, k: Kustomizer, field_name: str) -> Mapping[str, Any]:
        value = self.data.get(field_name)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            path, line = self.where(field_name)
            k.problem(path, line, "invalid-field", f"'{field_name}' must be a mapping")
            return {}
        return value

    def string(self, k: Kustomizer, field_name: str) -> str:
        value = self.data.get(field_name)
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            path, line = self.where(field_name)
            k.problem(path, line, "invalid-field", f"'{field_name}' must be a string")
            return ""
        return value


def patch_bodies(text: str) -> tuple[list[Any], str | None]:
    """The documents of an inline patch (YAML or JSON), or the parse error. Read with ruamel
    so that positions count from the patch text (findings in it point at their own line)."""
    try:
        return parse_commented_all(text), None
    except SNIPPET_ERRORS as exc:
        return [], str(exc).splitlines()[0] if str(exc) else "invalid YAML"
