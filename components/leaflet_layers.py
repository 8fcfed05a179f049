"""Leaflet pieces for the point-and-line maps (components/place_map.py): the local Leaflet
files, and a GeoJSON layer written as plain JS with its data serialised once.

The choropleth (components/map.py) needs none of this: it fetches its geometry as a static
asset and styles it in the browser (static/js/ie_map.js).
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from jinja2 import Template

from components.map import STATIC_URL

LEAFLET_JS = [("leaflet", f"{STATIC_URL}/vendor/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/vendor/leaflet/leaflet.css")]
# Browsers draw a focus rectangle around a clicked SVG path; the highlight style is enough.
FOCUS_CSS = "<style>path.leaflet-interactive:focus{outline:none}</style>"
TOOLTIP_CSS = """<style>
.foliumtooltip { font-size: 15px; max-width: 340px; white-space: normal; }
.foliumtooltip table { margin: auto; }
.foliumtooltip tr { text-align: left; }
.foliumtooltip th { padding: 2px; padding-right: 8px; }
</style>"""


def _js(obj: object) -> str:
    """Compact JSON that is safe inside an HTML <script> (same escaping as jinja's tojson)."""
    return (json.dumps(obj, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))



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
                   f'{{"sticky": true, "className": "foliumtooltip"}});\n')
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

