"""``flux-catalog init``: a starter ``mkdocs.yml`` and ``docs/index.md`` for a Flux repository.

Nothing is overwritten: files that exist are left alone and reported.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# The plugin sets the Material theme (in the site's language) when mkdocs.yml names none.
MKDOCS_YML = """\
site_name: {title}
{repo}plugins:
  - search
  - flux-catalog{options}
"""

INDEX = {
    "uk": """\
# {title}

Цей сайт показує, що Flux розгортає з репозиторію: компоненти, версії чартів, залежності й
опис кожного компонента. Сторінки генеруються з YAML-маніфестів під час збирання сайту, тож
вони не можуть розійтися з тим, що лежить у Git.

- [Інвентар](inventory.md) — усі компоненти в одній таблиці з фільтрами.
- [Проблеми](problems.md) — що знаходить перевірка `flux-catalog check`.

Кластери — у меню ліворуч. Опис компонента пишуть в анотації `kubernetes.io/description` його
маніфесту, а огляд директорії — у `README.md` поруч із YAML.
""",
    "en": """\
# {title}

This site shows what Flux deploys from this repository: components, chart versions,
dependencies and what each component is for. The pages are generated from the YAML manifests
when the site is built, so they cannot drift from what is in Git.

- [Inventory](inventory.md): every component in one table, with filters.
- [Problems](problems.md): what `flux-catalog check` finds.

The clusters are in the navigation. A component is described in the
`kubernetes.io/description` annotation of its manifest, a directory in a `README.md` beside
the YAML.
""",
}


def repo_url(root: Path) -> str | None:
    """The web URL of the ``origin`` remote (SSH and HTTPS forms), if there is one."""
    try:
        result = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    url = result.stdout.strip()
    if result.returncode != 0 or not url:
        return None
    ssh = re.fullmatch(r"(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\.git)?/?", url)
    if ssh:
        return f"https://{ssh.group(1)}/{ssh.group(2)}"
    https = re.fullmatch(r"https?://(?:[^@/]+@)?(.+?)(?:\.git)?/?", url)
    return f"https://{https.group(1)}" if https else None


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def init(root: Path, title: str | None = None, language: str = "uk") -> list[tuple[Path, bool]]:
    """Write the starter files under ``root``; ``(path, written)`` for each."""
    title = title or f"{root.resolve().name}: Flux catalog"
    url = repo_url(root)
    repo = f"repo_url: {url}\n" if url else ""
    files = {
        root / "mkdocs.yml": MKDOCS_YML.format(
            title=_yaml_string(title), repo=repo,
            options="" if language == "uk" else f":\n      language: {language}"),
        root / "docs" / "index.md": INDEX[language].format(title=title),
    }
    done = []
    for path, text in files.items():
        if path.exists():
            done.append((path, False))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        done.append((path, True))
    return done
