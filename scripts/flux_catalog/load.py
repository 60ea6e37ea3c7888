"""Load YAML files into documents with positions, and with comments where they are shown.

Two loaders, one contract (1-based lines for every object, key and item; bad input becomes a
Problem with its position, never an exception):

- the fast path (``load_bytes(rel, raw)``) the whole repository goes through. It composes
  nodes with libyaml (PyYAML's C parser, ~6 MB/s, where ruamel's round-trip parser manages
  ~0.3 MB/s) and builds ``LineDict``/``LineList`` containers that remember where each key and
  item started. Scalars follow what Kubernetes sees: timestamps stay strings, unknown tags
  keep their plain value, duplicate keys are errors.
- the commented path (``load_bytes(rel, raw, commented=True)``), ruamel.yaml's round-trip
  loader, for the few documents whose comments a page shows (Helm values and their ``# --``
  docs).

Nothing here caches or walks: ``documents.DocumentStore`` reads each file once per build and
keeps what this module returns, keyed by content hash, so repeated walks and ``mkdocs serve``
rebuilds reparse only what changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .construct import build, mapping_key
from .model import ERROR, Document, Problem
from .positions import LineDict, LineList
from .yaml_errors import syntax_error_position

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 8 * 1024 * 1024
RULE = "yaml-syntax"
# A document whose aliases expand to more nodes than this is rejected, as Kubernetes' YAML
# decoder rejects "excessive aliasing": a 342-byte alias bomb expands to ~10^8 nodes.
MAX_EXPANDED_NODES = 1_000_000


# A plain scalar's tag by its text (short texts: keys, names, numbers repeat in every file).
_TAG_CACHE: dict[str, str] = {}


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml composition, Python construction into LineDict/LineList."""

    # The scalar rules are this loader's own copy, and it has no path resolvers: a plain
    # scalar's tag then depends on its text alone (PyYAML's resolve: the implicit resolvers
    # of its first character, else the default), and any other node's on its kind alone.
    yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
        k: list(v) for k, v in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
    yaml_path_resolvers: ClassVar[dict[Any, Any]] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG
            tag = _TAG_CACHE.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 200:
                    if len(_TAG_CACHE) >= 65_536:
                        _TAG_CACHE.clear()
                    _TAG_CACHE[value] = tag
            return tag
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else \
            self.DEFAULT_MAPPING_TAG


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


def _value(loader: _Loader, node: yaml.Node) -> Any:
    # Plain strings are most of every manifest: skip the constructor machinery for them.
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return go_folded(node.value) if node.style == ">" else node.value
    return loader.construct_object(node)


def go_folded(value: str) -> str:
    """A folded (``>``) scalar as Flux applies it. kustomize-controller writes the build out
    with go-yaml, keeping the folded style, and reads it back; go-yaml's emitter adds a blank
    line before a line break that follows a line not starting with a blank (it checks the
    start of the whole value, not of the line, for a blank), which a reader folds away,
    except before a more-indented line, where the spec keeps it. Such a line thus gets one
    more line break before it (``kubectl kustomize`` shows the same)."""
    if "\n" not in value or value[:1] in (" ", "\t", ""):
        return value
    lines = value.split("\n")
    out = [lines[0]]
    for previous, line in pairwise(lines):
        if previous and previous[0] not in " \t" and line[:1] in (" ", "\t"):
            out.append("")
        out.append(line)
    return "\n".join(out)


