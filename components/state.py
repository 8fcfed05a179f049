"""The one owner of the view state and its URL encoding.

Every filter and view setting lives in :class:`ViewState`. The URL is its serialisation:
``parse`` turns query params into a state (dropping anything outside the allow-list, with a
notice per dropped item) and ``encode`` turns a state back into query params (defaults left
out, multi-values comma-joined and sorted, so equal views give equal links). The Streamlit
glue keeps the canonical state in ``st.session_state`` (widgets are only views of it) and
mirrors it into ``st.query_params`` on every run, so links survive page switches.

Reserved names (``embed``, ``embed_options``) belong to Streamlit and are passed through
untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from data import cache, links, scores, stories, vocab
from data import scope as scope_mod
from data.model import Selection
from data.tables import slug

RESERVED = frozenset({"embed", "embed_options"})
MAX_PEERS = 5

# metric key -> label; participation metrics first, then every score
PARTICIPATION_METRICS = {
    "profile": "Tier profile (Tier 1 / Tier 2 / both / none)",
    "tier1": "Tier 1 initiatives, regional links",
    "tier1_all": "Tier 1 initiatives, incl. national membership",
    "tier2": "Tier 2 initiatives, regional links",
    "tier2_all": "Tier 2 initiatives, incl. national membership",
}
METRICS = {**PARTICIPATION_METRICS, **{k: s.title() for k, s in scores.SCORES.items()},
           "yours": "Your data (uploaded this session)"}
LEVELS = (0, 1, 2, 3)
SCHEMES = {"quantiles": "Quantiles", "equal": "Equal interval", "natural": "Natural breaks (Fisher-Jenks)"}
K_RANGE = range(3, 8)
TIERS = {"both": (), "1": (1,), "2": (2,)}
# Divide page options: how regions are grouped and which links count
DIVIDE_GROUPS = {"ris": "RIS 2023 regional group", "eis": "EIS 2023 national group"}
DIVIDE_LINKS = links.RULE_LABELS  # link rule (data.links.RULES)
SCOPES = scope_mod.SCOPES  # countries analysed: eu (default) | all
NETWORK_LEVELS = (0, 1, 2)
GROUP_SLUGS = {"leader": scores.GROUPS[0], "strong": scores.GROUPS[1],
               "moderate": scores.GROUPS[2], "emerging": scores.GROUPS[3]}


@dataclass(frozen=True)
class ViewState:
    countries: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()
    ecosystems: tuple[str, ...] = ()  # slugs
    tier: str = "both"
    types: tuple[str, ...] = ()  # slugs
    initiatives: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # slugs
    level: int = 2
    metric: str = "profile"
    year: int | None = None
    scheme: str = "quantiles"
    k: int = 5
    region: str | None = None
    peers: tuple[str, ...] = ()
    tiles: bool = False
    dgroup: str = "ris"  # Divide page: grouping (DIVIDE_GROUPS)
    dlinks: str = "regional"  # Divide page: links counted (DIVIDE_LINKS); national membership hides the divide
    present: bool = False  # presentation mode: sidebar collapsed, large type, high contrast
    story: str | None = None  # a story id of data/stories.toml, or "links" (built from links)
    step: int = 1  # 1-based step of the story
    links: str | None = None  # story=links: the steps' query strings, packed (data/stories.py)
    scope: str = "eu"  # SCOPES: EU27 by default; "all" adds EEA/EFTA and candidate countries
    nlevel: int = 0  # Network page: places are countries (0) or NUTS 1/2 regions (NETWORK_LEVELS)

    def selection(self) -> Selection:
        return Selection(
            countries=self.countries,
            chains=self.chains,
            ecosystems=tuple(_ECO_BY_SLUG[s] for s in self.ecosystems),
            tiers=TIERS[self.tier],
            types=tuple(_TYPE_BY_SLUG[s] for s in self.types),
            initiatives=self.initiatives,
            groups=tuple(GROUP_SLUGS[g] for g in self.groups),
            scope=self.scope,
        )

    def replace(self, **changes) -> ViewState:
        return dataclasses.replace(self, **changes)


_ECO_BY_SLUG = {slug(e): e for e in vocab.ECOSYSTEMS}
_TYPE_BY_SLUG = {slug(t): t for t in vocab.TYPES}


@dataclass(frozen=True)
class Allowed:
    """The values a URL may carry; built from the data so links can't point at nothing."""

    countries: frozenset[str]
    chains: frozenset[str] = frozenset(slug(c) for c in vocab.VALUE_CHAINS)
    initiatives: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    ecosystems: frozenset[str] = frozenset(_ECO_BY_SLUG)
    types: frozenset[str] = frozenset(_TYPE_BY_SLUG)
    groups: frozenset[str] = frozenset(GROUP_SLUGS)
    metrics: frozenset[str] = frozenset(METRICS)
    years: frozenset[int] = frozenset(scores.RIS_YEARS)
    extra: Mapping[str, str] = field(default_factory=dict)


