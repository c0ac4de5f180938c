/* softmax_lab figures in the page: load plotly.js when a figure comes near the screen, fit the
   figure to the width it gets, follow the light/dark theme. Defines window.softmaxLabPlotly
   once per page: {load, render, fit, themed}. Written into every figure's HTML by
   softmax_lab.display (with __CDN__ and __SITE_PATH__ filled in). */
(function () {
  if (window.softmaxLabPlotly) return;
  var CDN = __CDN__, SITE_PATH = __SITE_PATH__, pending = null;
  // Pixels reserved at the top right for the mode bar (four buttons) where it can show.
  // (Measured on the first figure drawn, then used for the others.)
  var modebarWidth = 130, NARROW_PX = 600, LINE = 1.3;

  function siteRoot() {
    return document.documentElement.getAttribute("data-content_root");
  }

  function load() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (pending) return pending;
    pending = new Promise(function (resolve, reject) {
      var root = siteRoot();
      if (root === null && typeof window.requirejs === "function") {
        window.requirejs.config({paths: {plotly: CDN.replace(/\.js$/, "")}});
        window.requirejs(["plotly"], resolve, reject);
        return;
      }
      var s = document.createElement("script");
      s.src = root === null ? CDN : root + SITE_PATH;
      s.async = true;
      s.onload = function () {
        if (window.Plotly) resolve(window.Plotly);
        else reject(new Error("plotly.js loaded without defining window.Plotly"));
      };
      s.onerror = function () { reject(new Error("could not load " + s.src)); };
      document.head.appendChild(s);
    });
    return pending;
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  // ---- the width-dependent half of the book's figure style ---------------------------------

  // A mode bar can show (on hover) only where there is a mouse; touch screens never get one.
  function hoverDevice() {
    return !!(window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches);
  }

  var canvas = null;
  function textWidth(text, size, family) {
    canvas = canvas || document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    ctx.font = size + "px " + family;
    return ctx.measureText(String(text).replace(/<[^>]*>/g, "")).width;
  }

  // Break `text` at spaces so that no line is wider than `max` px (plotly's <br> kept).
  function wrap(text, max, size, family) {
    if (text === undefined || text === null || text === "") return text;
    return String(text).split(/<br\s*\/?>/i).map(function (line) {
      var out = [], cur = "";
      line.split(" ").forEach(function (word) {
        var next = cur ? cur + " " + word : word;
        if (cur && textWidth(next, size, family) > max) { out.push(cur); cur = word; }
        else cur = next;
      });
      out.push(cur);
      return out.join("<br>");
    }).join("<br>");
  }

  function lines(text) {
    return text ? String(text).split(/<br\s*\/?>/i).length : 0;
  }

  function titleOf(obj) {
    var t = obj && obj.title;
    if (t === undefined || t === null) return {};
    return typeof t === "object" ? t : {text: String(t)};
  }

  function axisKeys(layout, letter) {
    var keys = Object.keys(layout).filter(function (k) {
      return new RegExp("^" + letter + "axis\\d*$").test(k);
    });
    return keys.length ? keys : [letter + "axis"];
  }

  function isSubplotTitle(a) {
    return a.showarrow === false && a.xref === "paper" && a.yref === "paper" &&
      a.yanchor === "bottom" && a.xanchor === "center";
  }

  function lockedAspect(layout) {
    return Object.keys(layout).some(function (k) {
      return /^[xy]axis\d*$/.test(k) && layout[k] && layout[k].scaleanchor;
    });
  }

  // The figure as it should be drawn `width` px wide: titles, axis titles, subplot titles and
  // legend entries wrapped to fit, fonts and margins for the width, height grown by what the
  // wrapping added (or scaled with the width when an axis keeps the aspect ratio).
  function fit(spec, width, modebarPx) {
    var out = Object.assign({}, spec);
    var L = copy(spec.layout || {});
    var tl = (L.template && L.template.layout) || {};
    var narrow = width < NARROW_PX;
    var family = (L.font && L.font.family) || (tl.font && tl.font.family) || "sans-serif";
    var base = (L.font && L.font.size) || (narrow ? 12 : 13);
    if (narrow) base = Math.min(base, 12);
    L.font = Object.assign({}, L.font, {size: base});
    var bar = hoverDevice();
    var design = L.height || 450, extra = 0;
    var yTitled = axisKeys(L, "y").some(function (k) { return titleOf(L[k] || {}).text; });
    var plotW = Math.max(120, width - (yTitled ? 80 : 50));

    var title = titleOf(L), top = 10;
    if (title.text) {
      var tsize = narrow ? 14 : ((title.font && title.font.size) || 16);
      title.text = wrap(title.text, width - 16 - (bar ? modebarPx || modebarWidth : 0), tsize,
                        family);
      title.font = Object.assign({}, title.font, {size: tsize});
      title.automargin = false;
      // plotly centres a title of several lines on its anchor: move it down by half the
      // extra lines, so that its first line starts below the top edge.
      title.pad = {l: 8, t: 8 + (lines(title.text) - 1) * tsize * LINE / 2};
      L.title = title;
      var titleH = lines(title.text) * tsize * LINE;
      top = 8 + titleH + 10;
      extra += Math.max(0, lines(title.text) - 1) * tsize * LINE;
    } else if (bar) {
      top = 30;
    }

    ["x", "y"].forEach(function (letter) {
      axisKeys(L, letter).forEach(function (k) {
        if (!L[k]) return;
        var t = titleOf(L[k]);
        if (!t.text) return;
        var room = letter === "x" ? plotW : design * 0.6;
        t.text = wrap(t.text, room, base, family);
        L[k] = Object.assign({}, L[k], {title: t});
      });
    });

    var annotations = L.annotations || [];
    var titled = annotations.filter(isSubplotTitle);
    var columns = Math.max(1, new Set(titled.map(function (a) { return a.x; })).size);
    var aboveTop = 0;
    annotations.forEach(function (a) {
      if (!isSubplotTitle(a)) return;
      var size = narrow ? (columns > 2 ? 11 : 12) : ((a.font && a.font.size) || 14);
      a.font = Object.assign({}, a.font, {size: size});
      a.text = wrap(a.text, plotW / columns - 6, size, family);
      if (a.y >= 0.99) aboveTop = Math.max(aboveTop, lines(a.text) * size * LINE);
    });
    top += aboveTop;

    var legendRows = 0;
    if (legendShown(spec)) {
      var rowW = 0;
      legendRows = 1;
      (spec.data || []).forEach(function (trace, i) {
        if (trace.showlegend === false || !trace.name) return;
        var name = wrap(trace.name, width - 70, base, family);
        if (name !== trace.name) {
          out.data = out.data === spec.data ? spec.data.slice() : out.data;
          out.data[i] = Object.assign({}, trace, {name: name});
        }
        var w = 40 + Math.max.apply(null, String(name).split(/<br\s*\/?>/i).map(function (s) {
          return textWidth(s, base, family);
        }));
        if (rowW && rowW + w > width - 20) { legendRows += 1; rowW = 0; }
        rowW += w;
        legendRows += lines(name) - 1;
      });
      extra += legendRows * base * 1.6 + 10;
    }

    L.margin = {l: 10, r: 12, b: 10, t: Math.round(top), pad: 0, autoexpand: true};
    if (lockedAspect(L)) {
      // The plot keeps its aspect ratio: its height follows its width.
      var designW = 700, m = spec.layout.margin || {};
      var plotH = design - (m.t || 56) - (m.b || 48);
      var scale = Math.min(1, (width - 20) / (designW - (m.l || 60) - (m.r || 20)));
      L.height = Math.round(plotH * scale + top + 10 + (legendRows ? extra : 0));
    } else {
      L.height = Math.round(design + extra);
    }
    out.layout = L;
    out.config = Object.assign({}, spec.config, {displayModeBar: bar ? "hover" : false});
    return out;
  }

  function legendShown(spec) {
    var L = spec.layout || {};
    if (L.showlegend === false) return false;
    var named = (spec.data || []).filter(function (t) {
      return t.showlegend !== false && t.name && !/^(heatmap|contour|histogram2d)/.test(t.type || "");
    });
    return L.showlegend === true ? named.length > 0 : named.length > 1;
  }

  // After drawing: annotations that still collide (diagram labels, long subplot titles) are
  // broken at a space or set smaller until they clear each other and the title.
  function untangle(Plotly, el, spec, tries) {
    if (tries <= 0) return Promise.resolve();
    var boxes = [].slice.call(el.querySelectorAll(".annotation")).map(function (g) {
      return {i: +g.getAttribute("data-index"), r: g.getBoundingClientRect()};
    });
    var titleEl = el.querySelector(".gtitle");
    var titleBox = titleEl ? titleEl.getBoundingClientRect() : null;
    var update = {}, L = el.layout, bad = {};
    boxes.forEach(function (a, j) {
      boxes.slice(j + 1).forEach(function (b) {
        if (overlap(a.r, b.r)) { bad[a.i] = true; bad[b.i] = true; }
      });
      if (titleBox && overlap(a.r, titleBox)) update["margin.t"] = L.margin.t + 8;
    });
    Object.keys(bad).forEach(function (i) {
      var a = L.annotations[i], text = String(a.text), size = (a.font && a.font.size) || 12;
      var broken = breakInMiddle(text);
      if (broken !== text) update["annotations[" + i + "].text"] = broken;
      else update["annotations[" + i + "].font.size"] = Math.max(8, Math.round(size * 0.85));
    });
    thinTicks(el, update);
    if (!Object.keys(update).length) return Promise.resolve();
    return Plotly.relayout(el, update).then(function () {
      return untangle(Plotly, el, spec, tries - 1);
    });
  }

  // Tick labels that run into each other (log axes label 2…9 between the decades): fewer ticks.
  function thinTicks(el, update) {
    var full = el._fullLayout || {};
    Object.keys(full).filter(function (k) { return /^[xy]axis\d*$/.test(k); }).forEach(function (k) {
      var ax = full[k], id = ax._id;
      if (!id || ax.tickmode === "array") return;
      var labels = [].slice.call(el.querySelectorAll("g." + id + "tick text"))
        .map(function (t) { return t.getBoundingClientRect(); })
        .filter(function (r) { return r.width > 0; });
      var crowded = labels.some(function (r, i) {
        return labels.slice(i + 1).some(function (q) { return overlap(r, q); });
      });
      if (!crowded) return;
      if (ax.type === "log") {
        update[k + ".dtick"] = sparserLogStep(ax.dtick);
      } else {
        update[k + ".nticks"] = Math.max(2, Math.floor(labels.length / 2));
      }
    });
  }

  // The next sparser tick step of a log axis: digits 1-9 ("D1") -> 1, 2, 5 ("D2") -> every
  // decade (1) -> every k+1 decades; a linear step inside a decade ("L200", used when the
  // range spans less than one) doubles ("L400"), so the axis keeps some labels.
  function sparserLogStep(dtick) {
    if (dtick === "D1") return "D2";
    if (dtick === "D2") return 1;
    if (typeof dtick === "string" && dtick.charAt(0) === "L") return "L" + 2 * Number(dtick.slice(1));
    return (+dtick || 1) + 1;
  }

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 1 && h > 1;
  }

  // The longest line of `text`, broken at the space nearest its middle.
  function breakInMiddle(text) {
    var parts = text.split(/<br\s*\/?>/i), k = 0;
    parts.forEach(function (p, i) { if (p.length > parts[k].length) k = i; });
    var line = parts[k], mid = line.length / 2, best = -1;
    for (var i = 0; i < line.length; i++) {
      if (line[i] === " " && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
    }
    if (best < 0) return text;
    parts[k] = line.slice(0, best) + "<br>" + line.slice(best + 1);
    return parts.join("<br>");
  }

  // ---- light and dark --------------------------------------------------------------------

  // Dark mode (pydata-sphinx-theme resolves it into <html data-theme>): same figure, with light
  // text and grid lines on a transparent background. Redrawn when the reader switches theme.
  function isDark() { return document.documentElement.getAttribute("data-theme") === "dark"; }
  function themed(spec) {
    if (!isDark()) return spec;
    var out = Object.assign({}, spec), layout = Object.assign({}, spec.layout || {});
    var tpl = Object.assign({}, layout.template || {});
    var tl = Object.assign({}, tpl.layout || {});
    var fg = "#d7dde4", grid = "#343b45", line = "#5b6570";
    tl.font = Object.assign({}, tl.font || {}, {color: fg});
    tl.paper_bgcolor = "rgba(0,0,0,0)";
    tl.plot_bgcolor = "rgba(0,0,0,0)";
    ["xaxis", "yaxis"].forEach(function (k) {
      tl[k] = Object.assign({}, tl[k] || {}, {gridcolor: grid, linecolor: line,
                                              zerolinecolor: line, tickcolor: line});
    });
    tl.legend = Object.assign({}, tl.legend || {}, {bgcolor: "rgba(0,0,0,0)"});
    tl.modebar = {bgcolor: "rgba(0,0,0,0)", color: "#8b949e", activecolor: fg};
    tpl.layout = tl;
    layout.template = tpl;
    // Colours set on the figure itself win over the template: clear the light-only ones.
    ["paper_bgcolor", "plot_bgcolor"].forEach(function (k) {
      if (layout[k] !== undefined && /^(white|#fff(fff)?)$/i.test(String(layout[k]))) {
        layout[k] = "rgba(0,0,0,0)";
      }
    });
    out.layout = layout;
    return out;
  }

  // ---- drawing -----------------------------------------------------------------------------

  var drawn = [];
  function draw(Plotly, item) {
    var el = item.el, width = el.clientWidth || 640;
    item.width = width;
    var figure = themed(fit(item.spec, width, modebarWidth));
    // react adds the frames and draws the first state; playing waits for the reader.
    return Plotly.react(el, figure).then(function () {
      var bar = el.querySelector(".modebar"), px = bar ? bar.getBoundingClientRect().width : 0;
      if (hoverDevice() && px + 12 > modebarWidth) {
        modebarWidth = px + 12;  // the title must clear a wider mode bar: fit again
        return draw(Plotly, item);
      }
      return untangle(Plotly, el, item.spec, 4);
    });
  }

  function redraw() {
    drawn.forEach(function (item) { if (window.Plotly) draw(window.Plotly, item); });
  }
  if (typeof MutationObserver === "function") {
    new MutationObserver(redraw).observe(document.documentElement,
                                         {attributes: true, attributeFilter: ["data-theme"]});
  }

  // Redraw a figure whose column changed width (phone rotated, sidebar opened).
  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var item = drawn.filter(function (d) { return d.el === entry.target; })[0];
      var width = entry.target.clientWidth;
      if (item && window.Plotly && width && Math.abs(width - item.width) > 8) {
        draw(window.Plotly, item);
      }
    });
  }) : null;

  // Start drawing when the figure comes within a screen of the viewport.
  function whenNear(el, start) {
    if (typeof IntersectionObserver !== "function") { start(); return; }
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        io.disconnect();
        start();
      }
    }, {rootMargin: "200px 0px"});
    io.observe(el);
  }

  // render(id, spec): draw `spec` into element `id` once it is near the screen. Without
  // `spec`, the figure is read from <script type="application/json" id="<id>-spec">.
  function render(id, spec) {
    var el = document.getElementById(id);
    if (!el) return Promise.resolve();
    return new Promise(function (resolve) { whenNear(el, resolve); }).then(function () {
      if (spec === undefined) {
        spec = JSON.parse(document.getElementById(id + "-spec").textContent);
      }
      return load().then(function (Plotly) {
        var item = {el: el, spec: spec, width: 0};
        drawn.push(item);
        if (resized) resized.observe(el);
        el.removeAttribute("style");
        return draw(Plotly, item);
      });
    }).catch(function (err) {
      el.textContent = "This figure needs plotly.js: " + err.message;
      throw err;
    });
  }

  window.softmaxLabPlotly = {load: load, render: render, fit: fit, themed: themed};
})();
