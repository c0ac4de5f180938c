"""3.4.5, minibatches: what issue 11 asks of this chapter (nbmake runs the chapter)."""

from __future__ import annotations

from ._prose import bare_numbers, cells, markdown

CHAPTER = "ch05_minibatch_vectorization"
#: Numbers the prose may write out: small definitions and the example batch size of 256.
DEFINITIONS = {"0", "1", "2", "3", "256"}


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def test_the_keepdims_table_names_every_setting_and_its_shape() -> None:
    text = markdown(CHAPTER)
    for row in ["| 1 | True | $(n, 1)$ | right |", "| 1 | False | $(n,)$ |",
                "| 0 | True | $(1, q)$ | columns sum to 1 |",
                "| 0 | False | $(q,)$ | columns sum to 1 |"]:
        assert row in text, row
    assert "lines the shapes of `E` and `S` up\n**from the right**" in text


def test_the_broadcast_explorer_follows_its_lead_in_and_the_checks() -> None:
    all_cells = cells(CHAPTER)
    at = next(i for i, c in enumerate(all_cells)
              if "sl.explorers.broadcast_explorer()" in _source(c))
    lead_in = _source(all_cells[at - 1])
    assert all_cells[at - 1]["cell_type"] == "markdown"
    assert "choose `axis` and `keepdims` in the code" in lead_in
    check = _source(all_cells[at - 2])
    assert "check" in all_cells[at - 2]["metadata"].get("tags", [])
    assert "assert_raises(ValueError)" in check


def test_the_measured_speed_up_is_glued_not_written() -> None:
    text = markdown(CHAPTER)
    assert text.count("{glue:text}`speedup:.0f`") == 2
    assert "hundred" not in text and "100×" not in text
    assert set(bare_numbers(text)) <= DEFINITIONS
