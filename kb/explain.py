"""python -m kb.explain "<message>": the section answering a pasted message, in the manner of
`rustc --explain` (the site's matcher, kb/site/messages/match.py, on the catalogue built from
the recorded runs). Exit status 0 with a confident answer, 1 with only the closest cases."""
from __future__ import annotations

import os
import sys

from kb.site import config
from kb.site.messages import match, render


def explain(text: str, index: dict) -> tuple[str, bool]:
    r = match.rank(index, text)
    base = config.site_url()
    out = []
    if r["confident"]:
        c, t = r["cases"][0], r["template"]
        out += [f"{c['title']} ({c['page_title']})", f"  {base}{c['url']}"]
        if t:
            out.append(f"  {t['id']}: {'exact wording' if r['exact'] else 'its first sentence'}, printed by {t['printed_by']}")
        others = r["cases"][1:]
    else:
        out.append("No word of it is one this site's cases use. The cases readers report most:" if r["usual"] else
                   "No case matches it with confidence." + (" The closest:" if r["cases"] else ""))
        others = r["cases"]
    for c in others:
        out.append(f"- {c['title']} ({c['page_title']}): {base}{c['url']}" + (f"  [{', '.join(c['why'])}]" if c["why"] else ""))
    if not r["confident"]:
        out += ["What to try: the doctor (keras-doctor MODEL, or " + base + "doctor-in-your-browser/), "
                "your version's page (" + base + "your-version/),",
                "or file it: " + (index["issue_url"] or "the project's tracker")]
    return "\n".join(out), r["confident"]


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = " ".join(args) if args and args != ["-"] else sys.stdin.read()
    text, ok = explain(text, render.matcher_index())
    try:
        print(text, flush=True)
    except BrokenPipeError:  # the reader stopped reading (| head): no more to say, no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
