"""Math typeset at build time: KaTeX (in an embedded V8) renders what the chapters write."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import sl_katex


def test_inline_and_display_math_become_html_with_hidden_mathml() -> None:
    inline = sl_katex.render(r"\hat{y}_j = \frac{\exp(o_j)}{\sum_k \exp(o_k)}")
    assert inline.startswith('<span class="katex">') and "katex-mathml" in inline
    assert "katex-display" in sl_katex.render(r"x^2", display=True)


@pytest.mark.parametrize("tex", [
    r"\operatorname*{argmax}_j \hat y_{ij}",
    r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
    r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
    r"\mathbb{E}_{j \sim P}\big[-\log P(j)\big] \tag{7}",
    r"\xrightarrow[\lambda \to \infty]{} m",
    r"\underbrace{n \cdot n^2}_{\mathbf A_1..\mathbf A_n}",
])
def test_the_commands_the_chapters_use_render(tex: str) -> None:
    assert "katex-error" not in sl_katex.render(tex, display=True)


def test_amsmath_environments_render_as_written() -> None:
    html = sl_katex.render(r"\begin{align} a &= b \\ c &= d \end{align}", display=True)
    assert html.count("<mtr>") == 2


def test_paragraphs_and_line_breaks_become_aligned_rows_as_mathjax_would() -> None:
    assert sl_katex.display_tex("a = b\n\nc = d") == (
        r"\begin{aligned}a = b\\c = d\end{aligned}")
    assert sl_katex.display_tex(r"a = b \\ c = d") == r"\begin{aligned}a = b \\ c = d\end{aligned}"
    inside = r"\begin{cases} 1 \\ 0 \end{cases}"
    assert sl_katex.display_tex(inside) == inside, "breaks inside an environment stay there"


def test_tex_that_katex_cannot_render_raises_with_katexs_reason() -> None:
    with pytest.raises(sl_katex.KatexError, match="Undefined control sequence"):
        sl_katex.render(r"\notacommand{x}")
    with pytest.raises(sl_katex.KatexError):
        sl_katex.render(r"\frac{1}{")


def test_site_stylesheet_names_only_woff2_fonts_that_are_vendored() -> None:
    import re

    css = sl_katex.stylesheet()
    fonts = re.findall(r"url\((fonts/[^)]+)\)", css)
    assert fonts and all(f.endswith(".woff2") for f in fonts)
    assert all((sl_katex.KATEX / f).is_file() for f in fonts)


def test_a_build_with_a_formula_katex_cannot_render_fails_and_names_it(tmp_path: Path) -> None:
    import os
    import subprocess

    tools = Path(__file__).resolve().parents[1] / "tools"
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(tools)!r})\n"
        "extensions = ['myst_parser', 'sl_sphinx']\n"
        "myst_enable_extensions = ['dollarmath']\n", encoding="utf-8")
    (tmp_path / "index.md").write_text("# Page\n\nFine: $x^2$. Broken: $\\notacommand{x}$.\n",
                                       encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(tmp_path),
         str(tmp_path / "_build")],
        capture_output=True, text=True, env={**os.environ, "SOFTMAX_LAB_STATIC": "1"})
    assert run.returncode != 0, "the build must fail"
    assert "KaTeX cannot render" in run.stderr and "notacommand" in run.stderr, run.stderr
