"""The theme's icons from tiny fonts instead of Font Awesome's 1.5 MB script and 150 kB fonts.

pydata-sphinx-theme loads ``scripts/fontawesome.js`` on every page to turn ``<i class="fa-solid
fa-sun">`` into inline SVG; ``tools/sl_theme.py`` drops that script, and the theme's own
stylesheet then draws the icons with Font Awesome's web fonts (its ``.fa-sun:before`` rules,
admonition titles, external-link and breadcrumb marks). After the build, this module cuts those
fonts (``_static/vendor/fontawesome/webfonts/*.woff2``) down to the glyphs the site uses:

* icons that elements name by class (pages, and the theme's scripts that make icons);
* icons that stylesheets put in ``content`` or in custom properties (``--pst-icon-…``), other
  than Font Awesome's own list of every icon class.

Font Awesome Free's fonts are under the SIL Open Font License 1.1, which allows subsetting.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
WEBFONTS = "_static/vendor/fontawesome/webfonts"
FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2")
# class="…" in pages, and classList="…" in the theme's scripts (icons made at run time).
_CLASS_ATTR = re.compile(r'class(?:List)?\s*=\s*"([^"]*\bfa-[^"]*)"')
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ICON_CLASS_RULE = re.compile(r"\.fa-([\w-]+):(?:before|after)")
_PRIVATE_USE = re.compile(r'"((?:\\[0-9a-fA-F]{4,5}|[\ue000-\uf8ff])+)"')


def _codepoints(css_string: str) -> set[int]:
    return {int(esc, 16) for esc in re.findall(r"\\([0-9a-fA-F]{4,5})", css_string)} | {
        ord(c) for c in css_string if 0xE000 <= ord(c) <= 0xF8FF}


def icon_classes(css: str) -> dict[str, int]:
    """``name -> code point`` from Font Awesome's ``.fa-name:before{content:"\\f185"}`` rules."""
    out = {}
    for selectors, body in _RULE.findall(css):
        names = _ICON_CLASS_RULE.findall(selectors)
        found = _PRIVATE_USE.search(body)
        if names and found:
            for name in names:
                out[name] = min(_codepoints(found.group(1)))
    return out


def css_glyphs(css: str) -> set[int]:
    """Code points a stylesheet draws by itself (``content``, custom properties), leaving out
    Font Awesome's list of icon classes, which draws only for elements that name the class."""
    out: set[int] = set()
    for selectors, body in _RULE.findall(css):
        parts = [s.strip() for s in selectors.split(",")]
        if parts and all(_ICON_CLASS_RULE.fullmatch(p) for p in parts):
            continue
        for value in _PRIVATE_USE.findall(body):
            out |= _codepoints(value)
    return out


def icons_used(files: list[Path]) -> set[str]:
    """Names of the icons that classes in ``files`` name, e.g. ``{"sun", "github"}``."""
    found = set()
    for path in files:
        for attr in _CLASS_ATTR.findall(path.read_text(encoding="utf-8", errors="replace")):
            found |= {c[3:] for c in attr.split() if c.startswith("fa-")}
    return found


def glyphs_used(out: Path) -> set[int]:
    """Every Font Awesome code point the built site at ``out`` can show."""
    static = out / "_static"
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    scripts = [p for p in static.rglob("*.js")
               if "fontawesome" not in p.name and "vendor" not in p.parts]
    sheets = [p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.css")]
    classes: dict[str, int] = {}
    for css in sheets:
        classes.update(icon_classes(css))
    glyphs = {classes[name] for name in icons_used(pages + scripts) if name in classes}
    for css in sheets:
        glyphs |= css_glyphs(css)
    return glyphs


def subset_font(path: Path, codepoints: set[int]) -> None:
    """Rewrite the woff2 font at ``path`` with only ``codepoints`` (those it has)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def _subset_fonts(app: Sphinx, exc: BaseException | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    glyphs = glyphs_used(out)
    if not glyphs:
        logger.warning("no Font Awesome icon found on any page", type="softmax_lab",
                       subtype="icons")
    for name in FONTS:
        path = out / WEBFONTS / name
        if path.is_file():
            subset_font(path, glyphs)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _subset_fonts)
