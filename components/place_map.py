"""Point-and-line maps (initiative places, network links) drawn offline.

Same offline setup as the choropleth (components/map.py): folium asks only for the Leaflet JS
and CSS vendored into static/, no tile layer, the EuroGeographics attribution on the map, and
st_folium returns nothing on pan or zoom (``returned_objects=[]``), so moving the map never
reruns the app. Places sit at the GISCO label points of their NUTS units (data/sources.py loads
them: cache -> mirror -> download). Every name reaches Leaflet HTML-escaped.
"""

from __future__ import annotations

import html
import json

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from components import theme
from components.leaflet_layers import FOCUS_CSS, LEAFLET_CSS, LEAFLET_JS, GeoJsonLayer
from components.map import ATTRIBUTION, Attribution
from data import geodata

HEIGHT = 520
MEMBER_FILL = "#cfe3f3"
KIND_STYLE = {  # map point kinds (data/initiative.py places): sites filled, HQs hollow
    "site": {"color": theme.OKABE_ITO["vermillion"], "fill": True, "label": "project site"},
    "hq": {"color": "#333333", "fill": False, "label": "head office only (not a project site)"},
    "region": {"color": theme.OKABE_ITO["orange"], "fill": True, "label": "partner region (label point)"},
}
EDGE_COLOURS = {**theme.TIER_COLOURS, "Both tiers": theme.PROFILE_COLOURS["Both tiers"]}


def _json(obj: object) -> str:
    """JSON safe inside an HTML <script> (the escaping of jinja's tojson)."""
    return (json.dumps(obj, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


class PointLayer(MacroElement):
    """Circle markers written as one JS loop over their data (a folium element per marker goes
    through jinja once each). ``points``: dicts with lat, lon, tip (HTML, already escaped) and
    ``o``, the Leaflet path options."""

    _template = Template("{% macro script(this, kwargs) %}(function () { var pts = {{ this.data }}; "
                         "pts.forEach(function (p) { L.circleMarker([p.lat, p.lon], p.o)"
                         ".bindTooltip(p.tip, {sticky: true}).addTo({{ this._parent.get_name() }}); }); })();"
                         "{% endmacro %}")

    def __init__(self, points: list[dict]):
        super().__init__()
        self._name = "PointLayer"
        self.data = _json(points)


def _base() -> folium.Map:
    m = folium.Map(location=[50, 12], zoom_start=4, tiles=None, control_scale=False, zoom_snap=0.25, min_zoom=2)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    Attribution(ATTRIBUTION).add_to(m)
    m.get_root().header.add_child(folium.Element(FOCUS_CSS))
    return m


def _countries(m: folium.Map, fill: dict[str, str]) -> None:
    """All countries in the context grey; those in ``fill`` (code -> tooltip text) coloured."""
    geoms = geodata.geometries(0, "60M")
    feats = [(c, {"tip": html.escape(fill[c]) if c in fill else "", "on": c in fill}, json.dumps(g))
             for c, g in geoms.items()]

    def style(f):
        on = f["properties"]["on"]
        return {"fillColor": MEMBER_FILL if on else theme.OUTSIDE_SCOPE_COLOUR, "fillOpacity": 1,
                "color": "#8a8a8a", "weight": 0.6}

    GeoJsonLayer(feats, style, tooltip="tip" if fill else None, interactive=bool(fill)).add_to(m)


def _fit(m: folium.Map, lons: pd.Series, lats: pd.Series, codes: list[str]) -> None:
    if len(lons):
        pad = 1.0
        m.fit_bounds([[float(lats.min()) - pad, float(lons.min()) - pad],
                      [float(lats.max()) + pad, float(lons.max()) + pad]])
    else:
        m.fit_bounds(geodata.view_bounds(codes, 0, "60M"))


def initiative_map(countries: dict[str, str], places: pd.DataFrame) -> folium.Map:
    """Member countries filled (``countries``: code -> role text) and the named places as points."""
    m = _base()
    _countries(m, countries)
    pts = []
    for p in places.itertuples():
        st_ = KIND_STYLE.get(p.kind, KIND_STYLE["site"])
        tip = f"<b>{html.escape(str(p.name))} ({html.escape(p.code)})</b><br>{html.escape(st_['label'])}"
        if p.label:
            tip += f"<br>{html.escape(str(p.label))}"
        o = {"radius": 5 + min(int(p.n), 6), "color": st_["color"], "weight": 2.5, "fill": st_["fill"]}
        if st_["fill"]:
            o |= {"fillColor": st_["color"], "fillOpacity": 0.85}
        pts.append({"lat": float(p.lat), "lon": float(p.lon), "tip": tip, "o": o})
    PointLayer(pts).add_to(m)
    _fit(m, places["lon"], places["lat"], list(countries))
    return m


def network_map(nodes: pd.DataFrame, edges: pd.DataFrame, max_edges: int) -> folium.Map:
    """Links between places (label points), line width by shared initiatives, colour by tier."""
    m = _base()
    _countries(m, {})
    top = edges.head(max_edges).iloc[::-1]  # strongest drawn last, on top
    wmax = max(int(top["weight"].max()), 1) if len(top) else 1
    a, b = nodes.loc[top["a"], ["name", "lon", "lat"]], nodes.loc[top["b"], ["name", "lon", "lat"]]
    feats = []
    for i, (w, t1, t2, tier, (na, xa, ya), (nb, xb, yb)) in enumerate(zip(
            top["weight"], top["t1"], top["t2"], top["tier_class"], a.itertuples(index=False),
            b.itertuples(index=False), strict=True)):
        tip = f"{html.escape(na)} – {html.escape(nb)}: {int(w)} shared (Tier 1: {int(t1)}, Tier 2: {int(t2)})"
        line = f'{{"type":"LineString","coordinates":[[{xa},{ya}],[{xb},{yb}]]}}'
        feats.append((f"e{i}", {"tip": tip, "tier": tier, "w": round(1 + 6 * w / wmax, 1)}, line))

    def style(f):  # one layer, its data serialised once (much faster than a folium element per line)
        p = f["properties"]
        return {"color": EDGE_COLOURS[p["tier"]], "weight": p["w"], "opacity": 0.55}

    if feats:
        GeoJsonLayer(feats, style, highlight={"opacity": 1.0, "color": "#000000"}, tooltip="tip").add_to(m)
    smax = max(float(nodes["strength"].max()), 1.0) if len(nodes) else 1.0
    pts = []
    for code, name, lon, lat, strength, partners, inits in zip(
            nodes.index, nodes["name"], nodes["lon"], nodes["lat"], nodes["strength"], nodes["partners"],
            nodes["initiatives"], strict=True):
        tip = (f"<b>{html.escape(str(name))} ({html.escape(code)})</b><br>{int(partners)} partners · "
               f"{int(inits)} initiatives")
        o = {"radius": round(3 + 9 * (strength / smax) ** 0.5, 1), "color": "#222222", "weight": 1,
             "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.95}
        pts.append({"lat": float(lat), "lon": float(lon), "tip": tip, "o": o})
    PointLayer(pts).add_to(m)
    _fit(m, nodes["lon"], nodes["lat"], [])
    return m


def show(m: folium.Map, key: str, height: int = HEIGHT) -> None:
    import streamlit as st
    from streamlit_folium import st_folium

    st_folium(m, key=key, height=height, use_container_width=True, returned_objects=[])
    st.caption(ATTRIBUTION + " · points at Eurostat GISCO NUTS 2021 label points")
