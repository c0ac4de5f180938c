"""The shared renderers stage-2 explorers build on, drawn in Chromium from their own modules:
a line chart whose curves break at NaN, a heatmap at the device's resolution, bars that mark
non-finite values and an axis break, and a state table's link round trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from softmax_lab.explorers import SoftmaxExplorer
from softmax_lab.explorers._bundle import bundle

from ._explorers import import_module

pytestmark = pytest.mark.browser

JS = Path(__file__).resolve().parents[1] / "lib" / "softmax_lab" / "explorers" / "js"


@pytest.fixture
def page(guarded_folder_page: Any, tmp_path: Path) -> Any:
    (tmp_path / "index.html").write_text("<!doctype html><title>r</title><div id=box></div>")
    return guarded_folder_page(tmp_path)


def test_a_line_chart_breaks_curves_at_nan_and_marks_an_x(page: Any) -> None:
    import_module(page, bundle(JS / "linechart.js", exports=("lineChart",)))
    out = page.evaluate("""() => {
      const chart = window.__module.lineChart({ height: 200, xLabel: 'x', yLabel: 'y' });
      document.getElementById('box').appendChild(chart.el);
      chart.update({ width: 400, x: [0, 10], y: [0, 1], marker: 4, series: [
        { points: [[0, 0.1], [1, 0.2], [2, NaN], [3, 0.4], [4, 0.5]], color: '#0072B2',
          label: 'a' },
        { points: [[0, 1], [10, 0]], color: '#D55E00', label: 'b', dashed: true } ] });
      const paths = [...chart.el.querySelectorAll('path.sl-line')]
        .map(p => p.getAttribute('d'));
      return { moves: paths.map(d => (d.match(/M/g) || []).length),
               marker: chart.el.querySelector('.sl-marker').getAttribute('visibility'),
               legend: chart.el.querySelectorAll('.sl-legend-item').length,
               ticks: [...chart.el.querySelectorAll('.sl-axis text')].map(t => t.textContent) };
    }""")
    assert out["moves"] == [2, 1] and out["marker"] == "visible" and out["legend"] == 2
    assert {"0", "0.2", "1", "10"} <= set(out["ticks"])


def test_a_heatmap_paints_every_device_pixel(browser: Any, serve_folder: Any,
                                             tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>h</title><div id=box></div>")
    context = browser.new_context(device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(serve_folder(tmp_path) + "index.html")
        import_module(page, bundle(JS / "heatmap.js", exports=("heatmap", "rgb")))
        out = page.evaluate("""() => {
          const m = window.__module;
          const map = m.heatmap({ label: 'regions' });
          document.getElementById('box').appendChild(map.el);
          const left = m.rgb('#0072B2'), right = m.rgb('#D55E00');
          const color = (x) => (x < 0 ? left : right);
          const s = map.draw({ size: 100, x: [-1, 1], y: [-1, 1], color });
          const c = map.el.querySelector('canvas');
          const px = (x, y) => [...c.getContext('2d').getImageData(x, y, 1, 1).data];
          return { width: c.width, css: c.style.width, left: px(5, 100), right: px(195, 100),
                   edge: [px(99, 0), px(100, 0)], sx0: s.sx(0) };
        }""")
    finally:
        context.close()
    assert out["width"] == 200 and out["css"] == "100px"  # two device pixels per CSS pixel
    assert out["left"] == [0, 114, 178, 255] and out["right"] == [213, 94, 0, 255]
    assert out["edge"] == [[0, 114, 178, 255], [213, 94, 0, 255]] and out["sx0"] == 50


def test_bars_mark_nan_and_break_an_axis_that_misses_the_baseline(page: Any) -> None:
    import_module(page, bundle(JS / "bars.js", exports=("barChart", "columnLayout")))
    out = page.evaluate("""() => {
      const m = window.__module;
      const chart = m.barChart({ height: 120 });
      document.getElementById('box').appendChild(chart.el);
      chart.update({ layout: m.columnLayout(3, 300), domain: [990, 1010], baseline: 0,
        bars: [{ value: 1000, color: '#000' }, { value: NaN, color: '#000' }, { value: 1005 }] });
      const cols = [...chart.el.querySelectorAll('.sl-col')];
      return { marks: cols.map(c => c.querySelector('.sl-mark').textContent),
               breaks: cols.map(c => c.querySelector('.sl-break').getAttribute('d') !== '') };
    }""")
    assert out["marks"] == ["", "NaN", ""] and out["breaks"] == [True, True, True]


def test_a_state_link_round_trips_and_rejects_what_the_table_forbids(page: Any) -> None:
    import_module(page, bundle(JS / "state.js", exports=("encodeState", "decodeState")))
    table = SoftmaxExplorer.state_table.raw
    start = SoftmaxExplorer.state_table.defaults()
    out = page.evaluate("""([table, start]) => {
      const m = window.__module;
      const state = { ...start, logits: [1.5, -2, 0.1, 3], temperature: 0.25, use_soft: false,
                      implementation: 'naive', precise: true };
      const text = m.encodeState(table, state, start);
      const back = m.decodeState(table, text, start);
      const bad = ['o:1,2', 'T:abc', 'T:1e9', 'i:fast', 'p:2', 'q:1', 'y:0.5,0.6', 'o:1,2,x'];
      return { text, same: JSON.stringify(back) === JSON.stringify(state),
               rejected: bad.map(t => m.decodeState(table, t, start) === null),
               empty: JSON.stringify(m.decodeState(table, '', start)) === JSON.stringify(start) };
    }""", [table, start])
    assert out["same"] and out["empty"] and all(out["rejected"]), out
    assert out["text"] == "o:1.5,-2,0.1,3;T:0.25;i:naive;p:1"
