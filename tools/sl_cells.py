"""Verification cells fold behind a "Show the check" toggle on the site.

A chapter's code cell that only checks what the lesson just showed (``np.testing…``, ``assert``)
carries the cell tag ``check`` (:data:`CHECK_TAG`). It still runs at build time and under nbmake;
on the site the whole cell, code and output, sits in a closed ``<details>`` whose summary reads
``sl_check_prompt_show`` ("Show the check"; a translated build sets its own). The folding itself
is myst-nb's ``hide-cell``; this transform only turns the tag into it, with the book's label.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The cell tag of a verification cell.
CHECK_TAG = "check"
#: CSS class on a folded check cell (the cell container also has myst-nb's ``tag_check``).
CHECK_CLASS = "sl-check"


class FoldCheckCells(SphinxPostTransform):
    """Give every ``check``-tagged code cell myst-nb's ``hide-cell`` folding and our labels."""

    # Before myst-nb's HideInputCells (199), which wraps the cells that carry a hide mode.
    default_priority = 198
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        config = self.app.config
        for node in self.document.findall(nodes.container):
            if node.get("nb_element") != "cell_code":
                continue
            tags = (node.get("cell_metadata") or {}).get("tags", [])
            if CHECK_TAG not in tags:
                continue
            node["hide_mode"] = "all"
            node["prompt_show"] = config.sl_check_prompt_show
            node["prompt_hide"] = config.sl_check_prompt_hide
            node["classes"].append(CHECK_CLASS)


def setup(app: Sphinx) -> None:
    app.add_config_value("sl_check_prompt_show", "Show the check", "env", [str])
    app.add_config_value("sl_check_prompt_hide", "Hide the check", "env", [str])
    app.add_post_transform(FoldCheckCells)
