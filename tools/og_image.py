"""Makes docs/images/og.png, the link-preview image (Open Graph / Twitter card, 1200x630),
from the site's name and description in mkdocs.yml, in Debian's chromium. Run once when
they change (the PNG is committed): .venv/bin/python tools/og_image.py"""
import html
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "og.png"


def main() -> int:
    from playwright.sync_api import sync_playwright

    conf = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    name, text = html.escape(conf["site_name"]), html.escape(conf["site_description"].split(". ")[0])
    page = f"""<body style="margin:0;width:1200px;height:630px;background:#3f51b5;color:#fff;
      font-family:sans-serif;display:flex;flex-direction:column;justify-content:center;padding:0 80px;
      box-sizing:border-box"><div style="font-size:76px;font-weight:700;margin:28px 0">{name}</div>
      <div style="font-size:34px;line-height:1.35">{text}.</div></body>"""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        pg = b.new_page(viewport={"width": 1200, "height": 630})
        pg.set_content(page)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(OUT))
        b.close()
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
