"""Altair charts, grouped by job, readable on a projector.

Fonts are 14 px or more, colours come from :mod:`components.theme`, every mark has a
tooltip. Chart functions take frames built in ``data/`` and compute nothing a caption needs;
:func:`render` gives each chart its alt text (the caption computed for it).
"""

from __future__ import annotations

import altair as alt

from components import theme
from data import cache

FONT = theme.CHART_FONT
TITLE = theme.CHART_TITLE

# Altair validates every schema object as it is built ("debug mode", for friendlier tracebacks):
# ~15 % of a new Divide view's CPU (py-spy). Like the spec (see _styled_spec), it is validated by
# the page tests instead (tests/pages/support.assert_valid_charts checks every rendered chart).
alt.utils.schemapi.disable_debug_mode()


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Projector-readable fonts for every axis, legend, title and header."""
    return (chart
            .configure_axis(labelFontSize=FONT, titleFontSize=FONT + 1, labelLimit=320, titleFontWeight="normal")
            .configure_legend(labelFontSize=FONT, titleFontSize=FONT, labelLimit=320, orient="bottom",
                              direction="horizontal")
            .configure_title(fontSize=TITLE, anchor="start", fontWeight="bold", subtitleFontSize=FONT)
            .configure_header(labelFontSize=FONT, titleFontSize=FONT)
            .configure_view(strokeWidth=0))


def with_alt(chart: alt.TopLevelMixin, alt_text: str) -> alt.TopLevelMixin:
    """Set the chart's description, which vega-embed exposes as the chart's aria-label."""
    return chart.properties(description=alt_text[:1000]) if alt_text else chart


CHART_SOURCE = ("Innovation Everywhere: participation compiled from public sources (partial member lists); "
                "innovation scores RIS 2023 / EIS 2023, © European Union")


def render(chart, alt_text: str, width: str = "stretch", source: str = CHART_SOURCE,
           key: tuple | None = None) -> None:
    """Draw a styled chart with its alt text, and PNG / SVG downloads carrying its source line.

    ``chart`` is an altair chart or, with ``key``, a function that builds one: then the chart is
    built and turned into its Vega-Lite spec once per key and process (altair's construction,
    copies and schema validation were most of the Divide page's run time). The key must name
    everything the chart shows; the Divide page passes the view's URL parameters."""
    import copy

    import streamlit as st

    from components import downloads

    if key is None:
        spec = _styled_spec(chart, alt_text)
        wire = spec
    else:
        spec, wire = _cached_spec(key, alt_text, _build=chart)
    st.vega_lite_chart(copy.deepcopy(wire), width=width)  # Streamlit edits the spec it is given
    downloads.chart_downloads(spec, _title(spec) or "chart", source, identity=alt_text)


def _styled_spec(chart: alt.TopLevelMixin, alt_text: str) -> dict:
    """``style(with_alt(chart, alt_text)).to_dict()`` for less: the style and the alt text are
    merged into the spec dict (each altair ``configure_*``/``properties`` call deep-copies and
    validates the whole chart), and the spec is not validated here. The page tests validate every
    spec they render (tests/pages/support.py), and tests/components/test_charts.py checks that
    this equals the altair way."""
    spec = chart.to_dict(validate=False)
    spec["config"] = {**spec.get("config", {}), **_style_config()}  # as configure_*: each block replaced
    if alt_text:
        spec["description"] = alt_text[:1000]
    return spec


@cache.resource
def _style_config() -> dict:
    """The ``config`` block that :func:`style` adds."""
    return style(alt.Chart().mark_point()).to_dict(validate=False)["config"]


@cache.resource(max_entries=1024)
def _cached_spec(key: tuple, alt_text: str, _build) -> tuple[dict, dict]:
    """The spec of ``_build()`` and the same spec as Streamlit sends it, once per key and alt text
    (``_build`` is not part of the key)."""
    spec = _styled_spec(_build(), alt_text)
    return spec, _wire_spec(spec)


def _wire_spec(spec: dict) -> dict:
    """``spec`` with its datasets already in Arrow IPC bytes, as ``st.vega_lite_chart`` converts
    them on every call (it passes bytes on as they are). A cached chart then costs a run no
    conversion: that was a fifth of a Divide run seen before (py-spy, a room of 20)."""
    from streamlit import dataframe_util
    from streamlit.elements.vega_charts import _is_geojson_or_topojson_payload  # Streamlit is pinned

    if not spec.get("datasets"):
        return spec
    return {**spec, "datasets": {name: rows if _is_geojson_or_topojson_payload(rows)  # stays JSON, as Streamlit does
                                 else dataframe_util.convert_anything_to_arrow_bytes(rows)
                                 for name, rows in spec["datasets"].items()}}


def _title(chart) -> str:
    """The chart's title text, from an altair chart or a Vega-Lite spec."""
    t = chart.get("title") if isinstance(chart, dict) else getattr(chart, "title", None)
    t = t.get("text") if isinstance(t, dict) else getattr(t, "text", t)
    return t if isinstance(t, str) else ""


def pct_axis(title: str) -> alt.Axis:
    return alt.Axis(format="%", title=title, tickCount=5, grid=True)
