"""The choropleth map: folium + streamlit-folium, Leaflet served locally, no CDN.

folium loads Leaflet, jQuery and Bootstrap from CDNs by default, so offline the map never
draws. Here the map asks only for Leaflet's JS and CSS, copied at start-up from the PyPI
package ``django-js-lib-leaflet`` into ``static/vendor/leaflet`` and served by Streamlit's
static file serving (``server.enableStaticServing``). Nothing else the map uses needs a
library: no ``folium.Choropleth`` (it pulls d3) and no branca colormap on the map (the legend
is drawn outside the map by Streamlit).

The region layers are :class:`GeoJsonLayer`, not ``folium.GeoJson``: the map is rebuilt on every
rerun, and folium.GeoJson serialises its data three times per run (figure render, map render,
streamlit-folium's script walk), passes the rendered ~370 KB script through the jinja lexer twice
(branca wraps each rendered macro in a new Template) and walks every coordinate for the map
bounds. With that (and the tooltip and view-bounds changes in data/views.py, geo/display.py) an
EU-wide NUTS 2 rerun went from 250-290 ms to ~75 ms on 2 cores (bench/README.md).
"""

from __future__ import annotations

import functools
import html
import json
import shutil
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from components import theme
from data import geodata
from data.classify import NO_DATA
from data.views import MapView

ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "vendor" / "leaflet"
# The map runs in the streamlit-folium iframe at <base>/component/streamlit_folium.st_folium/
# so a relative path reaches <base>/app/static/ whatever the base URL path is.
STATIC_URL = "../../app/static/vendor/leaflet"
LEAFLET_JS = [("leaflet", f"{STATIC_URL}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/leaflet.css")]
MAP_HEIGHT = 600
RETURNED = ["last_active_drawing"]
# Browsers draw a focus rectangle around a clicked SVG path; the highlight style is enough.
FOCUS_CSS = "<style>path.leaflet-interactive:focus{outline:none}</style>"  # only a click on a region reruns the app


