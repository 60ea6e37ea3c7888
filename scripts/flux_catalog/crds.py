"""Strict validation of custom resources against CustomResourceDefinition schemas.

`load_crd_schemas` reads CRD files (for example the upstream Flux CRDs) and returns one JSON
schema per *served* version, made strict the way ``kubectl --validate=strict`` is: an object
schema that lists ``properties`` and neither preserves unknown fields nor says anything about
``additionalProperties`` rejects fields it does not know. `validate_object` checks one object
against such a schema and returns every violation, never raising (jsonschema-rs tells the
valid ones first, Python jsonschema words the violations: see :mod:`.crds_fast`).

Not checked: CEL rules (``x-kubernetes-validations``) and string ``format`` values, which need
the API server.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .crds_fast import compiled_schema, prune_nulls, surely_valid

if TYPE_CHECKING:
    from .documents import DocumentStore, LruCache
    from .load import LoadedFile

__all__ = ["SchemaUnusable", "load_crd_schemas", "strict_schema", "validate_object"]

Schema = dict[str, Any]
PathTuple = tuple[str | int, ...]

_YAML_SUFFIXES = (".yaml", ".yml")
_DOC_SEPARATOR = re.compile(r"^---(?:\s|$)")

# What the API server knows about `metadata`; CRDs only say `type: object`.
_METADATA_SCHEMA: Schema = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "generateName": {"type": "string"},
        "namespace": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["name"],
}

def load_crd_schemas(
    paths: Iterable[Path], documents: DocumentStore | None = None,
) -> tuple[dict[tuple[str, str], Schema], list[tuple[Path, int, str]]]:
    """Read CRDs from files or directories (recursively, ``*.yaml``/``*.yml``).

    Returns a mapping ``(apiVersion, kind) -> strict JSON schema`` for every served version of
    every ``CustomResourceDefinition`` document found, and a list of ``(file, line, message)``
    for what could not be read. Documents that are not CRDs are ignored. Never raises on bad
    input files. Files are read and parsed through ``documents`` (the build's store).
    """
    if documents is None:
        from .documents import DocumentStore

        documents = DocumentStore(Path("/"))
    schemas: dict[tuple[str, str], Schema] = {}
    errors: list[tuple[Path, int, str]] = []
    for file in _iter_yaml_files(paths, errors):
        rel = str(file.resolve())
        raw = documents.raw(rel)
        key = (rel, hashlib.sha256(raw).hexdigest() if raw is not None else "")
        found = _FILE_SCHEMAS.get(key)
        if found is None and key[1] and key[1] in _SCHEMAS_BY_CONTENT:
            # The same CRDs in another file (each cluster's gotk-components.yaml): the same
            # schema objects, so their validators are compiled once.
            found = _SCHEMAS_BY_CONTENT[key[1]]
            _remember_file(key, found)
        if found is None:
            text = documents.text(rel, encoding="utf-8")
            loaded = documents.load(rel)
            if text is None:
                message = loaded.problems[0].message if loaded.problems else "not UTF-8"
                errors.append((file, 0, message))
                continue
            key = (rel, loaded.sha256)
            found = _file_schemas(text, loaded)
            _remember_file(key, found)
        FILE_SCHEMAS_USED.add(key)
        schemas.update(found[0])
        errors.extend((file, line, message) for line, message in found[1])
    return schemas, errors


# Strict schemas of each CRD file by path and content: every cluster a check judges, and
# every rebuild of ``mkdocs serve``, uses the same schema objects (and their validators).
# The check cache keeps those a run used (``dump_file_schemas``), so a re-check does not
# parse the CRDs again.
FileSchemas = tuple[dict[tuple[str, str], Schema], list[tuple[int, str]]]
_FILE_SCHEMAS: dict[tuple[str, str], FileSchemas] = {}
# The same by content alone: what _file_schemas returns depends on the text only.
_SCHEMAS_BY_CONTENT: dict[str, FileSchemas] = {}
FILE_SCHEMAS_USED: set[tuple[str, str]] = set()
_FILE_SCHEMAS_STORED: set[tuple[str, str]] = set()  # read from, or written to, the cache


def _remember_file(key: tuple[str, str], found: FileSchemas) -> None:
    if len(_FILE_SCHEMAS) >= _MEMO_LIMIT:
        _FILE_SCHEMAS.clear()
    if len(_SCHEMAS_BY_CONTENT) >= _MEMO_LIMIT:
        _SCHEMAS_BY_CONTENT.clear()
    _FILE_SCHEMAS[key] = found
    _SCHEMAS_BY_CONTENT.setdefault(key[1], found)


def dump_file_schemas() -> list[list[Any]]:
    """The file schemas this process used, as JSON data (entries that JSON would change,
    such as keys that are not strings, are left out)."""
    out = []
    for key in sorted(FILE_SCHEMAS_USED):
        found = _FILE_SCHEMAS.get(key)
        if found is None:
            continue
        entry = [*key, [[api, kind, schema] for (api, kind), schema in found[0].items()],
                 [[line, message] for line, message in found[1]]]
        if key not in _FILE_SCHEMAS_STORED:
            try:
                if json.loads(json.dumps(entry)) != entry:
                    continue
            except (TypeError, ValueError):
                continue
            _FILE_SCHEMAS_STORED.add(key)
        out.append(entry)
    return out


def load_file_schemas(data: Iterable[Any]) -> None:
    """What ``dump_file_schemas`` wrote (raises KeyError, TypeError or ValueError on
    anything else)."""
    for rel, sha, entries, errors in data:
        key = (str(rel), str(sha))
        if key not in _FILE_SCHEMAS:
            _FILE_SCHEMAS[key] = _SCHEMAS_BY_CONTENT.setdefault(key[1], (
                {(str(api), str(kind)): dict(schema) for api, kind, schema in entries},
                [(int(line), str(message)) for line, message in errors]))
            _FILE_SCHEMAS_STORED.add(key)


def _file_schemas(text: str, loaded: LoadedFile
                  ) -> tuple[dict[tuple[str, str], Schema], list[tuple[int, str]]]:
    schemas: dict[tuple[str, str], Schema] = {}
    errors: list[tuple[Path, int, str]] = []
    starts = _document_start_lines(text)
    for doc in loaded.docs:
        line = starts[doc.index] if doc.index < len(starts) else 1
        _add_crd(doc.data, Path(), line, schemas, errors)
    found = [(line, message) for _, line, message in errors]
    found += [(problem.line, f"invalid YAML: {problem.message}") for problem in loaded.problems]
    return schemas, found


def strict_schema(schema: Schema) -> Schema:
    """Return a copy of an ``openAPIV3Schema`` made strict (see the module docstring)."""
    strict = copy.deepcopy(schema)
    _strictify(strict)
    props = strict.get("properties")
    if isinstance(props, dict):
        meta = props.get("metadata")
        if not isinstance(meta, dict) or set(meta) <= {"type", "description"}:
            props["metadata"] = copy.deepcopy(_METADATA_SCHEMA)
    return strict


def validate_object(obj: dict[str, Any], schema: Schema,
                    validators: LruCache[int, tuple[Any, Any]] | None = None,
                    ) -> list[tuple[PathTuple, str]]:
    """Validate one object; return ``(path inside the object, message)`` per violation, sorted.

    ``null`` values of fields that are not ``nullable`` are dropped first, as the API server
    prunes them before validation. An unknown field is reported at its own path as
    ``unknown field "name"``.
    """
    problems: set[tuple[PathTuple, str]] = set()
    try:
        compiled = compiled_schema(schema, validators)
        if compiled.surely_valid is not None and surely_valid(compiled.surely_valid, obj,
                                                              schema):
            return []
        instance = prune_nulls(obj, schema)
        for error in compiled.python().iter_errors(instance):
            path: PathTuple = tuple(error.absolute_path)
            if error.validator == "additionalProperties" and error.validator_value is False:
                for field in _unexpected_fields(error.instance, error.schema):
                    problems.add(((*path, field), f'unknown field "{field}"'))
                continue
            problems.add((path, _message(error)))
    except Exception as exc:  # a schema jsonschema cannot use must not stop the whole check
        raise SchemaUnusable(f"{type(exc).__name__}: {exc}") from exc
    return sorted(problems, key=_problem_sort_key)


# Violations by digest of schema and object: the second revision of a diff, a serve rebuild
# and (through the check cache) a re-check validate only objects that changed.
VIOLATIONS_CACHE: dict[bytes, tuple[tuple[PathTuple, str], ...]] = {}
_SCHEMA_DIGESTS: dict[int, tuple[Schema, bytes]] = {}  # id -> (schema kept alive, digest)
VIOLATIONS_USED: set[bytes] = set()  # keys asked for (what the check cache keeps)
_MEMO_LIMIT = 100_000


def validate_remembered(obj: dict[str, Any], schema: Schema,
                        validators: LruCache[int, tuple[Any, Any]] | None = None,
                        ) -> list[tuple[PathTuple, str]]:
    """:func:`validate_object`, remembered by content (``repr`` of the object: dicts, lists
    and scalars) and by the schema's content."""
    known = _SCHEMA_DIGESTS.get(id(schema))
    if known is None or known[0] is not schema:
        if len(_SCHEMA_DIGESTS) > 1000:
            _SCHEMA_DIGESTS.clear()
        known = (schema, hashlib.blake2b(repr(schema).encode("utf-8", "backslashreplace"),
                                         digest_size=20).digest())
        _SCHEMA_DIGESTS[id(schema)] = known
    try:
        key = hashlib.blake2b(known[1] + repr(obj).encode("utf-8", "backslashreplace"),
                              digest_size=20).digest()
    except RecursionError:  # nested deeper than repr goes: validated every time
        return validate_object(obj, schema)
    VIOLATIONS_USED.add(key)
    found = VIOLATIONS_CACHE.get(key)
    if found is None:
        found = tuple(validate_object(obj, schema, validators))
        if len(VIOLATIONS_CACHE) >= _MEMO_LIMIT:
            VIOLATIONS_CACHE.clear()
        VIOLATIONS_CACHE[key] = found
    return list(found)


class SchemaUnusable(Exception):
    """The CRD's schema cannot be compiled here (a Go regexp Python lacks, a bad $ref...)."""


def _message(error: Any) -> str:
    """What is wrong, without repeating the value: values may be credentials."""
    expected = error.validator_value
    kind = error.validator
    if kind == "type":
        types = " or ".join(expected) if isinstance(expected, list) else expected
        return f"must be of type {types}"
    if kind == "enum":
        return "must be one of " + ", ".join(repr(v) for v in expected[:10])
    if kind == "required":
        missing = [name for name in expected if isinstance(error.instance, dict)
                   and name not in error.instance] or list(expected)
        return "missing required field " + ", ".join(repr(m) for m in missing)
    if kind in ("pattern", "format"):
        return f"does not match {kind} {expected!r}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                "multipleOf", "uniqueItems", "const"):
        return f"violates {kind} {expected!r}"
    return f"violates {kind}"


# --- loading ---------------------------------------------------------------------------------


def _iter_yaml_files(paths: Iterable[Path], errors: list[tuple[Path, int, str]]) -> Iterator[Path]:
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*") if p.suffix in _YAML_SUFFIXES and p.is_file()
            )
        elif path.is_file():
            candidates = [path]
        else:
            errors.append((path, 0, "no such file or directory"))
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                yield candidate


