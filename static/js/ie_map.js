/*
 * Innovation Everywhere: the choropleth's client side (runs in the streamlit-folium iframe).
 *
 * The map script folium renders (components/map.py) calls IEMap.init(map, config) once per
 * map: it adds an empty GeoJSON layer and fetches the level's geometry file, a static,
 * content-hashed asset the browser caches (data/webassets.py). Every script run sends only a
 * small per-view lookup through streamlit-folium's feature-group channel, which calls
 * IEMap.apply(view): which regions to draw, their class, tooltip fields, the view's bounds.
 * A filter change therefore sends kilobytes and keeps the map (and its pan/zoom) in place.
 *
 * view = {
 *   title: "value label", classes: [{fill: "#rrggbb", nodata: bool}], groups: ["RIS group"],
 *   kinds: ["in the region", ...], outside: "Outside the scope",
 *   regions: {code: [class index, value text, basis text, group index or -1, in scope 1/0,
 *                    Tier 1 count per kind..., Tier 2 count per kind...]},
 *   bounds: [[south, west], [north, east]], context: bool
 * }
 * The tooltip is data.views.tooltip's text, built here (data/links.py tooltip_counts for the
 * counts line). Names and all texts are escaped before they reach the tooltip's HTML.
 */
(function () {
  "use strict";

  var S = { map: null, cfg: null, layer: null, context: null, features: null, view: null,
            codesKey: null, boundsKey: null, contextWanted: false, contextLoading: false };

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  /* The map's geometry file, asked for as soon as this script runs (it is loaded before
     Leaflet, see components/map.py): ie_map.js?v=<hash>&geo=<url>. */
  var PREFETCH = {};
  (function () {
    var me = document.currentScript;
    var geo = me && new URL(me.src, document.baseURI).searchParams.get("geo");
    if (geo) { PREFETCH[geo] = getJSON(geo); }
  })();

  function showError(text) {
    var box = L.control({ position: "topright" });
    box.onAdd = function () {
      var div = L.DomUtil.create("div", "ie-map-error");
      div.setAttribute("role", "alert");
      div.style.cssText = "background:#fff;border:1px solid #b00;padding:6px 8px;max-width:320px;font-size:14px";
      div.textContent = text;
      return div;
    };
    box.addTo(S.map);
  }

  function row(feature) { return S.view ? S.view.regions[feature.properties.code] : undefined; }

  function styleOf(feature) {
    var r = row(feature), st = S.cfg.style;
    var cls = r ? S.view.classes[r[0]] : null;
    if (!cls) { return st.region; }
    var base = cls.nodata ? st.noData : st.region;
    return { fillColor: cls.fill, fillOpacity: base.fillOpacity, color: base.color,
             weight: base.weight, dashArray: base.dashArray };
  }

  function countsLine(r, v) {
    var parts = [], nk = v.kinds.length;
    for (var t = 0; t < 2; t++) {
      var seg = [];
      for (var k = 0; k < nk; k++) {
        var n = r[5 + t * nk + k];
        if (n) { seg.push(n + " " + v.kinds[k]); }
      }
      parts.push("Tier " + (t + 1) + ": " + (seg.length ? seg.join(", ") : "none recorded"));
    }
    return parts.join(" · ");
  }

  function tooltipOf(layer) {
    var p = layer.feature.properties, r = row(layer.feature), v = S.view;
    if (!r) { return esc(p.name); }
    var lines = [
      "<b>" + esc(p.name) + "</b> (" + esc(p.code) + ")",
      esc(v.title) + ": " + esc(r[1]) + esc(r[2]),
      esc(countsLine(r, v))
    ];
    if (!r[4]) { lines.push(esc(v.outside) + ": not counted in the analysis"); }
    if (r[3] >= 0) { lines.push("RIS 2023 group: " + esc(v.groups[r[3]])); }
    return "<table><tr><td>" + lines.join("<br>") + "</td></tr></table>";
  }

  /* Keyboard: every region is a tab stop with a name; focus highlights it and shows its
   * tooltip, Enter or Space selects it exactly as a click does (streamlit-folium listens for
   * the click on the region layer, which the feature's event propagates to). */
  function select(layer, ev) {
    layer.fire("click", { latlng: layer.getBounds().getCenter(), originalEvent: ev }, true);
  }

  function keyboard(feature, layer) {
    var el = layer.getElement && layer.getElement();
    if (!el || el.getAttribute("data-ie-keys")) { return; }
    el.setAttribute("data-ie-keys", "1");
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", String(feature.properties.name) + " (" + feature.properties.code + ")");
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") { ev.preventDefault(); select(layer, ev); }
    });
    el.addEventListener("focus", function () {
      layer.setStyle(S.cfg.style.highlight);
      S.layer.openTooltip(layer, layer.getBounds().getCenter());  // the tooltip is bound to the group
    });
    el.addEventListener("blur", function () { S.layer.resetStyle(layer); S.layer.closeTooltip(); });
  }

  function onEach(feature, layer) {
    layer.on({
      mouseover: function (e) { e.target.setStyle(S.cfg.style.highlight); },
      mouseout: function (e) { S.layer.resetStyle(e.target); },
      add: function () { keyboard(feature, layer); }
    });
  }

  function redraw() {
    if (!S.features || !S.view) { return; }
    var regions = S.view.regions;
    var key = Object.keys(regions).sort().join(",");
    if (key === S.codesKey) { S.layer.setStyle(styleOf); return; }  // same regions: restyle only
    S.codesKey = key;
    S.layer.clearLayers();
    S.layer.addData(S.features.filter(function (f) { return regions[f.properties.code] !== undefined; }));
  }

  function syncContext() {
    if (!S.context) { return; }
    if (S.contextWanted && !S.map.hasLayer(S.context)) {
      S.context.addTo(S.map);
      S.context.bringToBack();
      if (!S.contextLoading) {
        S.contextLoading = true;
        getJSON(S.cfg.context).then(function (fc) { S.context.addData(fc); S.context.bringToBack(); })
          .catch(function (err) { showError("Background map could not be loaded: " + err.message); });
      }
    } else if (!S.contextWanted && S.map.hasLayer(S.context)) {
      S.map.removeLayer(S.context);
    }
  }

  window.IEMap = {
    /* Called by the map script, once per map. */
    init: function (map, cfg) {
      S.map = map; S.cfg = cfg; S.features = null; S.codesKey = null; S.boundsKey = null;
      S.contextLoading = false;
      S.context = cfg.context ? L.geoJson(null, { interactive: false, style: cfg.style.context }) : null;
      S.layer = L.geoJson(null, { style: styleOf, onEachFeature: onEach }).addTo(map);
      // open the tooltip towards the map's centre, so the map's edge never cuts it off
      // (registered before the tooltip, so the direction is set before the tooltip moves)
      S.layer.on("mouseover mousemove", function (e) {
        var t = S.layer.getTooltip(), s = map.getSize(), p = e.containerPoint;
        if (t && p) {
          t.options.direction = p.y > s.y * 0.75 ? "top" : p.y < s.y * 0.25 ? "bottom"
            : p.x > s.x / 2 ? "left" : "right";
        }
      });
      S.layer.bindTooltip(tooltipOf, { sticky: true, className: "foliumtooltip" });
      var pending = PREFETCH[cfg.geometry] || getJSON(cfg.geometry);
      delete PREFETCH[cfg.geometry];
      pending.then(function (fc) { S.features = fc.features; redraw(); })
        .catch(function (err) { showError("Map regions could not be loaded: " + err.message); });
      if (S.view) { IEMap.apply(S.view); }
    },
    /* Called on every script run whose view differs from the last one (a few KB). */
    apply: function (view) {
      S.view = view;
      if (!S.map) { return; }
      var bounds = JSON.stringify(view.bounds);
      if (bounds !== S.boundsKey) { S.boundsKey = bounds; S.map.fitBounds(view.bounds); }
      S.contextWanted = !!view.context;
      syncContext();
      redraw();
    },
    escape: esc
  };
})();
