"""Small Markdown builders. Callers pass text already escaped (``md_inline``) or built here."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import quote

from .escape import md_code_block, md_inline
from .i18n import t

EMPTY = "—"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table; every cell must already be inline Markdown without newlines or pipes.

    The headers are fixed texts of ours, in the site's language (:func:`~.i18n.t`)."""
    lines = ["| " + " | ".join(t(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell or EMPTY for cell in row) + " |")
    return "\n".join(lines) + "\n"


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else "\n" for line in text.splitlines(True))


def admonition(kind: str, title: str, body: str) -> str:
    """``!!! kind "title"`` with ``body`` (Markdown) indented under it; ``title`` is escaped
    and in the site's language."""
    return f'!!! {kind} "{md_inline(t(title))}"\n\n{indent(body.rstrip())}\n'


def tabs(items: Sequence[tuple[str, str]]) -> str:
    """Content tabs (pymdownx.tabbed); titles are fixed strings of ours, bodies Markdown."""
    out = []
    for title, body in items:
        out.append(f'=== "{t(title)}"\n\n{indent(body.rstrip())}\n')
    return "\n".join(out)


def code(text: str, lang: str = "yaml") -> str:
    return md_code_block(text, lang)


def link(text: str, target: str) -> str:
    """``[text](target)``: ``text`` is escaped here; ``target`` is a path or URL of ours."""
    return f"[{md_inline(text)}]({target})"


def inline_code(text: object) -> str:
    """Text shown in a monospace font, escaped (never a raw code span, which may hold ``|``)."""
    return f'<code>{md_inline(text)}</code>'


def repo_file_url(repo_url: str | None, path: str, line: int | None = None,
                  branch: str = "main", directory: bool = False) -> str | None:
    """URL of a file (and line) in the repository browser, or ``None`` without ``repo_url``."""
    if not repo_url:
        return None
    view = "tree" if directory else "blob"
    url = f"{repo_url.rstrip('/')}/{view}/{quote(branch)}/{quote(path, safe='/')}"
    return f"{url}#L{line}" if line else url


def file_ref(repo_url: str | None, path: str, line: int | None = None,
             branch: str = "main", directory: bool = False) -> str:
    """``path:line`` in monospace, linked to the repository browser when there is one."""
    label = f"{path}:{line}" if line else path
    url = repo_file_url(repo_url, path, line, branch, directory)
    return f"[{inline_code(label)}]({url})" if url else inline_code(label)


# -- README sanitising -------------------------------------------------------------------------

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.S)
_AUTOLINK_RE = re.compile(r"<(?:https?|ftp)://[^<>\s]+>", re.I)
_HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
    "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main",
    "map", "mark", "math", "menu", "meta", "meter", "nav", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp",
    "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
    "track", "tt", "u", "ul", "var", "video", "wbr", "xmp", "plaintext",
})
_TAG_RE = re.compile(r"<!--.*?-->|<!--.*\Z|<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>|<[!?][^<>]*>",
                     re.S)
_ATTR_LIST_RE = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_LABEL_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(")
_TITLE_RE = re.compile(r"\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\))")
_REF_DEF_RE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*)<?(\S+?)>?(\s.*)?$")
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "ftp:")


