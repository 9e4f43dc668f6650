"""The same sources built by Zensical (Material's successor, which reads mkdocs.yml), as a
check that the site does not depend on MkDocs: MkDocs stays the primary build.

Zensical runs no MkDocs hooks, so what kb/site/hooks.py generates is first written as files:
each page with its output references and <!-- kb:... --> markers expanded (the same code
the hooks run), into a staging docs directory, with the snippets and goldens the pages link
to. Notebook pages (kb/site/notebook.py) are rendered by mkdocs-jupyter only and are left out.

    python -m kb.site.zensical OUT    stage OUT/docs and OUT/mkdocs.yml, build OUT/site (strict)
"""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml

from kb.engine import snippets
from kb.site import config, doctor_web, notebook

ROOT = snippets.ROOT


def _without_notebooks(nav):
    out = []
    for item in nav:
        key, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            value = _without_notebooks(value)
        elif value in notebook.NOTEBOOKS:
            continue
        out.append({key: value} if key is not None else value)
    return out


def expand(page: str, conf: dict, pages: list[str]) -> str:
    """A page's Markdown as kb/site/hooks.py's on_page_markdown makes it."""
    from kb.site import hooks

    docs = ROOT / "docs"
    stub = SimpleNamespace(file=SimpleNamespace(src_uri=page),
                           url="" if page == "index.md" else page.removesuffix(".md") + "/")
    files = SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(src_uri=p) for p in pages])
    config = {"docs_dir": str(docs), "nav": conf["nav"], "site_url": conf.get("site_url", "")}
    return hooks.on_page_markdown((docs / page).read_text(encoding="utf-8"), stub, config, files)


def stage(out: Path) -> Path:
    """OUT/docs (expanded pages, assets, the snippets and goldens) and OUT/mkdocs.yml."""
    from kb.site import hooks

    conf = copy.deepcopy(config.load())  # changed below for the staged copy
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    doctor_web.copy_to(docs)  # what kb/site/hooks.py adds to the MkDocs build
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    hooks.on_pre_build(None)
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(expand(page, conf, pages), encoding="utf-8")
    for path in sorted(snippets.SNIPPETS.rglob("*")):  # what the pages link to
        if path.is_file() and path.suffix in (".py", ".js", ".out"):
            dest = docs / path.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    conf.pop("hooks", None)
    conf["plugins"] = [p for p in conf.get("plugins", [])
                       if not (isinstance(p, dict) and "mkdocs-jupyter" in p)]
    conf["nav"] = _without_notebooks(conf["nav"])
    if (out / "overrides").exists():
        shutil.rmtree(out / "overrides")
    shutil.copytree(ROOT / "overrides", out / "overrides")
    for ext in conf["markdown_extensions"]:  # includes resolve from the project root
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    conf.update(docs_dir="docs", site_dir="site")  # next to the staged config
    cfg = out / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return cfg


def build(out: Path) -> subprocess.CompletedProcess:
    """Stage, then `zensical build --strict` of the staged config."""
    cfg = stage(out)
    exe = Path(sys.executable).with_name("zensical")
    return subprocess.run([str(exe), "build", "--strict", "-f", str(cfg)], cwd=out,
                          capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))


def main(argv=None) -> int:
    out = Path((argv or sys.argv[1:] or ["build/zensical"])[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    proc = build(out)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr[-5000:])
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
