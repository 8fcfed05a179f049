"""The choropleth map: folium + streamlit-folium, Leaflet and the geometry served locally.

How little a script run sends:

* The folium map's own script is the same for every view of a level: Leaflet (from
  ``static/vendor``), the client ``static/js/ie_map.js`` and a :class:`RegionLayer` that points
  the client at the level's geometry file (``static/geo/…<hash>.geojson``, see
  data/webassets.py). streamlit-folium keys the map on that script, so the iframe, the fetched
  geometry and the user's pan/zoom survive filter changes.
* The view itself (which regions, their class, tooltip fields, bounds) is a small lookup built
  and cached once per view in data/shared.py, sent through st_folium's ``feature_group_to_add``
  channel (:class:`ViewLookup`), which the component evaluates only when it changed.
* ``returned_objects=["last_active_drawing"]``: pan and zoom never rerun; a click on a region
  does, and :func:`clicked_code` reads the region from the clicked feature.

No CDN: folium's default JS/CSS (jQuery, Bootstrap, Leaflet from CDNs) are replaced by the
local Leaflet; the legend is drawn outside the map by Streamlit (components/legend.py).
"""

from __future__ import annotations

from urllib.parse import quote

import folium
from branca.element import MacroElement
from jinja2 import Template

from components import theme
from data import cache, webassets

ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
# The map runs in the streamlit-folium iframe at <base>/component/streamlit_folium.st_folium/
# so a relative path reaches <base>/app/static/ whatever the base URL path is.
STATIC_URL = f"../../{webassets.STATIC_ROUTE}"
MAP_HEIGHT = 600
RETURNED = ["last_active_drawing"]  # only a click on a region reruns the app
STYLE = {  # Leaflet path styles from the theme; fill colours come from the view's classes
    "region": {"fillOpacity": theme.FILL_OPACITY, "color": theme.STROKE, "weight": theme.STROKE_WIDTH,
               "dashArray": None},
    "noData": {"fillOpacity": theme.FILL_OPACITY, "color": theme.STROKE_NO_DATA, "weight": theme.STROKE_WIDTH,
               "dashArray": theme.DASH_NO_DATA},
    "highlight": dict(theme.HIGHLIGHT),
    "context": dict(theme.CONTEXT_STYLE),
}
HEADER_CSS = """<style>
.foliumtooltip { font-size: 15px; width: max-content; max-width: min(420px, 70vw); white-space: normal; }
.foliumtooltip table { margin: auto; }
.foliumtooltip tr { text-align: left; }
.foliumtooltip th { padding: 2px; padding-right: 8px; }
path.leaflet-interactive:focus { outline: none; }
path.leaflet-interactive:focus-visible { stroke: #000; stroke-width: 3px; }
</style>"""  # a clicked region shows the highlight only; a region reached by keyboard gets a heavy outline


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


