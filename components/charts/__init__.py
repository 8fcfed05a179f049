"""Altair charts, grouped by job, readable on a projector.

Fonts are 14 px or more, colours come from :mod:`components.theme`, every mark has a
tooltip. Chart functions take frames built in ``data/`` and compute nothing a caption needs;
:func:`render` gives each chart its alt text (the caption computed for it).
"""

from __future__ import annotations

import altair as alt

from components import theme

FONT = theme.CHART_FONT
TITLE = theme.CHART_TITLE


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


def render(chart: alt.TopLevelMixin, alt_text: str, width: str = "stretch", source: str = CHART_SOURCE) -> None:
    """Draw a styled chart with its alt text, and PNG / SVG downloads carrying its source line."""
    import streamlit as st

    styled = style(with_alt(chart, alt_text))
    st.altair_chart(styled, width=width)
    from components import downloads

    downloads.chart_downloads(styled, _title(styled) or "chart", source, identity=alt_text)


def _title(chart: alt.TopLevelMixin) -> str:
    t = getattr(chart, "title", None)
    t = getattr(t, "text", t)
    return t if isinstance(t, str) else ""


def pct_axis(title: str) -> alt.Axis:
    return alt.Axis(format="%", title=title, tickCount=5, grid=True)
