"""Side panel for the clicked region: value with its basis, links, and a deep link."""

from __future__ import annotations

import streamlit as st

from components import initiative_links
from components import state as S
from components.text import md
from data import links, model, profile
from data.views import MapView


def render(code: str | None, view: MapView) -> None:
    if not code:
        st.caption("Click a region on the map to see its details here.")
        return
    if code not in view.table.index:
        st.caption(f"Selected region {code} is not among the regions shown.")
        return
    row = view.table.loc[code]
    st.subheader(f"{md(row['name'])} ({code})")
    basis = row.get("basis")
    extra = f" — value of {row['value_code']} ({basis})" if isinstance(basis, str) and basis != "region" else ""
    st.markdown(f"**{view.title}:** {row['value_text']}{extra}")
    st.markdown(links.tooltip_counts(row))
    st.caption(links.rule_text("regional"))
    if isinstance(row.get("ris_group"), str):
        st.markdown(f"RIS 2023 group: **{md(row['ris_group'])}**")
    linked = model.initiatives_for(code, S.current().selection())
    if len(linked):
        show = initiative_links.with_profile(linked)[["short_name", "profile", "tier", "link"]]
        show = show.assign(link=links.kind_frame(show["link"])).rename(
            columns={"short_name": "initiative", "link": "link kind"})
        st.dataframe(show, hide_index=True, height=min(35 * len(show) + 38, 260),
                     column_config={"profile": initiative_links.PROFILE_COLUMN})
    named = profile.participants_in(code, S.current().selection())
    if len(named):
        with st.expander(f"Named participants located here ({len(named)})"):
            st.dataframe(named[["participant_name", "short_name", "place_code", "confidence", "nuts_method"]],
                         hide_index=True, height=min(35 * len(named) + 38, 260))
    st.page_link("pages/region_profile.py", label="Open region profile →", icon=":material/location_on:",
                 query_params=S.encode(S.current().replace(region=code)))
