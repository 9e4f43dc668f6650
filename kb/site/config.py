"""mkdocs.yml, read in one place: the whole configuration and the nav's pages in order."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from kb.engine.runtimes import ROOT

FILE = ROOT / "mkdocs.yml"


@cache
def load(path: Path = FILE) -> dict:
    """The configuration as plain data; tags such as !!python/name read as None."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=Loader)


def nav_pages(nav: list | None = None) -> list[str]:
    """Page files in the order the nav lists them (mkdocs.yml's, or the one given)."""
    out = []
    for item in load()["nav"] if nav is None else nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += nav_pages(value) if isinstance(value, list) else [value]
    return out


def site_url() -> str:
    """mkdocs.yml's site_url, the one place that knows the hosted URL."""
    return load().get("site_url") or ""
