"""The choropleth map: folium + streamlit-folium, Leaflet served locally, no CDN.

folium loads Leaflet, jQuery and Bootstrap from CDNs by default, so offline the map never
draws. Here the map asks only for Leaflet's JS and CSS, copied at start-up from the PyPI
package ``django-js-lib-leaflet`` into ``static/vendor/leaflet`` and served by Streamlit's
static file serving (``server.enableStaticServing``). Nothing else the map uses needs a
library: no ``folium.Choropleth`` (it pulls d3) and no branca colormap on the map (the legend
is drawn outside the map by Streamlit).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from data.classify import NO_DATA
from data.views import MapView
from geo import display

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
        "fillOpacity": 0.9,
        "color": "#777777" if nodata else "#4d4d4d",
        "weight": 0.6,
        "dashArray": "3 3" if nodata else None,
    }


def _highlight(_feature: dict) -> dict:
    return {"weight": 2.5, "color": "#000000"}


def _context_style(_feature: dict) -> dict:
    return {"fillColor": "#ececec", "fillOpacity": 1, "color": "#b0b0b0", "weight": 0.5}


def features(view: MapView, level: int, scale: str = "20M") -> list[dict]:
    geoms = display.geometries(level, scale)
    t = view.table
    return [
        {"type": "Feature", "id": code,
         "properties": {"code": code, "name": html.escape(str(name)), "cls": cls,
                        "colour": colour, "tip": tip},
         "geometry": geoms[code]}
        for code, name, cls, colour, tip in zip(t.index, t["name"], t["cls"], t["colour"], t["tip"],
                                                strict=True)
        if code in geoms
    ]


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
        ctx = [{"type": "Feature", "id": c, "properties": {}, "geometry": g}
               for c, g in display.geometries(0, "60M").items()]
        folium.GeoJson({"type": "FeatureCollection", "features": ctx}, name="Europe",
                       style_function=_context_style, interactive=False, control=False).add_to(m)
    feats = features(view, level, scale)
    if feats:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats},
            name="regions",
            style_function=_style,
            highlight_function=_highlight,
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True,
                                          style="font-size: 15px;"),
            control=False,
        ).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    m.get_root().header.add_child(folium.Element(FOCUS_CSS))
    codes = list(view.table.index) or []
    m.fit_bounds(display.view_bounds(codes, level, scale) if codes else
                 display.view_bounds([], level, scale))
    return m


def clicked_code(result: dict | None) -> str | None:
    """The region code of the last clicked feature in st_folium's result, if any."""
    if not result:
        return None
    feat = result.get("last_active_drawing") or {}
    code = (feat.get("properties") or {}).get("code") or feat.get("id")
    return code if isinstance(code, str) else None


def render(view: MapView, level: int, *, context: bool, tiles: bool) -> str | None:
    """Draw the map; return the code of a region the user has just clicked (else None)."""
    import streamlit as st
    from streamlit_folium import st_folium

    m = build(view, level, context=context, tiles=tiles)
    result = st_folium(m, key="map", height=MAP_HEIGHT, use_container_width=True,
                       returned_objects=RETURNED)
    code = clicked_code(result)
    if code and code != st.session_state.get("_map_last_click"):
        st.session_state["_map_last_click"] = code
        return code
    return None
