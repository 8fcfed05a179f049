"""Region profile charts."""

from __future__ import annotations

import altair as alt
import pandas as pd


def rii_line(series: pd.DataFrame) -> alt.Chart:
    """RII 2016-2023 of one region, with the unit each value comes from in the tooltip."""
    return alt.Chart(series).mark_line(point=True).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y("RII:Q", scale=alt.Scale(zero=False)),
        tooltip=["year", alt.Tooltip("RII:Q", format=".2f"), "from"],
    ).properties(height=260, width="container")