def _document_start_lines(text: str) -> list[int]:
    """1-based line where each YAML document of a multi-document stream begins."""
    separators = [n for n, line in enumerate(text.splitlines(), 1) if _DOC_SEPARATOR.match(line)]
    first_content = next(
        (
            n
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith(("#", "%"))
        ),
        1,
    )
    if separators and separators[0] <= first_content:
        return [n + 1 for n in separators]
    return [1] + [n + 1 for n in separators]


def _add_crd(
    doc: Any,
    file: Path,
    line: int,
    schemas: dict[tuple[str, str], Schema],
    errors: list[tuple[Path, int, str]],
) -> None:
    if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
        return
    if not str(doc.get("apiVersion", "")).startswith("apiextensions.k8s.io/"):
        return
    spec = doc.get("spec")
    if not isinstance(spec, dict):
        errors.append((file, line, "CustomResourceDefinition without spec"))
        return
    group = spec.get("group")
    names = spec.get("names")
    kind = names.get("kind") if isinstance(names, dict) else None
    if not isinstance(group, str) or not isinstance(kind, str):
        errors.append((file, line, "CustomResourceDefinition without spec.group or names.kind"))
        return
    versions = spec.get("versions")
    if not isinstance(versions, list) or not versions:
        errors.append((file, line, f"CustomResourceDefinition {kind}: no spec.versions"))
        return
    shared = spec.get("validation")  # apiextensions.k8s.io/v1beta1: one schema for all versions
    for version in versions:
        if not isinstance(version, dict) or not version.get("served", False):
            continue
        name = version.get("name")
        source = version.get("schema") or shared
        raw = source.get("openAPIV3Schema") if isinstance(source, dict) else None
        if not isinstance(name, str) or not isinstance(raw, dict):
            errors.append((file, line, f"CustomResourceDefinition {kind}: version without schema"))
            continue
        schemas[(f"{group}/{name}", kind)] = strict_schema(raw)


