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


def render(chart: alt.TopLevelMixin, alt_text: str, width: str = "stretch") -> None:
    """Draw a styled chart with its alt text."""
    import streamlit as st

    st.altair_chart(style(with_alt(chart, alt_text)), width=width)


def pct_axis(title: str) -> alt.Axis:
    return alt.Axis(format="%", title=title, tickCount=5, grid=True)