@cache.resource
def default_allowed() -> Allowed:
    from data import geodata, tables

    reg = geodata.registry()
    return Allowed(
        countries=frozenset(reg.index[reg["level"] == 0]),
        initiatives=frozenset(tables.initiatives()["initiative_id"]),
        regions=frozenset(reg.index),
    )


# URL name -> ViewState field; the allow-list of parameter names
MULTI = {"country": "countries", "chain": "chains", "eco": "ecosystems", "type": "types",
         "init": "initiatives", "group": "groups", "peers": "peers"}
SINGLE = {"tier": "tier", "level": "level", "metric": "metric", "year": "year",
          "scheme": "scheme", "k": "k", "region": "region", "tiles": "tiles",
          "dgroup": "dgroup", "dlinks": "dlinks", "scope": "scope", "nlevel": "nlevel", "present": "present",
          "story": "story", "step": "step", "links": "links"}
MAX_STEPS = 12
STEPS = range(1, MAX_STEPS + 1)
STORY_IDS = (*sorted(stories.ids()), stories.LINKS)  # data/stories.toml, plus a story built from links
EXAMPLE_LINKS = (stories.pack(["metric=rii", "country=PL&chain=hydrogen"]),)  # a valid links= value
PARAMS = {**MULTI, **SINGLE}
MAX_VALUE_LEN = 200


def _norm_code(v: str) -> str:
    from geo.hierarchy import normalize_code

    return normalize_code(v)


def _multi_allowed(name: str, a: Allowed) -> tuple[frozenset[str], callable]:
    return {
        "country": (a.countries, _norm_code),
        "chain": (a.chains, str.lower),
        "eco": (a.ecosystems, str.lower),
        "type": (a.types, str.lower),
        "init": (a.initiatives, str),
        "group": (a.groups, str.lower),
        "peers": (a.regions, _norm_code),
    }[name]


def _single(name: str, raw: str, a: Allowed):
    """Parse one single-valued param; raise ValueError with a reason if not allowed."""
    if name == "tier":
        if raw.lower() in TIERS:
            return raw.lower()
    elif name == "level":
        if raw.isdigit() and int(raw) in LEVELS:
            return int(raw)
    elif name == "metric":
        if raw in a.metrics:
            return raw
    elif name == "year":
        if raw.isdigit() and int(raw) in a.years:
            return int(raw)
    elif name == "scheme":
        if raw in SCHEMES:
            return raw
    elif name == "k":
        if raw.isdigit() and int(raw) in K_RANGE:
            return int(raw)
    elif name == "region":
        code = _norm_code(raw)
        if code in a.regions:
            return code
    elif name == "tiles":
        if raw in ("0", "1"):
            return raw == "1"
    elif name == "dgroup":
        if raw.lower() in DIVIDE_GROUPS:
            return raw.lower()
    elif name == "dlinks":
        if raw.lower() in DIVIDE_LINKS:
            return raw.lower()
    elif name == "present":
        if raw in ("0", "1"):
            return raw == "1"
    elif name == "story":
        from data import stories

        if raw.lower() in stories.ids() or raw.lower() == stories.LINKS:
            return raw.lower()
    elif name == "step":
        if raw.isdigit() and 1 <= int(raw) <= MAX_STEPS:
            return int(raw)
    elif name == "links":
        from data import stories

        if stories.unpack(raw):
            return raw
    elif name == "scope":
        if raw.lower() in SCOPES:
            return raw.lower()
    elif name == "nlevel":
        if raw.isdigit() and int(raw) in NETWORK_LEVELS:
            return int(raw)
    raise ValueError("not an allowed value")


