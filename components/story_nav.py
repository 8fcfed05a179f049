"""Stories on the map page: the step's view applied to the state, its caption, next/previous
(buttons and the Left/Right arrow keys), the list of stories and the "story from links" builder.

A story lives in the URL (``?story=<id>&step=<n>``, plus ``links=`` for a story built from
links), so every step is itself a shareable link.
"""

from __future__ import annotations

import html

import streamlit as st

from components import popover, share
from components import state as S
from data import geodata, model, stories, tables

_APPLIED = "story_applied"


def _step_state(story: stories.Story, n: int, cur: S.ViewState) -> tuple[S.ViewState, list[str]]:
    vs, notes = S.parse(stories.query_params(story.steps[n - 1].view))
    keep = {"story": cur.story, "step": n, "links": cur.links, "present": cur.present}
    return vs.replace(**keep), [f"Step {n}: {m}" for m in notes]


def active() -> stories.Story | None:
    s = S.current()
    return stories.get(s.story, s.links) if s.story else None


def apply_step() -> None:
    """When the URL names a story step not yet applied in this session, show that step's view."""
    s = S.current()
    if not s.story:
        st.session_state.pop(_APPLIED, None)
        return
    story = active()
    if story is None:
        S.replace_state(s.replace(story=None, step=1, links=None),
                        ["Ignored the story: its link is incomplete or broken."])
        return
    n = min(max(s.step, 1), len(story.steps))
    key = (s.story, n, s.links)
    if st.session_state.get(_APPLIED) != key:
        st.session_state[_APPLIED] = key
        S.replace_state(*_step_state(story, n, s))


def go(n: int) -> None:
    s = S.current()
    story = active()
    if story is None:
        return
    n = min(max(n, 1), len(story.steps))
    st.session_state[_APPLIED] = (s.story, n, s.links)
    S.replace_state(*_step_state(story, n, s))


def start(story_id: str, links: str | None = None) -> None:
    S.replace_state(S.current().replace(story=story_id, step=1, links=links))
    st.session_state.pop(_APPLIED, None)
    apply_step()


def stop() -> None:
    st.session_state.pop(_APPLIED, None)
    S.replace_state(S.current().replace(story=None, step=1, links=None))


def caption_for(story: stories.Story, n: int, view) -> str:
    s = S.current()
    n_ini = len(model.selected_initiatives(tables.initiatives(), s.selection()))
    facts = stories.facts(view, s.level, geodata.country_names(), n_ini)
    return stories.caption(story.steps[n - 1].caption, facts)


def render_bar(view) -> None:
    """The story's heading, computed caption and navigation (nothing when no story is on)."""
    story = active()
    if story is None:
        return
    s = S.current()
    n = min(s.step, len(story.steps))
    step = story.steps[n - 1]
    with st.container(key="ie-story"):
        text, nav = st.columns([3, 2], vertical_alignment="center")
        text.html(f'<div class="ie-story-head"><b>{html.escape(story.title)}</b> · step {n} of '
                  f"{len(story.steps)}: {html.escape(step.title)}</div>"
                  f'<div class="ie-story-caption">{html.escape(caption_for(story, n, view))}</div>')
        with nav, st.container(horizontal=True, horizontal_alignment="right", wrap=False):
            st.button("Previous", icon=":material/arrow_back:", disabled=n <= 1, on_click=go, args=(n - 1,),
                      shortcut="Left", key="story_prev")
            st.button("Next", icon=":material/arrow_forward:", disabled=n >= len(story.steps), on_click=go,
                      args=(n + 1,), shortcut="Right", key="story_next", type="primary")
            st.button("Exit", icon=":material/close:", on_click=stop, key="story_exit")


def render_menu() -> None:
    """A popover listing the stories, presentation mode, and the builder."""
    menu = popover.lazy("Stories", "pop_stories", icon=":material/slideshow:")
    if menu is None:
        return
    with menu:
        try:
            all_stories = stories.load()
        except (OSError, stories.StoryFileError) as exc:
            st.error(f"The stories file cannot be read: {exc}")
            all_stories = {}
        for sid, story in all_stories.items():
            st.button(story.title, key=f"story_start_{sid}", on_click=start, args=(sid,), help=story.claim,
                      width="stretch")
        cur = S.current()
        st.button("Presentation mode: off" if cur.present else "Presentation mode (large, high contrast)",
                  icon=":material/present_to_all:", key="present_toggle",
                  on_click=lambda: S.update(present=not S.current().present))
        st.divider()
        render_builder()


def render_builder() -> None:
    st.markdown("**Make a story from these links**")
    text = st.text_area("Paste links to views, one per line", key="w_story_links", height=110,
                        placeholder="https://…/map?country=PL&chain=hydrogen\n?metric=rii&level=1")
    if not text.strip():
        return
    queries, notes = stories.link_queries(text)
    canon = []
    for i, q in enumerate(queries, start=1):
        vs, bad = S.parse(stories.query_params(q))
        vs = vs.replace(story=None, step=1, links=None, present=False)
        canon.append(S.query_string(vs).lstrip("?"))
        notes += [f"Link {i}: {m}" for m in bad]
    for m in notes:
        st.caption(m)
    if not canon:
        st.caption("No link found in the text.")
        return
    token = stories.pack(canon)
    url = share.current_url(state=S.ViewState(story=stories.LINKS, links=token))
    st.caption(f"A story of {len(canon)} step{'s' * (len(canon) != 1)}; share this link:")
    st.code(url, language=None, wrap_lines=True)
    st.button("Start this story", key="story_links_start", on_click=start, args=(stories.LINKS, token))
