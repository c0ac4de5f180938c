"""softmax_lab.display: one MIME bundle that renders on the site, in Jupyter and in Colab."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from softmax_lab import display


def _bar() -> go.Figure:
    return go.Figure(go.Bar(x=["cat", "dog"], y=[0.25, 0.75]), layout={"height": 320})


def _embedded_spec(html: str) -> dict:
    call = re.search(r"softmaxLabPlotly\.render\(\"(sl-plotly-[0-9a-f]+)\"\);\n</script>", html)
    assert call, "the html form must call softmaxLabPlotly.render(id)"
    div_id = call.group(1)
    assert f'<div class="sl-plotly" id="{div_id}"' in html
    data = re.search(rf'<script type="application/json" id="{div_id}-spec">(.*?)</script>',
                     html, re.S)
    assert data, "the figure travels as JSON data next to its <div>"
    return json.loads(data.group(1))


def test_bundle_has_html_for_the_site_and_plotly_json_for_jupyterlab(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOFTMAX_LAB_STATIC", raising=False)
    bundle = display.as_displayable(_bar())._repr_mimebundle_()
    assert set(bundle) == {"text/html", "application/vnd.plotly.v1+json", "text/plain"}
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["y"] == [0.25, 0.75]
    assert bundle["text/plain"] == "<plotly figure with 1 trace>"


def test_book_build_stores_only_the_html_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOFTMAX_LAB_STATIC", "1")
    bundle = display.as_displayable(_bar())._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}


def test_html_embeds_the_same_figure_as_the_plotly_mimetype() -> None:
    shown = display.as_displayable(_bar())
    assert _embedded_spec(shown.to_html()) == shown.spec


def test_html_loads_the_sites_plotly_not_an_inlined_copy() -> None:
    html = display.as_displayable(_bar()).to_html()
    assert display.PLOTLY_SITE_PATH in html
    assert "data-content_root" in html
    assert len(html) < 30_000, "plotly.js (4.8 MB) must be loaded, never inlined"


def test_figure_with_frames_is_not_animated_on_load() -> None:
    fig = go.Figure(
        data=[go.Scatter(x=[0, 1], y=[0, 1])],
        frames=[go.Frame(data=[go.Scatter(x=[0, 1], y=[1, k])]) for k in range(3)],
    )
    html = display.as_displayable(fig).to_html()
    assert len(_embedded_spec(html)["frames"]) == 3
    assert "Plotly.animate" not in html
    assert "auto_play" not in html and "autoplay" not in html.lower()


def test_closing_script_tag_inside_a_title_cannot_end_the_script() -> None:
    fig = go.Figure(layout={"title": {"text": "</script><b>x"}})
    html = display.as_displayable(fig).to_html()
    assert html.count("</script>") == 2  # the JSON data and the loader, nothing else
    assert _embedded_spec(html)["layout"]["title"]["text"] == "</script><b>x"


def test_figure_div_is_labelled_by_its_title() -> None:
    fig = go.Figure(layout={"title": {"text": 'p "softmax"'}})
    assert 'aria-label="p &quot;softmax&quot;"' in display.as_displayable(fig).to_html()


def test_each_display_gets_its_own_element_id() -> None:
    shown = display.as_displayable(_bar())
    ids = {re.search(r'id="(sl-plotly-[0-9a-f]+)"', shown.to_html()).group(1) for _ in range(3)}
    assert len(ids) == 3


def _decoded(values: dict | list) -> np.ndarray:
    if isinstance(values, list):
        return np.asarray(values)
    return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])


def test_numpy_data_survives_in_plotlys_compact_encoding() -> None:
    spec = display.figure_json(go.Figure(go.Scatter(y=np.arange(4.0))))
    np.testing.assert_array_equal(_decoded(spec["data"][0]["y"]), [0.0, 1.0, 2.0, 3.0])


def test_float_arrays_travel_as_float32_to_half_the_bytes() -> None:
    y = np.linspace(0, 1, 1001) ** 2
    spec = display.figure_json(go.Figure(go.Scatter(y=y)))
    sent = spec["data"][0]["y"]
    assert sent["dtype"] == "f4"
    np.testing.assert_allclose(_decoded(sent), y, rtol=1e-6, atol=1e-7)


def test_float64_values_beyond_float32_range_are_kept_exact() -> None:
    y = np.array([1.0, 1e300])
    sent = display.figure_json(go.Figure(go.Scatter(y=y)))["data"][0]["y"]
    assert sent["dtype"] == "f8"
    np.testing.assert_array_equal(_decoded(sent), y)


def test_style_drops_fixed_widths_and_puts_the_legend_below_the_plot() -> None:
    fig = go.Figure([go.Scatter(y=[1, 2], name="a"), go.Scatter(y=[2, 1], name="b")],
                    layout={"width": 600, "legend": {"x": 1.02, "y": 1, "title": {"text": "k"}},
                            "title": "A title"})
    layout = display.figure_json(fig)["layout"]
    assert "width" not in layout and layout["autosize"] is True
    legend = layout["legend"]
    assert (legend["orientation"], legend["yref"], legend["y"], legend["yanchor"]) == (
        "h", "container", 0, "bottom")
    assert legend["title"] == {"text": "k"}, "what the author set beyond the position stays"
    assert layout["title"]["text"] == "A title" and layout["title"]["xanchor"] == "left"


def test_config_keeps_a_small_mode_bar_without_logo() -> None:
    config = display.figure_json(_bar())["config"]
    assert config["responsive"] is True and config["displaylogo"] is False
    assert {"lasso2d", "select2d"} <= set(config["modeBarButtonsToRemove"])


def test_dict_figures_are_accepted() -> None:
    spec = display.figure_json({"data": [{"type": "scatter", "y": [1, 2]}]})
    assert spec["data"][0]["y"] == [1, 2]
    assert spec["config"]["responsive"] is True


def test_non_figures_are_rejected_naming_the_argument() -> None:
    with pytest.raises(TypeError, match=r"^fig "):
        display.as_displayable([1, 2, 3])
    with pytest.raises(ValueError, match=r"^fig "):
        display.as_displayable({"layout": {}})


def test_show_displays_the_displayable(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    display.show(_bar())
    assert len(shown) == 1 and isinstance(shown[0], display.PlotlyDisplay)


def test_plotly_js_shipped_with_the_python_package_exists() -> None:
    path = display.plotly_js_path()
    assert path.is_file() and path.stat().st_size > 1_000_000


def test_loader_defines_itself_once_per_page() -> None:
    js = display.plotly_loader_js()
    assert js.startswith("(function () {\nif (window.softmaxLabPlotly) return;")
    assert "__CDN__" not in js and "__SITE_PATH__" not in js


def test_figures_on_plotlys_stock_template_get_the_books_template() -> None:
    spec = display.figure_json(_bar())
    layout = spec["layout"]["template"]["layout"]
    assert layout["colorway"][:3] == ["#0072B2", "#D55E00", "#009E73"]
    # Transparent, so the figure sits on the page in light and in dark mode.
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"


def test_a_template_the_author_chose_is_kept() -> None:
    fig = go.Figure(go.Bar(y=[1, 2]), layout={"template": "plotly_dark"})
    layout = display.figure_json(fig)["layout"]["template"]["layout"]
    assert layout["paper_bgcolor"] == "rgb(17,17,17)"
