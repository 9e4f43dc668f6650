"""The executed notebook walkthrough: it runs under nbclient on the project's kernel, each
cell does what its tags say (or the run fails, naming the cell), the site build runs the
same check, and the page is light, offline, and offers the executed .ipynb."""
import json
import re
import sys
from importlib.metadata import version

import nbformat
import pytest

from kb.site import html as site_html, notebook
from kb.engine import snippets

ROOT = snippets.ROOT
WALKTHROUGH = notebook.NOTEBOOKS["walkthrough.ipynb"]


@pytest.fixture(scope="module")
def executed():
    return notebook.execute(WALKTHROUGH)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def text_of(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


# --------------------------------------------------------------------------- the notebook


def test_walkthrough_runs_on_the_project_runtime(executed):
    first = text_of(code_cells(executed)[0])
    assert f"Keras {version('keras')} on TensorFlow {version('tensorflow-cpu')}" in first


def test_the_kernel_is_this_interpreter(tmp_path):
    src = _notebook(tmp_path, ("", f"import sys\nprint(sys.prefix == {sys.prefix!r})"))
    assert text_of(code_cells(notebook.execute(src))[0]) == "True\n"


def test_tagged_cells_raise_what_they_name_and_no_other_cell_raises(executed):
    tagged = [c for c in code_cells(executed) if "raises-exception" in c.metadata.get("tags", [])]
    assert [c.metadata["raises"] for c in tagged] == ["ValueError", "ValueError", "TypeError"]
    for cell in tagged:
        (error,) = [o for o in cell.outputs if o.output_type == "error"]
        assert error.ename == cell.metadata["raises"]
        assert error.traceback == [f"{error.ename}: {error.evalue}"]  # no machine's paths
    lambda_errors = [o.evalue for c in tagged[:2] for o in c.outputs]
    assert all("deserialization of a `Lambda` layer" in e for e in lambda_errors)
    assert "Could not locate class 'ScaleLayer'" in tagged[2].outputs[0].evalue
    untagged = [c for c in code_cells(executed) if c not in tagged]
    assert not [o for c in untagged for o in c.outputs if o.output_type == "error"]
    assert notebook.check(executed) == []


def test_the_fixed_model_predicts_what_the_lambda_model_did(executed):
    out = "".join(text_of(c) for c in code_cells(executed))
    assert "scale_model.keras: identical predictions: True" in out
    assert "scale_model.h5: identical predictions: True" in out
    assert "removed the working directory: True" in out


def test_outputs_hold_no_temporary_path_and_no_tensorflow_log_lines(executed):
    dumped = json.dumps(executed)
    for bad in ["/tmp/", str(ROOT), "site-packages", "cudart_stub", "oneDNN", "absl::InitializeLog"]:
        assert bad not in dumped, bad


def test_the_source_is_jupytext_text_with_no_outputs():
    text = WALKTHROUGH.read_text()
    assert text.count("# %%") >= 10 and '"outputs"' not in text
    assert not list(WALKTHROUGH.parent.glob("*.ipynb"))
    assert sorted(p.name for p in WALKTHROUGH.parent.iterdir() if p.name != "__pycache__") \
        == [WALKTHROUGH.name]


# --------------------------------------------------------------------------- the checks fail


def _notebook(tmp_path, *cells):
    src = tmp_path / "nb.py"
    src.write_text("\n\n".join(f"# %%{header}\n{body}" for header, body in cells) + "\n")
    return src


TAGGED = ' tags=["raises-exception"] raises="ValueError"'


@pytest.mark.parametrize("cells, message", [
    ([(TAGGED, "x = 1")], r"cell 0 \('x = 1'\): should raise ValueError and did not"),
    ([(TAGGED, "raise KeyError('k')")], r"should raise ValueError, raised KeyError"),
    ([("", "print(1)"), ("", "raise ValueError('boom')"), ("", "print(2)")],
     r"cell 1 raised, and is not tagged raises-exception:\nValueError: boom"),
    ([(' tags=["raises-exception"]', "raise ValueError")], r"names no exception"),
    ([("", "open('left.txt', 'w').close()")], r"left files in its working directory: \['left.txt'\]"),
], ids=["tagged-stops-raising", "tagged-raises-other", "untagged-raises", "tag-without-name",
        "leaves-files"])
def test_a_changed_behaviour_fails_naming_the_cell(tmp_path, cells, message):
    with pytest.raises(notebook.NotebookFailed, match=message):
        notebook.execute(_notebook(tmp_path, *cells))


def test_a_changed_behaviour_fails_the_site_build(tmp_path, monkeypatch, caplog):
    """`mkdocs build` of the site's configuration (a one-page docs dir, this notebook as
    the walkthrough) stops with the cell named: the hooks run the same checks."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    src = _notebook(tmp_path, ("", "print('ok')"), (TAGGED, "x = 1"))
    monkeypatch.setattr(notebook, "NOTEBOOKS", {"walkthrough.ipynb": src})
    monkeypatch.delenv("KB_NOTEBOOK_EXECUTE", raising=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home {#home}\n\n[The walkthrough](walkthrough.ipynb)\n")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                         nav=["index.md", "walkthrough.ipynb"])
    with pytest.raises(Abort):
        build(config)
    assert "cell 1 ('x = 1'): should raise ValueError and did not" in caplog.text
    assert not (tmp_path / "site" / "walkthrough").exists()


# --------------------------------------------------------------------------- the page


def page_html(site):
    return (site / "walkthrough" / "index.html").read_text()


def test_the_page_is_the_executed_notebook(site):
    html = page_html(site)
    assert html.count('jp-InputArea-editor"') == len(code_cells(notebook.read(WALKTHROUGH)))
    assert html.count('class="cell-tag">raises-exception</span>') == 3
    assert "scale_model.h5: identical predictions: True" in html
    assert "Requested the deserialization of a `Lambda` layer" in html


def test_the_page_shares_one_small_stylesheet_and_loads_nothing_from_outside(site):
    html = page_html(site)
    assert len(html.encode()) < 200_000
    assert "<style" not in html and "mathjax" not in html.lower() and "mermaid" not in html
    sheets = re.findall(r'<link rel="stylesheet" href="\.\./(assets/stylesheets/notebook\.\w+\.css)">',
                        html)
    assert len(sheets) == 1
    css = (site / sheets[0]).read_text()
    assert 50_000 < len(css) < 200_000, len(css)
    assert ".highlight-ipynb .kn" in css and ".jp-OutputArea-output" in css
    assert "http" not in re.sub(r"url\(\"?data:[^)]*\)", "", css).replace("http://www.w3.org", "")


def test_search_indexes_the_prose_not_the_code_or_outputs(site):
    """A pasted error message should find the page that explains it, not this one."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    entries = [d for d in index["docs"] if d["location"].startswith("walkthrough/")]
    text = " ".join(d["text"] for d in entries)
    assert "refuses to deserialize the Python lambda" in text  # prose
    for hidden in ["Requested the deserialization", "Could not locate class", "set_random_seed",
                   "identical predictions", "In&nbsp;[", "Copied!"]:
        assert hidden not in text, hidden


def test_download_link_gives_the_executed_ipynb(site):
    html = page_html(site)
    (href,) = re.findall(r'<a class="[^"]*" href="([^"]+)" download>Download notebook</a>', html)
    nb = nbformat.read(str(site / "walkthrough" / href), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    errors = [o.ename for c in code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert errors == ["ValueError", "ValueError", "TypeError"]
    (src,) = re.findall(r'href="([^"]+)">Source \(jupytext', html)
    assert (site / "walkthrough" / src).resolve() == (site / site_html.published_name(WALKTHROUGH)).resolve()
    assert (site / site_html.published_name(WALKTHROUGH)).read_text() == WALKTHROUGH.read_text()


def test_home_page_links_to_the_walkthrough_and_its_links_resolve(site):
    from kb.tools import links

    assert 'href="walkthrough/"' in (site / "index.html").read_text()
    hrefs = re.findall(r'<a href="\.\./([^"#]+/)(#[^"]*)?"', page_html(site))
    assert ("fix-custom-layer/", "#fix-register") in hrefs  # a link in a markdown cell
    for page, anchor in hrefs:
        assert links.resolve(site, "/" + page + anchor), page + anchor


def test_the_build_leaves_no_model_file_in_the_repository(site):
    written = {"lambda_model.keras", "lambda_model.h5", "scale_model.keras", "scale_model.h5",
               "walkthrough.ipynb"}
    places = [ROOT] + [ROOT / d for d in ("docs", "snippets", "kb", "tests")]
    left = [p for place in places for p in (place.iterdir() if place == ROOT else place.rglob("*"))
            if p.name in written]
    assert left == []
    assert not (ROOT / ".cache").exists()  # mkdocs-jupyter's cache is off
