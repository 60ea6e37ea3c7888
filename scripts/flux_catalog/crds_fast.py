"""A fast validity test for the schema rule: jsonschema-rs first, Python jsonschema for detail.

Almost every object is valid, and Python ``jsonschema`` spends a millisecond or more proving
it. `fast_check` compiles the strict schema once with jsonschema-rs (Rust) and returns a test
that answers True only when the object is surely valid; everything else (an invalid object,
a value jsonschema-rs cannot take, such as a date or a ``str`` subclass, any error) goes to
Python ``jsonschema``, whose messages the rule prints. So the output cannot change as long as
jsonschema-rs never calls valid what Python ``jsonschema`` calls invalid:

- formats are not checked by either (Python ``jsonschema`` has no format checker here);
- regular expressions: a schema is used by jsonschema-rs only when every ``pattern`` and
  ``patternProperties`` key compiles in Python and uses none of the syntax Rust reads
  differently (``[[:alpha:]]`` classes, nested classes and ``&&``/``--``/``~~`` set
  operations, ``\\p{L}``); what is left means the same, or is stricter in Rust (``$`` before
  a final newline, which Python accepts);
- ``multipleOf``: Python divides floats (0.3 is no multiple of 0.1 there, and is in Rust), so
  a schema with it keeps the Python path;
- a schema jsonschema-rs cannot compile is validated by Python ``jsonschema`` alone.

``tests/test_crds_fast.py`` compares the two on every object of the fixtures and corpora.
Without the package (an unusual platform) every object takes the Python path, as before.
Both paths see the object as :func:`prune_nulls` leaves it (``key: null`` dropped where the
schema does not allow null, as the API server prunes it).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

    from .documents import LruCache

_UNAVAILABLE = object()
_module: Any = None


def fast_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A function telling an object is surely valid against ``schema``, or None (no fast
    path for this schema: the package is missing, or a pattern could be read differently)."""
    rs = _jsonschema_rs()
    if rs is None or _has_key(schema, "multipleOf") or \
            not all(_same_in_rust(p) for p in _patterns(schema)):
        return None
    try:
        validator = rs.Draft7Validator(_plain(schema), validate_formats=False)
    except Exception:  # a schema Rust refuses (or a date in it): Python decides, as before
        return None
    is_valid = validator.is_valid

    def surely_valid(instance: Any) -> bool:
        try:
            return is_valid(instance) is True
        except Exception:  # a value Rust cannot take (a date, a str subclass...)
            return False

    return surely_valid


def is_nullable(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return True
    kind = schema.get("type")
    return (
        schema.get("nullable") is True
        or kind is None
        or (isinstance(kind, list) and "null" in kind)
    )


def prune_nulls(value: Any, schema: Any, plain: bool = False) -> Any:
    """Drop ``key: null`` where the schema does not allow null, recursively along the schema.
    With ``plain``, every container comes back a plain ``dict`` or ``list`` (what
    jsonschema-rs takes), below the schema's properties too."""
    if not isinstance(schema, dict):
        if not plain:
            return value
        schema = {}
    if isinstance(value, dict):
        props = schema.get("properties")
        extra = schema.get("additionalProperties")
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(props, dict) and key in props:
                sub = props[key]
            elif isinstance(extra, dict):
                sub = extra
            else:
                out[key] = prune_nulls(item, None, True) if plain else item
                continue
            if item is None and not is_nullable(sub):
                continue
            out[key] = prune_nulls(item, sub, plain)
        return out
    if isinstance(value, list) and (plain or isinstance(schema.get("items"), dict)):
        return [prune_nulls(item, schema.get("items"), plain) for item in value]
    return value


def surely_valid(test: Any, obj: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether ``test`` (:func:`fast_check`) passes ``obj`` as the Python path sees it."""
    try:
        instance = prune_nulls(obj, schema, plain=True)
    except RecursionError:  # deeper than the conversion goes: the Python path decides
        return False
    return bool(test(instance))


class Compiled:
    """A schema's validators: the fast test (see :func:`fast_check`), made when the schema is
    first used, and Python ``jsonschema``'s, made only for an object the test does not pass
    (importing ``jsonschema`` alone costs more than a whole fast check)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.surely_valid = fast_check(schema)
        self._python: jsonschema.Draft7Validator | None = None

    def python(self) -> jsonschema.Draft7Validator:
        if self._python is None:
            import jsonschema

            self._python = jsonschema.Draft7Validator(self.schema)
        return self._python


def compiled_schema(schema: dict[str, Any],
                    validators: LruCache[int, tuple[Any, Any]] | None) -> Compiled:
    """The validators of ``schema``, kept in ``validators`` (the build's store) by the
    schema's id; the schema is kept beside them, so the id cannot be reused meanwhile."""
    cached = validators.get(id(schema)) if validators is not None else None
    if cached is not None and cached[0] is schema:
        return cached[1]  # type: ignore[no-any-return]
    compiled = Compiled(schema)
    if validators is not None:
        validators.put(id(schema), (schema, compiled))
    return compiled


def _jsonschema_rs() -> Any:
    global _module
    if _module is None:
        try:
            import jsonschema_rs

            _module = jsonschema_rs
        except ImportError:  # pragma: no cover - a platform without wheels
            _module = _UNAVAILABLE
    return None if _module is _UNAVAILABLE else _module


def _plain(node: Any) -> Any:
    """The schema as plain dicts and lists (jsonschema-rs takes no subclass of them)."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


def _has_key(node: Any, name: str) -> bool:
    """Whether any mapping of the schema has ``name`` (``multipleOf``: Python divides floats,
    so 0.3 is no multiple of 0.1 there, and is in Rust)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if name in current:
                return True
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


def _patterns(node: Any) -> Iterator[Any]:
    """Every regular expression of a schema: ``pattern`` values, ``patternProperties`` keys."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if "pattern" in current and not isinstance(current["pattern"], dict):
                yield current["pattern"]
            extra = current.get("patternProperties")
            if isinstance(extra, dict):
                yield from extra
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _same_in_rust(pattern: Any) -> bool:
    """Whether a pattern compiles in Python and avoids syntax that Rust reads otherwise."""
    if not isinstance(pattern, str):
        return False
    try:
        with warnings.catch_warnings():  # Python warns of the nested sets Rust reads as such
            warnings.simplefilter("error", FutureWarning)
            re.compile(pattern)
    except (re.error, RecursionError, OverflowError, FutureWarning):
        return False
    escaped = in_class = False
    previous = ""
    for char in pattern:
        if escaped:
            escaped = False
            if char in "pP":  # \p{L}: Python refuses it (caught above); kept for clarity
                return False
            previous = ""
            continue
        if char == "\\":
            escaped = True
            continue
        if in_class:
            if char == "[" or (char in "&-~" and previous == char):
                return False  # a nested class, a set operation, [[:alpha:]]
            if char == "]" and previous != "^" and previous != "[":
                in_class = False
        elif char == "[":
            in_class = True
        previous = char
    return True
