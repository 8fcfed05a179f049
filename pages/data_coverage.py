"""Data & coverage: what the app knows, from where, and what is missing."""

import streamlit as st

from components import downloads, userdata
from data import check, sources, tables
from data.views import PARTICIPATION_EDITION

st.title("Data & coverage")
st.markdown(
    "Every figure in this app comes from a public source and keeps its source URL. "
    "Unknown values are shown as **no data**, never as zero. Participation: "
    f"{PARTICIPATION_EDITION}. Member lists of many initiatives are incomplete, so a region with "
    "no recorded link is not proven absent."
)

CHECK = {"edition": f"Participation: {PARTICIPATION_EDITION}. Scores and context: data/derived/sources.csv",
         "source": "Innovation Everywhere data check (python -m data.check) on the tables this app loaded"}


def table(df, name: str, **kw) -> None:
    downloads.table(df, f"data {name}", key=f"dl_{name.replace(' ', '_')}", **CHECK, **kw)


st.subheader("Bring your own data")
userdata.render_upload()

st.subheader("Curated tables")
table(check.table_rows(), "tables", hide_index=True)
joined, uncoded = check.participation_join()
rate = joined["nuts2021"].notna().mean() if len(joined) else 1.0
c1, c2, c3 = st.columns(3)
c1.metric("Participation rows with a place", len(joined))
c2.metric("Joined to NUTS 2021", f"{rate:.1%}")
c3.metric("Rows with no place in the source", len(uncoded))
st.markdown("**IPCEIs: named direct participants vs the official count** (before and after the second pass)")
table(check.ipcei_coverage(), "ipcei coverage", hide_index=True)
st.markdown("**Tier 2 per type** (before and after the second pass) and **rows by confidence**")
table(check.tier2_coverage(), "tier2 coverage", hide_index=True)
table(check.confidence_counts(), "confidence")

st.subheader("Innovation scores")
st.markdown(
    "- **RIS 2023** (primary): Regional Innovation Index 2016–2023 and official performance groups, "
    "239 regions at NUTS 2, NUTS 1 (FR, UK, AT, BE, parts of DE, ES, PT, EL, FI) or country level "
    "(CY, EE, LU, LV, MT). A NUTS 2 map reuses the NUTS 1 or country value, flagged.\n"
    "- **EIS 2023**: national Summary Innovation Index and groups.\n"
    "- **RIS 2019** (partial, 180 regions, NUTS 2016 codes) and **Eurostat** R&D/HRST indicators "
    "(2020 extract, mostly 2013–2018 data) as alternatives."
)
table(check.score_join(), "score join", hide_index=True)
with st.expander("RIS 2023 coverage of NUTS 2 regions per country"):
    table(check.score_coverage_by_country(), "score coverage by country")

st.subheader("Where the data comes from")
st.markdown("Scores and context layers are the project's own tables in `data/derived/`, built from the "
            "sources below; only the GISCO geometries are loaded from outside (cache → mirror → download).")
table(tables.sources_meta().reset_index()[["source", "title", "edition", "coverage", "licence", "official_page"]],
      "sources", hide_index=True, column_config={"official_page": st.column_config.LinkColumn("official page")})
table(sources.status(), "files", hide_index=True)
st.caption(f"Cache: {sources.cache_dir()} · Mirror: {sources.mirror_dir()} · Download: {sources.gisco_base()} "
           "(set INNOV_CACHE / INNOV_MIRROR / INNOV_GISCO_URL).")

st.subheader("Licences and attribution")
st.markdown(
    "- Administrative boundaries: Eurostat GISCO, NUTS 2021. © EuroGeographics for the administrative boundaries.\n"
    "- Regional and European Innovation Scoreboards: © European Union (European Commission, DG RTD).\n"
    "- Eurostat regional statistics: © European Union, Eurostat.\n"
    "- Participation tables: compiled by the project from the public pages cited on every row."
)