def sanitize_readme(text: str, rewrite: Callable[[str], str | None]) -> str:
    """Repository Markdown made safe for the site; fenced code blocks and code spans untouched.

    Raw HTML elements and comments are removed (their text content stays), so a README cannot
    run scripts or carry styles; other ``<words>`` (``<namespace>/<name>``) are shown as text;
    ``http(s)`` autolinks stay; attribute lists with ``=`` (``{: onclick=...}``) are shown as
    text. Link and image targets go through ``rewrite``, which returns the new target (a page,
    or a URL of the repository browser) or ``None`` to drop the link and keep its text. Links
    with schemes other than http(s), mailto and ftp (``javascript:``, ``data:``) are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return _sanitize_segments(text, rewrite)


def _sanitize_segments(text: str, rewrite: Callable[[str], str | None]) -> str:
    lines = text.split("\n")
    result: list[str] = []
    prose: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if prose:
            result.append(_sanitize_prose("\n".join(prose), rewrite))
            prose.clear()

    for line in lines:
        match = _FENCE_RE.match(line)
        if fence is None and match:
            flush()
            fence = match.group(2)
            result.append(line)
        elif fence is not None:
            result.append(line)
            if match and match.group(2)[0] == fence[0] and len(match.group(2)) >= len(fence) \
                    and not line[match.end():].strip():
                fence = None
        else:
            prose.append(line)
    flush()
    return "\n".join(result)


def _sanitize_prose(text: str, rewrite: Callable[[str], str | None]) -> str:
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN_RE.finditer(text):
        parts.append(_sanitize_plain(text[last:match.start()], rewrite))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_sanitize_plain(text[last:], rewrite))
    return "".join(parts)


def _sanitize_plain(text: str, rewrite: Callable[[str], str | None]) -> str:
    keep: list[str] = []

    def protect(match: re.Match[str]) -> str:
        keep.append(match.group(0))
        return f"\x00{len(keep) - 1}\x00"

    def tag(match: re.Match[str]) -> str:
        name = match.group(2)
        if name is not None and name.lower() not in _HTML_ELEMENTS:
            return match.group(0).replace("<", "&lt;").replace(">", "&gt;")
        return ""

    def definition(match: re.Match[str]) -> str:
        new = _target(match.group(2), rewrite)
        return f"{match.group(1)}{new if new is not None else '#'}{match.group(3) or ''}"

    text = _AUTOLINK_RE.sub(protect, text)
    text = _TAG_RE.sub(tag, text).replace("<", "&lt;")
    text = _ATTR_LIST_RE.sub(lambda m: m.group(0).replace("{", "&#123;"), text)
    text = _rewrite_inline_links(text, rewrite)
    text = "\n".join(_REF_DEF_RE.sub(definition, line) for line in text.split("\n"))
    return re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], text)


def _rewrite_inline_links(text: str, rewrite: Callable[[str], str | None]) -> str:
    """Rewrite ``[label](target "title")`` links; targets may hold balanced parentheses."""
    out: list[str] = []
    pos = 0
    while True:
        match = _LABEL_RE.search(text, pos)
        if match is None:
            out.append(text[pos:])
            return "".join(out)
        parsed = _parse_destination(text, match.end())
        if parsed is None:
            out.append(text[pos:match.end()])
            pos = match.end()
            continue
        target, title, end = parsed
        label = match.group(0)[:-1]
        new = _target(target, rewrite)
        out.append(text[pos:match.start()])
        if new is None:
            out.append(label[1:] if label.startswith("!") else label)
        else:
            out.append(f"{label}({new}{title})")
        pos = end


def _parse_destination(text: str, start: int) -> tuple[str, str, int] | None:
    """``(target, title, end)`` of a link destination starting after ``(``."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] == "<":
        close = text.find(">", i)
        if close < 0 or "\n" in text[i:close]:
            return None
        target, i = text[i + 1:close], close + 1
    else:
        depth, begin = 0, i
        while i < len(text) and not text[i].isspace():
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        target = text[begin:i]
    title = ""
    match = _TITLE_RE.match(text, i)
    if match:
        title, i = match.group(0), match.end()
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i >= len(text) or text[i] != ")":
        return None
    return target, title, i + 1


def _target(target: str, rewrite: Callable[[str], str | None]) -> str | None:
    if not target or target.startswith("#"):
        return target or None
    scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target)
    if scheme:
        return target if scheme.group(0).lower() in _SAFE_SCHEMES else None
    if target.startswith("//"):
        return None
    return rewrite(target)


def resolve_repo_link(directory: str, target: str) -> tuple[str, str]:
    """A README link target resolved to a repository path and its ``#fragment``."""
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(directory, path))
    return ("" if resolved == "." else resolved), fragment
