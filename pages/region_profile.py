"""Region profile: deep-linkable with ?region=CODE. Sections in :mod:`components.profile_sections`."""

import streamlit as st

from components import profile_sections as sections

s = sections.choose_region()
if s is None:
    st.stop()
sections.header(s)
sections.scores(s)
sections.rii_and_links(s)
sections.barrier_profile(s)
sections.context_facts(s)
