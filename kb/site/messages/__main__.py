"""python -m kb.site.messages [--register] [--write DIR]: the catalogue's templates, one a line
(id, releases, answer, template); --register gives new templates their permanent ids,
--write writes messages.json, its schema and llms.txt."""
from __future__ import annotations

import argparse
from pathlib import Path

from kb.engine import runtimes
from kb.site import config
from kb.site.messages import catalogue, ids, render


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--register", action="store_true", help="give new templates their ids")
    ap.add_argument("--write", type=Path, metavar="DIR", help="write messages.json, its schema and llms.txt")
    args = ap.parse_args(argv)
    templates = catalogue.build(page_order=config.nav_pages())
    if args.write:
        render.write_files(templates, args.write)
    if args.register:
        new = ids.register(templates)
        print(f"{len(new)} new ids" + (f": {', '.join(new)}" if new else ""))
    for t in templates:
        print(f"{t.id}\t{runtimes.ranges(t.runtimes)}\t{t.answer.url}\t{t.template[:110]}")
    return 0


raise SystemExit(main())
