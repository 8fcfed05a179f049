"""The region profile's sections: each reads the state, calls data/ and renders."""

from __future__ import annotations

import streamlit as st

from components import charts, downloads, initiative_links, share, state
from components.charts import barriers as barrier_charts
from components.charts import profile as profile_charts
from components.text import isolate, md
from data import barriers, context, geodata, links, model, profile
from data import context_groups as cgroups

INFO = ":material/info:"
SCORE_SOURCE = "RIS 2023, EIS 2023 (© European Union, European Commission); Eurostat (© European Union)"


def choose_region(title: str = "Region profile", hint: str = "Choose a region above, or click one on the map.",
                  suggest: bool = False) -> state.ViewState | None:
    """The region picker (shared by the region profile and the connection finder); None (after a
    hint, or close matches for a region code from the URL when ``suggest``) when none is chosen."""
    s = state.current()
    reg = geodata.registry()
    labels = {c: f"{isolate(reg.at[c, 'name'])} ({c})" for c in reg.index}
    st.title(title)
    choice = st.selectbox("Region (type to search)", options=list(labels), format_func=labels.get,
                          index=list(labels).index(s.region) if s.region in labels else None,
                          placeholder="Choose a region or country")
    if choice != s.region:
        s = state.update(region=choice)
    if not s.region:
        from components import not_found

        if not (suggest and not_found.render("region or country", state.rejected("region"), ("region", "country"))):
            st.info(hint, icon=INFO)
        return None
    return s


def header(s: state.ViewState) -> None:
    h = profile.header(s.region)
    head, link = st.columns([4, 1], vertical_alignment="bottom")
    head.header(f"{md(h['name'])} ({h['code']})")
    with link:
        share.render()
    st.caption(f"NUTS level {h['level']}" + (f" · within {md(h['within'])}" if h["within"] else ""))
    st.page_link("pages/map_explorer.py", label="Back to the map", icon=":material/map:",
                 query_params=state.encode(s))
    st.page_link("pages/connection_finder.py", label="Tier 1 connection points for this region",
                 icon=":material/hub:", query_params=state.encode(s))


def scores(s: state.ViewState) -> None:
    st.subheader("Innovation scores")
    table = profile.score_rows(s.region)
    downloads.table(table, f"region {s.region} scores", key="dl_scores", edition="as on each row",
                    source=SCORE_SOURCE, hide_index=True, height=36 * (len(table) + 1) + 4,
                    column_order=["indicator", "value", "basis", "year", "edition", "unit"])
    st.caption("“parent region”, “same territory”, “country” and “predecessor code” mark values "
               "published for a larger or older unit; “no data” is unknown, not zero.")


def rii_and_links(s: state.ViewState) -> None:
    left, right = st.columns([1, 1])
    with left:
        st.subheader("Regional Innovation Index 2016–2023")
        series = profile.rii_series(s.region)
        if series.empty:
            st.info("RIS 2023 has no value for this region or any unit containing it.", icon=INFO)
        else:
            cap = (f"RIS 2023 database, index EU27 2016 = 100; values of {', '.join(sorted(set(series['from'])))}; "
                   f"2016 {series['RII'].iloc[0]:.1f}, {int(series['year'].iloc[-1])} {series['RII'].iloc[-1]:.1f}.")
            charts.render(lambda: profile_charts.rii_line(series), cap, key=("profile rii", s.region))
            st.caption(cap)
    with right:
        st.subheader("Initiatives linked to this region")
        linked = model.initiatives_for(s.region, s.selection())
        if linked.empty:
            st.info("No participation recorded for this region under the current filters "
                    "(the compilation is partial: absence here is not proof of absence).", icon=INFO)
        else:
            shown = initiative_links.with_profile(linked.assign(link=links.kind_frame(linked["link"])))
            cols = ["short_name", "tier", "link", "type", "value_chain", "source_url"]
            downloads.table(shown[["short_name", "profile", *cols[1:]]], f"region {s.region} initiatives",
                            key="dl_linked", export=shown[cols], **downloads.PARTICIPATION, hide_index=True,
                            column_config={"source_url": st.column_config.LinkColumn("source"),
                                           "profile": initiative_links.PROFILE_COLUMN})
            st.caption(links.rule_text("regional") + " National membership and associated roles are listed with "
                       "their kind.")
    named = profile.participants_in(s.region, s.selection())
    if len(named):
        st.subheader("Named participants and partners located here")
        downloads.table(named, f"region {s.region} participants", key="dl_named", **downloads.PARTICIPATION,
                        hide_index=True, column_config={"source_url": st.column_config.LinkColumn("source")})


def indicators_or_notice():
    """The RIS 2023 indicator table, or None after a notice saying why the section is off."""
    try:
        ind = barriers.indicators()
    except (OSError, ValueError) as exc:
        st.info(f"The RIS 2023 indicator scores could not be loaded: {exc}", icon=INFO)
        return None
    if ind.empty:
        st.info("The RIS 2023 indicator table is not available, so this section is off.", icon=INFO)
        return None
    return ind


def barrier_profile(s: state.ViewState) -> None:
    st.subheader("What holds the region back: the 21 RIS 2023 indicators")
    unit, basis = profile.ris_unit(s.region)
    if unit is None:
        st.info("RIS 2023 publishes no indicator scores for this region or any unit containing it "
                "(RIS never aggregates smaller regions up).", icon=INFO)
        return
    ind = indicators_or_notice()
    if ind is None:
        return
    p = barriers.region_profile(ind, unit, profile.ris_groups())
    if p is None:
        st.info(f"The RIS 2023 indicator table has no scores for {unit}.", icon=INFO)
        return
    edition = str(ind["edition"].iloc[0])
    scale = str(ind["unit"].iloc[0])
    cap = barriers.caption_profile(p, "Scores", basis, edition, scale)
    if p.weaknesses:
        st.markdown(f"**Weakest relative to its group:** {', '.join(p.weaknesses)}  \n"
                    f"**Strongest relative to its group:** {', '.join(p.strengths)}")
    title = f"Indicator scores {p.year}, weakest relative to the group first"
    charts.render(lambda: barrier_charts.profile_chart(p.table, title), cap, key=("profile barriers", s.region))
    st.caption(cap)
    with st.expander("Table: every indicator, 2016–2023"):
        for key, name, df in (("dl_ind_series", "indicators 2016-2023", barriers.series(ind, unit)),
                              ("dl_ind_medians", "indicators vs medians", p.table)):
            downloads.table(df, f"region {s.region} {name}", key=key, edition=edition, source=SCORE_SOURCE,
                            hide_index=True)


def context_facts(s: state.ViewState) -> None:
    st.subheader("Context: GDP, widening, cohesion, innovation valleys")
    try:
        layers = {k: f() for k, f in context.LAYERS.items()}
    except (OSError, ValueError) as exc:
        st.info(f"The context tables could not be loaded: {exc}", icon=INFO)
        return
    h = profile.header(s.region)
    facts = cgroups.region_facts(s.region, h["country"], layers)
    downloads.table(facts, f"region {s.region} context", key="dl_context", edition="as on each row",
                    source="Eurostat; European Commission (widening, cohesion, RIV, PRI): see the Data page",
                    hide_index=True, column_config={"coverage": st.column_config.TextColumn(width="large")})
    st.caption("Partial lists stay partial: “not in the compiled list (unknown)” is not a no. "
               + " ".join(f"{r.context}: {r.coverage}." for r in facts.itertuples()
                          if r.coverage.startswith("partial")))