# --- schema handling -------------------------------------------------------------------------


def _strictify(node: Any) -> None:
    if not isinstance(node, dict):
        return
    if node.get("nullable") is True and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    props = node.get("properties")
    if (
        isinstance(props, dict)
        and node.get("x-kubernetes-preserve-unknown-fields") is not True
        and "additionalProperties" not in node
    ):
        node["additionalProperties"] = False
    if isinstance(props, dict):
        for sub in props.values():
            _strictify(sub)
    for key in ("items", "additionalProperties", "not"):
        _strictify(node.get(key))
    for key in ("allOf", "anyOf", "oneOf"):
        subs = node.get(key)
        if isinstance(subs, list):
            for sub in subs:
                _strictify(sub)


def _unexpected_fields(instance: Any, schema: Any) -> list[str]:
    if not isinstance(instance, dict) or not isinstance(schema, dict):
        return []
    known = set(schema.get("properties") or {})
    patterns = [re.compile(p) for p in (schema.get("patternProperties") or {})]
    return sorted(
        str(key)
        for key in instance
        if key not in known and not any(p.search(str(key)) for p in patterns)
    )


def _problem_sort_key(
    problem: tuple[PathTuple, str],
) -> tuple[tuple[tuple[int, int, str], ...], str]:
    path, message = problem
    return (
        tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path),
        message,
    )