_new_dict = dict.__new__
_new_list = list.__new__


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LineDict]:
    # Every mapping of every file comes here: __new__ and the two attributes set here, not
    # LineDict.__init__ (a Python call with *args for an empty dict).
    data = _new_dict(LineDict)
    data.line = node.start_mark.line + 1
    data.key_lines = key_lines = {}
    yield data
    own = node.value
    if any(key_node.tag == _MERGE for key_node, _ in own):
        own = [pair for pair in node.value if pair[0].tag != _MERGE]
        loader.flatten_mapping(node)
        for key_node, value_node in node.value[: len(node.value) - len(own)]:
            # `<<: *base` entries come first; own keys override them
            key = loader.construct_object(key_node, deep=True)
            data[key] = loader.construct_object(value_node)
            key_lines[key] = key_node.start_mark.line + 1
        merged = set(data)
    else:
        merged = set()
    for key_node, value_node in own:
        key = mapping_key(loader, node, key_node)
        if key in data and key not in merged:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"duplicate key {key!r}", key_node.start_mark)
        merged.discard(key)
        data[key] = _value(loader, value_node)
        key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = _new_list(LineList)
    data.line = node.start_mark.line + 1
    yield data
    data.extend(_value(loader, child) for child in node.value)
    data.item_lines = [child.start_mark.line + 1 for child in node.value]


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def _construct_unknown(loader: _Loader, node: yaml.Node) -> Any:
    # Custom tags (`!include`, `!vault`, app configs): keep the plain value.
    if isinstance(node, yaml.MappingNode):
        return _construct_map(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return _construct_seq(loader, node)
    return loader.construct_scalar(node)


class _GoLoader(yaml.SafeLoader):
    """The pure-Python composer, reading anchors as Go's YAML does: an anchor defined again
    names the later node from there on (libyaml and PyYAML reject the file). Only files
    with a redefined anchor take this slower path."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.AliasEvent):
            anchor = self.peek_event().anchor
            if anchor is not None:
                self.anchors.pop(anchor, None)
        return super().compose_node(parent, index)


for _cls in (_Loader, _GoLoader):
    _cls.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _cls.add_constructor("tag:yaml.org,2002:omap", _construct_map)
    _cls.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
    _cls.add_constructor("tag:yaml.org,2002:binary", _construct_str)
    _cls.add_constructor(None, _construct_unknown)


@dataclass(frozen=True)
class LoadedFile:
    path: str
    docs: tuple[Document, ...]
    problems: tuple[Problem, ...]
    sha256: str


def load_bytes(rel: str, raw: bytes, commented: bool = False,
               digest: str | None = None) -> LoadedFile:
    """Parse ``raw`` as the content of ``rel``: every document, or the problem that stops it.

    Pure: no cache and no file access (``documents.DocumentStore`` reads files once per
    build and caches what this returns, by content hash)."""
    return _parse(rel, raw, digest or hashlib.sha256(raw).hexdigest(), commented)


# Errors the snippet parsers below raise, for callers that must not import a YAML library.
YAML_ERRORS: tuple[type[Exception], ...] = (yaml.YAMLError, YAMLError)
SNIPPET_ERRORS: tuple[type[Exception], ...] = (*YAML_ERRORS, ValueError)
_PLAIN_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_plain(text: str, pure: bool = False) -> Any:
    """One YAML document of a text that is not a file (a policy, commented-out YAML), as
    plain Python values (libyaml; ``pure``: PyYAML's Python parser, whose errors quote the
    line). Raises one of ``YAML_ERRORS`` on bad input."""
    return yaml.load(text, Loader=yaml.SafeLoader if pure else _PLAIN_LOADER)


def parse_plain_all(text: str) -> list[Any]:
    """Every document of ``text`` as plain Python values (libyaml), empty ones dropped."""
    return [d for d in yaml.load_all(text, Loader=_PLAIN_LOADER) if d is not None]


def parse_commented_all(text: str) -> list[Any]:
    """Every document of ``text`` as ruamel round-trip nodes (positions count from the text,
    comments kept), empty ones dropped: inline patches written as strings."""
    return [d for d in YAML(typ="rt").load_all(text) if d is not None]


def read_limited(full: str | Path, rel: str) -> bytes | LoadedFile:
    """The bytes of ``full``, or a LoadedFile with the problem (unreadable, too large)."""
    try:
        size = os.stat(full).st_size
        if size > MAX_FILE_BYTES:
            return _failed(
                rel, 1,
                f"file is {size // (1024 * 1024)} MiB, larger than the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB the catalog reads; not parsed",
            )
        with open(full, "rb") as fh:  # what Path.read_bytes does, without a Path
            return fh.read()
    except OSError as exc:
        return _failed(rel, 1, f"cannot read file: {exc.strerror or exc}")
    except ValueError as exc:  # a NUL byte in the path
        return _failed(rel, 1, f"cannot read file: {exc}")


def _failed(rel: str, line: int, message: str, col: int = 1) -> LoadedFile:
    return LoadedFile(rel, (), (Problem(rel, line, col, RULE, ERROR, message),), "")


def _parse(rel: str, raw: bytes, digest: str, commented: bool) -> LoadedFile:
    if b"\x00" in raw[:8192]:
        return _failed(rel, 1, "binary file (contains NUL bytes), not YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _failed(rel, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    return _parse_text(rel, text, digest, commented, _Loader)


def _parse_text(rel: str, text: str, digest: str, commented: bool, loader: type) -> LoadedFile:
    docs: list[Document] = []
    aliases = "&" in text and "*" in text
    last = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
    try:
        stream = _ruamel().load_all(text) if commented else _documents(
            text, loader, fast=loader is _Loader and "&" not in text)
        for index, data in enumerate(stream):
            line = _start_line(data)
            if aliases and _expanded_size(data) > MAX_EXPANDED_NODES:
                problem = Problem(rel, line, 1, RULE, ERROR,
                                  "document contains excessive aliasing (its aliases expand to "
                                  f"more than {MAX_EXPANDED_NODES:,} nodes); not read")
                return LoadedFile(rel, tuple(docs), (problem,), digest)
            docs.append(Document(rel, index, line, data))
    except (MarkedYAMLError, yaml.MarkedYAMLError) as exc:
        if (loader is _Loader and isinstance(exc, yaml.composer.ComposerError)
                and "duplicate anchor" in str(exc.context or "")):
            return _parse_text(rel, text, digest, commented, _GoLoader)
        line, col, message = syntax_error_position(exc, text)
        if line > last:  # "but found <stream end>": point at the last line instead
            line, col = last, 1
        problem = Problem(rel, line, col, RULE, ERROR, message)
        return LoadedFile(rel, tuple(docs), (problem,), digest)
    except (YAMLError, yaml.YAMLError) as exc:
        return LoadedFile(rel, tuple(docs), (Problem(rel, 1, 1, RULE, ERROR, str(exc)),), digest)
    except RecursionError:
        return _failed(rel, 1, "YAML nested too deeply to read")
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. bad numbers
        return _failed(rel, 1, f"cannot construct YAML value: {exc}")
    return LoadedFile(rel, tuple(docs), (), digest)


def _documents(text: str, loader_class: type, fast: bool) -> Iterator[Any]:
    """``yaml.load_all(text, Loader=loader_class)``; ``fast``: each document built by
    :func:`.construct.build` (for a text without anchors, hence without aliases)."""
    loader = loader_class(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            yield build(loader, node, _value) if fast else loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded_size(root: Any) -> int:
    """Nodes the document would have with every alias expanded; linear in distinct nodes."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, dict | list) or (id(node) in sizes and not done):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not done:
            sizes[id(node)] = 0  # in progress (a recursive alias counts once)
            stack.append((node, True))
            stack.extend((c, False) for c in children if isinstance(c, dict | list))
            continue
        total = 1 + len(children)
        for child in children:
            if isinstance(child, dict | list):
                total += sizes.get(id(child), 0)
        sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
    return sizes.get(id(root), 1)


def _ruamel() -> YAML:
    loader = YAML(typ="rt")
    loader.allow_duplicate_keys = False
    return loader


def _start_line(data: Any) -> int:
    line = getattr(data, "line", None)
    if isinstance(line, int) and line > 0:
        return line
    lc = getattr(data, "lc", None)
    if lc is not None and getattr(lc, "line", None) is not None:
        return int(lc.line) + 1
    return 1