def ensure_leaflet_static() -> Path:
    """Copy Leaflet (JS, CSS, images) from the installed registry package into static/."""
    if (STATIC_DIR / "leaflet.js").is_file():
        return STATIC_DIR
    import js_lib_leaflet

    src = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    STATIC_DIR.parent.mkdir(parents=True, exist_ok=True)
    tmp = STATIC_DIR.with_name("leaflet.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp, ignore=shutil.ignore_patterns("*.map", "*.esm.js", "leaflet-src.js"))
    shutil.rmtree(STATIC_DIR, ignore_errors=True)
    tmp.rename(STATIC_DIR)
    return STATIC_DIR


class Attribution(MacroElement):
    """Adds a text to Leaflet's attribution control (works without any tile layer)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text


def _style(feature: dict) -> dict:
    p = feature["properties"]
    nodata = p.get("cls") == NO_DATA
    return {
        "fillColor": p["colour"],
        "fillOpacity": theme.FILL_OPACITY,
        "color": theme.STROKE_NO_DATA if nodata else theme.STROKE,
        "weight": theme.STROKE_WIDTH,
        "dashArray": theme.DASH_NO_DATA if nodata else None,
    }


def _highlight(_feature: dict) -> dict:
    return dict(theme.HIGHLIGHT)


def _context_style(_feature: dict) -> dict:
    return dict(theme.CONTEXT_STYLE)


TOOLTIP_CSS = """<style>
.foliumtooltip { font-size: 15px; width: max-content; max-width: min(420px, 70vw); white-space: normal; }
.foliumtooltip table { margin: auto; }
.foliumtooltip tr { text-align: left; }
.foliumtooltip th { padding: 2px; padding-right: 8px; }
</style>"""


def _js(obj: object) -> str:
    """Compact JSON that is safe inside an HTML <script> (same escaping as jinja's tojson)."""
    return (json.dumps(obj, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


@functools.cache
def _geometry_js(level: int, scale: str) -> dict[str, str]:
    """NUTS code -> the geometry's JSON text (serialised once per process)."""
    return {code: _js(g) for code, g in geodata.geometries(level, scale).items()}


class _Text(Element):
    """Already rendered text: branca would compile it as a jinja template (and lex all of it)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class GeoJsonLayer(MacroElement):
    """A Leaflet GeoJSON layer written as plain JS, its data serialised once.

    ``features`` are ``(id, properties, geometry_json)``; each feature's style is
    ``style_function(feature)`` on its properties (evaluated here, once per distinct style) and
    ``highlight`` the style on hover. ``tooltip`` names a property holding the tooltip's HTML,
    shown like folium's GeoJsonTooltip (class ``foliumtooltip``, sticky). A click reaches
    streamlit-folium as for folium.GeoJson: ``last_active_drawing`` is the clicked feature.
    """

    _template = Template(
        "{% macro header(this, kwargs) %}{{ this.header_html }}{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ this.script_js() }}{% endmacro %}"
    )

    def __init__(self, features: list[tuple[str, dict, str]], style_function, *, highlight: dict | None = None,
                 tooltip: str | None = None, interactive: bool = True,
                 bounds: list[list[float]] | None = None):
        super().__init__()
        self._name = "GeoJsonLayer"
        styles: dict[str, int] = {}
        parts = []
        for fid, props, geometry in features:
            key = _js(style_function({"id": fid, "properties": props}))
            idx = styles.setdefault(key, len(styles))
            parts.append(f'{{"type":"Feature","id":{_js(fid)},"s":{idx},"properties":{_js(props)},'
                         f'"geometry":{geometry}}}')
        self.data_js = '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"
        self.styles_js = "[" + ",".join(styles) + "]"
        self.highlight = highlight
        self.tooltip = tooltip
        self.interactive = interactive
        self.header_html = TOOLTIP_CSS if tooltip else ""
        self._bounds = bounds

    def script_js(self) -> str:
        name, map_name = self.get_name(), self._parent.get_name()
        on_each = ""
        if self.highlight:
            on_each = (f"onEachFeature: function (f, layer) {{ layer.on({{"
                       f"mouseover: function (e) {{ e.target.setStyle({_js(self.highlight)}); }}, "
                       f"mouseout: function (e) {{ {name}.resetStyle(e.target); }} }}); }},\n")
        js = (f"var {name}_styles = {self.styles_js};\n"
              f"var {name} = L.geoJson(null, {{\n"
              f"interactive: {'true' if self.interactive else 'false'},\n"
              f"style: function (f) {{ return {name}_styles[f.s]; }},\n"
              f"{on_each}}});\n")
        if self.tooltip:
            js += (f"{name}.bindTooltip(function (layer) {{ return '<table><tr><td>' + "
                   f"layer.feature.properties[{_js(self.tooltip)}] + '</td></tr></table>'; }}, "
                   f'{{"sticky": true, "className": "foliumtooltip"}});\n'
                   # open the tooltip towards the map's centre, so it is never cut by the map's edge
                   f"{name}.on('mousemove', function (e) {{ var t = e.layer.getTooltip(); if (!t) return; "
                   f"var s = {map_name}.getSize(), p = e.containerPoint; t.options.direction = "
                   f"p.x < s.x * 0.3 ? 'right' : p.x > s.x * 0.7 ? 'left' : p.y > s.y / 2 ? 'top' : 'bottom'; }});\n")
        return js + f"{name}.addData({self.data_js});\n{name}.addTo({map_name});\n"

    def render(self, **kwargs) -> None:
        """MacroElement.render without compiling the rendered text as a template again."""
        figure = self.get_root()
        if self.header_html:
            figure.header.add_child(_Text(self.header_html), name=self.get_name())
        figure.script.add_child(_Text(self.script_js()), name=self.get_name())

    def _get_self_bounds(self) -> list[list[float | None]]:
        # st_folium asks the map for its bounds on every run; folium would walk every coordinate
        return self._bounds or [[None, None], [None, None]]


def _bounds(codes: list[str], level: int, scale: str) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the regions' boxes."""
    b = geodata.bounds(level, scale)
    boxes = [b[c] for c in codes if c in b]
    if not boxes:
        return None
    return [[min(x[1] for x in boxes), min(x[0] for x in boxes)],
            [max(x[3] for x in boxes), max(x[2] for x in boxes)]]


def _properties(view: MapView, geoms) -> list[tuple[str, dict]]:
    t = view.table
    return [
        (code, {"code": code, "name": html.escape(str(name)), "cls": cls, "colour": colour, "tip": tip})
        for code, name, cls, colour, tip in zip(t.index, t["name"], t["cls"], t["colour"], t["tip"],
                                                strict=True)
        if code in geoms
    ]


def features(view: MapView, level: int, scale: str = "20M") -> list[dict]:
    """The view's regions as GeoJSON features (what the map layer draws)."""
    geoms = geodata.geometries(level, scale)
    return [{"type": "Feature", "id": code, "properties": props, "geometry": geoms[code]}
            for code, props in _properties(view, geoms)]


def build(view: MapView, level: int, *, context: bool, tiles: bool = False,
          scale: str = "20M") -> folium.Map:
    """The folium map. The selected region is not drawn on it, so a click does not change the
    map's script and the map keeps the user's pan and zoom."""
    m = folium.Map(location=[52, 12], zoom_start=4, tiles=None, control_scale=False,
                   zoom_snap=0.25, min_zoom=2)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    if tiles:
        folium.TileLayer("CartoDB positron", name="Background").add_to(m)
    if context:
        ctx = _geometry_js(0, "60M")
        GeoJsonLayer([(c, {}, g) for c, g in ctx.items()], _context_style, interactive=False,
                     bounds=_bounds(list(ctx), 0, "60M")).add_to(m)
    geoms = _geometry_js(level, scale)
    props = _properties(view, geoms)
    if props:
        GeoJsonLayer([(code, p, geoms[code]) for code, p in props], _style, highlight=_highlight({}),
                     tooltip="tip", bounds=_bounds([c for c, _ in props], level, scale)).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    m.get_root().header.add_child(folium.Element(FOCUS_CSS))
    codes = list(view.table.index) or []
    m.fit_bounds(geodata.view_bounds(codes, level, scale) if codes else
                 geodata.view_bounds([], level, scale))
    return m


def clicked_code(result: dict | None) -> str | None:
    """The region code of the last clicked feature in st_folium's result, if any."""
    if not result:
        return None
    feat = result.get("last_active_drawing") or {}
    code = (feat.get("properties") or {}).get("code") or feat.get("id")
    return code if isinstance(code, str) else None


def render(view: MapView, level: int, *, context: bool, tiles: bool, height: int = MAP_HEIGHT) -> str | None:
    """Draw the map; return the code of a region the user has just clicked (else None)."""
    import streamlit as st
    from streamlit_folium import st_folium

    m = build(view, level, context=context, tiles=tiles)
    result = st_folium(m, key="map", height=height, use_container_width=True,
                       returned_objects=RETURNED)
    code = clicked_code(result)
    if code and code != st.session_state.get("_map_last_click"):
        st.session_state["_map_last_click"] = code
        return code
    return None