def _clip(text: str, n: int = 40) -> str:
    """Untrusted text as echoed in a notice: at most ``n`` characters."""
    return text if len(text) <= n else text[: n - 3] + "..."


def parse(params: Mapping[str, object], allowed: Allowed | None = None) -> tuple[ViewState, list[str]]:
    """Query params -> (state, notices). Never raises: bad input becomes a notice."""
    state, notices, _ = parse_full(params, allowed)
    return state, notices


def parse_full(params: Mapping[str, object], allowed: Allowed | None = None
               ) -> tuple[ViewState, list[str], dict[str, tuple[str, ...]]]:
    """:func:`parse` plus the rejected values per parameter name (clipped), so a page can say
    "not found" and offer close matches for an unknown id or code."""
    a = allowed or default_allowed()
    notices: list[str] = []
    rejected: dict[str, tuple[str, ...]] = {}
    values: dict[str, object] = {}
    for name, raw in params.items():
        if name in RESERVED:
            continue
        raws = raw if isinstance(raw, (list, tuple)) else [raw]
        text = ",".join(str(r) for r in raws)
        shown = _clip(text)
        if name not in PARAMS:
            notices.append(f"Ignored unknown URL parameter “{_clip(name)}”.")
            continue
        if len(text) > MAX_VALUE_LEN * (40 if name == "links" else 10):
            notices.append(f"Ignored “{name}”: value too long.")
            continue
        if name in MULTI:
            ok_set, norm = _multi_allowed(name, a)
            kept, bad = [], []
            for item in (p.strip() for p in text.split(",")):
                if not item:
                    continue
                v = norm(item)
                (kept if v in ok_set else bad).append(v if v in ok_set else item)
            if bad:
                rejected[name] = tuple(_clip(b, MAX_VALUE_LEN) for b in bad[:5])
                notices.append(f"Ignored {name} value(s) not recognised: {', '.join(map(_clip, bad[:5]))}"
                               + (" …" if len(bad) > 5 else "") + ".")
            kept = sorted(set(kept))
            if name == "peers" and len(kept) > MAX_PEERS:
                notices.append(f"Kept the first {MAX_PEERS} peers of {len(kept)}.")
                kept = kept[:MAX_PEERS]
            values[MULTI[name]] = tuple(kept)
        else:
            try:
                values[SINGLE[name]] = _single(name, text.strip(), a)
            except ValueError:
                rejected[name] = (_clip(text.strip(), MAX_VALUE_LEN),)
                notices.append(f"Ignored {name}=“{shown}”: not an allowed value.")
    state = ViewState(**values)
    if state.story is None and (state.step != 1 or state.links):
        for name, used in (("step", state.step != 1), ("links", bool(state.links))):
            if used:
                raw = str(getattr(state, name))
                rejected[name] = (_clip(raw, MAX_VALUE_LEN),)
                notices.append(f"Ignored {name}=“{_clip(raw)}”: the link names no story.")
        state = state.replace(step=1, links=None)
    if state.year is not None and not scores.SCORES.get(state.metric, scores.SCORES["rii"]).years:
        rejected["year"] = (str(state.year),)
        notices.append(f"Ignored year=“{state.year}”: “{state.metric}” has no yearly series.")
        state = state.replace(year=None)
    return state, notices, rejected


