"""Figures on Korean pages: the text of a figure executed in English, rewritten from the
message catalogs in the figure JSON that ``softmax_lab.display`` emits."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from sl_i18n.figures import translate_figure_html, translate_spec, translator

from softmax_lab import display

ENGLISH = {
    "title": "Loss over {n} epochs",
    "epoch": "epoch",
    "loss": "loss",
    "split": "{split} loss",
    "train": "train",
    "hover": "epoch %{{x}}<br>loss %{{y:.3f}}<extra></extra>",
    "class": "class {k}",
}
KOREAN = {
    "title": "{n} 에포크 동안의 손실",
    "epoch": "에포크",
    "loss": "손실",
    "split": "{split} 손실",
    "train": "훈련",
    "hover": "에포크 %{{x}}<br>손실 %{{y:.3f}}<extra></extra>",
}


def test_translator_fills_placeholders_and_leaves_unknown_text() -> None:
    t = translator(ENGLISH, KOREAN)
    assert t("epoch") == "에포크"
    assert t("Loss over 10 epochs") == "10 에포크 동안의 손실"
    assert t("train loss") == "훈련 손실", "placeholder values are translated too"
    assert t("test loss") == "test 손실"
    assert t("epoch %{x}<br>loss %{y:.3f}<extra></extra>") == (
        "에포크 %{x}<br>손실 %{y:.3f}<extra></extra>")
    assert t("class 3") == "class 3", "a key Korean lacks stays English"
    assert t("accuracy") == "accuracy"


def _figure() -> go.Figure:
    fig = go.Figure(
        [go.Scatter(x=[1, 2, 3], y=[0.9, 0.5, 0.3], name="train loss",
                    hovertemplate="epoch %{x}<br>loss %{y:.3f}<extra></extra>"),
         go.Bar(x=["epoch", "loss"], y=[1, 2], text=["loss", "epoch"], name="loss")],
        layout={"title": {"text": "Loss over 3 epochs"}, "xaxis": {"title": {"text": "epoch"}},
                "yaxis": {"title": {"text": "loss"}}},
    )
    fig.add_annotation(text="train loss", x=1, y=1)
    return fig


def test_spec_text_is_translated_but_data_and_styles_are_not() -> None:
    spec = display.figure_json(_figure())
    out = translate_spec(spec, translator(ENGLISH, KOREAN))
    assert out["layout"]["title"]["text"] == "3 에포크 동안의 손실"
    assert out["layout"]["xaxis"]["title"]["text"] == "에포크"
    assert out["layout"]["yaxis"]["title"]["text"] == "손실"
    assert out["layout"]["annotations"][0]["text"] == "훈련 손실"
    line, bar = out["data"]
    assert line["name"] == "훈련 손실"
    assert line["hovertemplate"] == "에포크 %{x}<br>손실 %{y:.3f}<extra></extra>"
    assert bar["text"] == ["손실", "에포크"], "bar labels a reader sees"
    assert bar["x"] == ["epoch", "loss"], "data values are not text to translate"
    assert out["layout"]["template"] == spec["layout"]["template"]
    assert spec["data"][0]["name"] == "train loss", "the input is not changed"


def _spec_span(markup: str) -> tuple[dict, int, int]:
    start = markup.index("{", markup.index('<script type="application/json"'))
    spec, end = json.JSONDecoder().raw_decode(markup, start)
    return spec, start, end


def _spec_of(markup: str) -> dict:
    return _spec_span(markup)[0]


def _without_spec(markup: str) -> str:
    _, start, end = _spec_span(markup)
    return markup[:start] + markup[end:]


def test_display_output_is_rewritten_in_place_with_its_label() -> None:
    markup = display.as_displayable(_figure()).to_html()
    out, found = translate_figure_html(markup, translator(ENGLISH, KOREAN))
    assert found == 1
    spec = _spec_of(out)
    assert spec["layout"]["title"]["text"] == "3 에포크 동안의 손실"
    assert spec["data"][0]["name"] == "훈련 손실"
    assert 'aria-label="3 에포크 동안의 손실"' in out
    # Still safe inside <script>: the JSON is written as display writes it.
    start = out.index(">", out.index('<script type="application/json"')) + 1
    assert "</" not in out[start:out.index("</script>", start)]
    assert _without_spec(out) == _without_spec(markup).replace(
        'aria-label="Loss over 3 epochs"', 'aria-label="3 에포크 동안의 손실"')


def test_markup_without_a_figure_is_reported_and_left_alone() -> None:
    markup = '<div class="sl-plotly">not a figure</div>'
    assert translate_figure_html(markup, translator(ENGLISH, KOREAN)) == (markup, 0)


def test_korean_build_rewrites_the_figure_outputs_of_a_page(monkeypatch, tmp_path) -> None:
    # The extension's doctree hook, on a page holding one figure output as myst-nb stores it;
    # the chapter's own title comes from the book's figure catalog, locale/ko/figures.json.
    from types import SimpleNamespace

    import sl_i18n.pages
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from softmax_lab import i18n

    catalogs = {"en": ENGLISH, "ko": KOREAN}
    monkeypatch.setattr(i18n, "catalog", lambda domain, language="en": catalogs[language])
    doctree = new_document("page", get_default_settings(Parser))
    figure = _figure()
    figure.add_annotation(text="A chapter's own title, 3 runs", x=2, y=1)
    markup = display.as_displayable(figure).to_html()
    doctree += nodes.raw("", markup, format="html")
    book = tmp_path / "locale" / "ko" / "figures.json"
    book.parent.mkdir(parents=True)
    book.write_text('{"A chapter\'s own title, {n} runs": "장이 붙인 제목, 실행 {n}번"}',
                    encoding="utf-8")
    app = SimpleNamespace(config=SimpleNamespace(language="ko"), srcdir=str(tmp_path),
                          builder=SimpleNamespace(format="html"))
    sl_i18n.pages.translate_page(app, doctree, "book/page")
    (raw,) = doctree.findall(nodes.raw)
    layout = _spec_of(raw.astext())["layout"]
    assert layout["xaxis"]["title"]["text"] == "에포크"
    assert [a["text"] for a in layout["annotations"]] == ["훈련 손실", "장이 붙인 제목, 실행 3번"]

    app.config.language = "en"
    english_doc = new_document("page", get_default_settings(Parser))
    english_doc += nodes.raw("", markup, format="html")
    sl_i18n.pages.translate_page(app, english_doc, "book/page")
    assert next(iter(english_doc.findall(nodes.raw))).astext() == markup