class RegionLayer(MacroElement):
    """The region layer: ``IEMap.init(map, config)`` from static/js/ie_map.js."""

    _template = Template(
        "{% macro header(this, kwargs) %}{{ this.header_html }}{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "IEMap.init({{ this._parent.get_name() }}, {{ this.config|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, config: dict, header_html: str = ""):
        super().__init__()
        self._name = "RegionLayer"
        self.config = config
        self.header_html = header_html


class ViewLookup(MacroElement):
    """``IEMap.apply(<lookup>)``: the per-view part, sent as st_folium's feature-group script.

    ``lookup_js`` is script-safe JSON text (data.shared.map_layer); it is inserted as it is,
    never compiled as a template."""

    _template = Template("{% macro script(this, kwargs) %}IEMap.apply({{ this.lookup_js }});{% endmacro %}")

    def __init__(self, lookup_js: str):
        super().__init__()
        self._name = "ViewLookup"
        self.lookup_js = lookup_js

    def render(self, **kwargs) -> None:
        """Nothing to add to the figure: streamlit-folium reads the script macro directly."""


def _static(relpath: str) -> str:
    return f"{STATIC_URL}/{relpath}"


def build(level: int, *, tiles: bool = False) -> folium.Map:
    """The folium map for a level (the same for every view of that level)."""
    leaflet = _static("vendor/leaflet")
    geometry = _static(webassets.geometry_asset(level).relpath)
    m = folium.Map(location=[52, 12], zoom_start=4, tiles=None, control_scale=False,
                   zoom_snap=0.25, min_zoom=2)
    # the client first: it starts fetching the geometry while Leaflet loads
    client = _static(f"js/ie_map.js?v={webassets.client_js_version()}&geo={quote(geometry, safe='')}")
    m.default_js = [("ie_map", client), ("leaflet", f"{leaflet}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{leaflet}/leaflet.css")]
    if tiles:
        folium.TileLayer("CartoDB positron", name="Background").add_to(m)
    config = {
        "geometry": geometry,
        "context": _static(webassets.geometry_asset(webassets.CONTEXT_LEVEL, webassets.CONTEXT_SCALE).relpath),
        "style": STYLE,
    }
    RegionLayer(config, HEADER_CSS).add_to(m)
    Attribution(ATTRIBUTION).add_to(m)
    return m


def view_group(lookup_js: str) -> folium.FeatureGroup:
    """The per-view lookup wrapped as the feature group st_folium updates in place."""
    fg = folium.FeatureGroup(name="view", control=False)
    ViewLookup(lookup_js).add_to(fg)
    return fg


def clicked_code(result: dict | None) -> str | None:
    """The region code of the last clicked feature in st_folium's result, if any."""
    if not result:
        return None
    feat = result.get("last_active_drawing") or {}
    code = (feat.get("properties") or {}).get("code") or feat.get("id")
    return code if isinstance(code, str) else None


# Where the view's lookup goes in the prepared feature-group script (a JS comment, never in real JSON).
LOOKUP_SLOT = "/*ie:view-lookup*/"


@cache.resource
def prepared(level: int, tiles: bool) -> dict:
    """streamlit-folium's component arguments for a level's map, computed once per process.

    The same steps as ``st_folium`` (streamlit-folium 0.27.4, pinned): render the figure, take its
    HTML, header and script, key the component on the script, turn a feature group into the
    script that adds it, collect the CSS/JS links. The feature group holds :data:`LOOKUP_SLOT`
    instead of a view, so a run only puts the view's lookup in (:func:`render`): rendering the
    folium map (jinja templates, element ids) took a third of each run's time.
    tests/components/test_map.py checks these arguments against ``st_folium``'s own."""
    import streamlit_folium as sf

    m = build(level, tiles=tiles)
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    m_id = sf.get_full_id(m)
    feature_group = sf._get_feature_group_string(view_group(LOOKUP_SLOT), map=m, idx=0)
    css, js = [], []
    for elem in _walk(m):
        css += [href for _, href in getattr(elem, "default_css", [])]
        js += [src for _, src in getattr(elem, "default_js", [])]
    return {"script": script, "header": header, "html": html, "id": m_id,
            "key": sf.generate_js_hash(script, "map", False), "feature_group": feature_group,
            "css_links": list(dict.fromkeys(css)), "js_links": list(dict.fromkeys(js)),
            "default": {k: None for k in RETURNED}, "returned_objects": RETURNED}


def _walk(elem):
    yield elem
    for child in getattr(elem, "_children", {}).values():
        yield from _walk(child)


def component_args(lookup_js: str, level: int, *, tiles: bool, height: int = MAP_HEIGHT) -> dict:
    """The arguments of one run's map: the level's prepared map with this view's lookup."""
    p = prepared(level, tiles)
    return {**p, "feature_group": p["feature_group"].replace(LOOKUP_SLOT, lookup_js), "height": height,
            "width": None, "zoom": None, "center": None, "return_on_hover": False, "layer_control": None,
            "pixelated": False, "wrap_longitude": False}


def render(lookup_js: str, level: int, *, tiles: bool, height: int = MAP_HEIGHT) -> str | None:
    """Draw the map with a view's lookup; return the code of a region just clicked (else None)."""
    import streamlit as st
    import streamlit_folium as sf

    args = component_args(lookup_js, level, tiles=tiles, height=height)
    key = args["key"]

    def _on_change():  # as st_folium's: the latest result also under the widget's own key
        st.session_state["map"] = st.session_state.get(key, {})

    result = sf._component_func(**args, on_change=_on_change)
    code = clicked_code(result)
    if code and code != st.session_state.get("_map_last_click"):
        st.session_state["_map_last_click"] = code
        return code
    return None
