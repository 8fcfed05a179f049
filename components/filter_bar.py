"""The shared filter bar (sidebar). Widgets are views of the canonical state in
:mod:`components.state`: each is seeded from the state when drawn and writes back through a
callback, so a page switch or a shared link never loses a filter.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import state as S
from components.text import isolate, md
from data import geodata, scores, tables, vocab
from data.tables import slug


def bind(widget: Callable, field: str, key: str, to_widget=lambda v: v, from_widget=lambda v: v, **kw):
    """Draw ``widget`` bound to ViewState.``field``."""
    value = to_widget(getattr(S.current(), field))
    if st.session_state.get(key) != value:
        st.session_state[key] = value

    def _changed():
        # a late widget event from a page the session has left (fast clicks, a slow link) finds no
        # value any more: nothing to apply, and no traceback (found by bench/bench_soak.py)
        if key in st.session_state:
            S.update(**{field: from_widget(st.session_state[key])})

    return widget(key=key, on_change=_changed, **kw)


def _tuple(v) -> tuple:
    return tuple(sorted(v or ()))


def countries() -> list[str]:
    names = geodata.country_names()
    return sorted(names, key=lambda c: names[c])


def draw_filters() -> None:
    ini = tables.initiatives()
    names = geodata.country_names()
    chain_labels = {slug(c): c for c in vocab.VALUE_CHAINS}
    chain_counts = ini["chain_id"].value_counts()
    st.sidebar.header("Filters")
    bind(st.sidebar.multiselect, "countries", "w_country", list, _tuple,
         label="Countries", options=countries(), format_func=lambda c: f"{isolate(names.get(c, c))} ({c})",
         placeholder="All countries")
    bind(st.sidebar.multiselect, "chains", "w_chain", list, _tuple,
         label="Value chains", options=list(chain_labels),
         format_func=lambda c: f"{chain_labels[c]} ({chain_counts.get(c, 0)})",
         placeholder="All value chains")
    bind(st.sidebar.segmented_control, "tier", "w_tier", label="Tier", options=list(S.TIERS),
         format_func={"both": "Both tiers", "1": "Tier 1", "2": "Tier 2"}.get, required=True)
    with st.sidebar.expander("More filters", expanded=bool(
            S.current().ecosystems or S.current().types or S.current().initiatives or S.current().groups)):
        bind(st.multiselect, "ecosystems", "w_eco", list, _tuple, label="Industrial ecosystems",
             options=[slug(e) for e in vocab.ECOSYSTEMS],
             format_func={slug(e): e for e in vocab.ECOSYSTEMS}.get, placeholder="All ecosystems")
        bind(st.multiselect, "types", "w_type", list, _tuple, label="Initiative types",
             options=[slug(t) for t in vocab.TYPES],
             format_func={slug(t): t for t in vocab.TYPES}.get, placeholder="All types")
        labels = dict(zip(ini["initiative_id"], ini["short_name"].map(isolate) + " · " + ini["type"], strict=True))
        bind(st.multiselect, "initiatives", "w_init", list, _tuple, label="Initiatives (type to search)",
             options=sorted(labels, key=labels.get), format_func=labels.get, placeholder="All initiatives")
        for iid in S.current().initiatives[:3]:  # each chosen initiative links to its profile
            st.page_link("pages/initiative_profile.py", label=f"Profile: {md(labels[iid])}", icon=":material/hub:",
                         query_params=S.encode(S.current().replace(initiatives=(iid,))))
        bind(st.multiselect, "groups", "w_group", list, _tuple,
             label="RIS 2023 performance group (regions)", options=list(S.GROUP_SLUGS),
             format_func=S.GROUP_SLUGS.get, placeholder="All groups")
    bind(st.sidebar.toggle, "scope", "w_scope", lambda v: v == "all", lambda on: "all" if on else "eu",
         label="Include EEA/EFTA and candidate countries",
         help="Off (default): only the 27 EU member states are analysed; regions of other NUTS countries are "
              "drawn as “Outside the scope” and not counted. On: every NUTS country is counted.")
    if not S.current().selection().is_default():
        st.sidebar.button("Clear filters", on_click=lambda: S.update(
            countries=(), chains=(), ecosystems=(), tier="both", types=(), initiatives=(), groups=(),
            scope="eu"))


def draw_level() -> None:
    bind(st.sidebar.select_slider, "level", "w_level", label="Regions", options=list(S.LEVELS),
         format_func={0: "Countries", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}.get)


def draw_view_settings() -> None:
    cur = S.current()
    st.sidebar.header("View")
    draw_level()
    from components import userdata

    ud = userdata.current()
    metrics = [m for m in S.METRICS if m != "yours" or (ud is not None and not ud.scores.empty)
               or cur.metric == "yours"]
    bind(st.sidebar.selectbox, "metric", "w_metric", label="Map shows", options=metrics,
         format_func=S.METRICS.get)
    score = scores.SCORES.get(cur.metric)
    if score and score.years:
        bind(st.sidebar.select_slider, "year", "w_year", lambda v: v or score.default_year,
             lambda v: None if v == score.default_year else v, label="Year", options=list(score.years))
    numeric = cur.metric != "profile" and not (score and score.kind == "categorical")
    if numeric:
        bind(st.sidebar.selectbox, "scheme", "w_scheme", label="Classification",
             options=list(S.SCHEMES), format_func=S.SCHEMES.get)
        bind(st.sidebar.slider, "k", "w_k", label="Classes", min_value=min(S.K_RANGE),
             max_value=max(S.K_RANGE))
    bind(st.sidebar.toggle, "tiles", "w_tiles", label="Background map tiles (needs internet)")