def encode(state: ViewState) -> dict[str, str]:
    """State -> query params (defaults omitted, canonical order)."""
    default = ViewState()
    out: dict[str, str] = {}
    for name, f in PARAMS.items():
        v = getattr(state, f)
        if v == getattr(default, f) or v in ((), None):
            continue
        if isinstance(v, tuple):
            out[name] = ",".join(sorted(v))
        elif isinstance(v, bool):
            out[name] = "1" if v else "0"
        else:
            out[name] = str(v)
    return out


def query_string(state: ViewState) -> str:
    q = encode(state)
    return ("?" + urlencode(q, safe=",")) if q else ""


# --- Streamlit glue -------------------------------------------------------------------------

_DEFAULT = ViewState()
_CHOICES = {"tier": TIERS, "level": LEVELS, "metric": METRICS, "scheme": SCHEMES, "k": K_RANGE, "scope": SCOPES,
            "dgroup": DIVIDE_GROUPS, "dlinks": DIVIDE_LINKS, "nlevel": NETWORK_LEVELS}
_KEY = "view_state"
_NOTICES = "url_notices"
_REJECTED = "url_rejected"


def current():
    """The canonical state for this session (parsed from the URL on the first run)."""
    import streamlit as st

    if _KEY not in st.session_state:
        params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
        st.session_state[_KEY], st.session_state[_NOTICES], st.session_state[_REJECTED] = parse_full(params)
    return st.session_state[_KEY]


def embedded() -> bool:
    """True when Streamlit's own ``?embed=true`` is on the URL (content only, for iframes)."""
    import streamlit as st

    try:  # st.query_params never shows the reserved names; st.context knows
        return bool(st.context.is_embedded)
    except Exception:
        return False


def rejected(name: str) -> tuple[str, ...]:
    """Values of URL parameter ``name`` that the first load of this session could not use."""
    import streamlit as st

    return st.session_state.get(_REJECTED, {}).get(name, ())


def notices() -> list[str]:
    import streamlit as st

    return st.session_state.get(_NOTICES, [])


def _invalid(field: str, value) -> bool:
    """A value no widget offers: None for a field that is never None, or outside a fixed choice
    list (no data needed: this runs in widget callbacks, before the page's error guard)."""
    if value is None:
        return getattr(_DEFAULT, field) is not None
    choices = _CHOICES.get(field)
    return choices is not None and value not in choices


def update(**changes) -> ViewState:
    """Apply a change from a widget or a click; a value outside the allow-list (e.g. the None a
    required segmented control reports when its state was lost in a fast page switch) leaves the
    field as it was, so a glitch never reaches the data layer as a traceback."""
    import streamlit as st

    cur = current()
    bad = {f: getattr(cur, f) for f, v in changes.items() if _invalid(f, v)}
    st.session_state[_KEY] = cur.replace(**{**changes, **bad})
    st.session_state[_NOTICES] = []
    st.session_state[_REJECTED] = {}
    sync_url()  # now, not at the end of the run: a page may still stop early (st.stop)
    return st.session_state[_KEY]


def replace_state(new: ViewState, notices_: list[str] | None = None) -> ViewState:
    """Set the whole view state at once (a story step), with the notices to show."""
    import streamlit as st

    st.session_state[_KEY] = new
    st.session_state[_NOTICES] = list(notices_ or [])
    sync_url()
    return new


def sync_url() -> None:
    """Mirror the canonical state into the address bar (keeps reserved params).

    Called by the router before each page runs (a page switch starts from a bare URL) and by
    :func:`update` on every change, so the address bar is right even when a page stops early:
    after ``st.stop()`` nothing more can be sent to the browser."""
    import streamlit as st

    want = encode(current())
    have = {k: v for k, v in st.query_params.to_dict().items() if k not in RESERVED}
    if have != want:
        keep = {k: st.query_params.get_all(k) for k in st.query_params.keys() if k in RESERVED}
        st.query_params.from_dict({**want, **keep})
