"""Hypothesis strategies for hostile query strings, and the page list, derived from the code.

Parameter names come from ``components.state`` (``PARAMS``, ``MULTI``, ``RESERVED``) and the
pages (with their URL paths) from the ``st.Page(...)`` calls in ``components/routes.py``, so a parameter or a
page added there is fuzzed without touching this file. Used by the pure, AppTest and protocol
level fuzz tests and by ``bench/bench_fuzz.py`` (the long run).
"""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from hypothesis import strategies as st

from components import state as S

REPO_ROOT = Path(__file__).resolve().parents[2]

# What an attacker or a mangled link puts in a URL.
PAYLOADS = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
    "javascript:alert(1)", "[x](javascript:alert(1))", "![x](http://203.0.113.1/t.png)", "**bold** _it_",
    ":red[red] :material/warning:", "$x^2$", "`code`", "<!--", "{{7*7}}", "${7*7}", "%00", "%", "%%25",
    "\u202egnp.exe", "\u200b", "\ufeff", "\x00", "\r\n", "\t", " ", "", ",", ",,,", "'; DROP TABLE x;--",
    "' OR 1=1 --", "../../etc/passwd", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)",
    "NaN", "inf", "-0", "1e9", "2.5", "0x10", "٣", "²", "true", "null", "None", "[]", "{}", "0" * 40,
    "9" * 400, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ελλάδα", "Łódź", "日本語", "🗺️", "a" * 10_000,
]
WRONG_TYPES = ["-1", "1.0", "01", "+2", " 2", "2 ", "1,2", "two", "", "0", "1", "7", "99", "2019", "1999", "yes"]


def pages(app: Path = REPO_ROOT / "components" / "routes.py") -> list[dict]:
    """Every ``st.Page`` of the router (AST, no import): script, declared url_path (its script hash is
    calc_hash(url_path)), path (what a browser asks for: "" for the default page, served at the root),
    title, default, id (a readable test id)."""
    out = []
    for node in sorted((n for n in ast.walk(ast.parse(app.read_text())) if isinstance(n, ast.Call)),
                       key=lambda n: (n.lineno, n.col_offset)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Page":
            kw = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            script = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            if script:
                url_path = kw.get("url_path") or Path(script).stem
                default = bool(kw.get("default", False))
                out.append({"script": script, "url_path": url_path, "path": "" if default else url_path,
                            "title": kw.get("title", ""), "default": default, "id": "root" if default else url_path})
    return out


def vocabulary(allowed: S.Allowed) -> list[str]:
    """Every token that could be valid somewhere: allow-list values and the state module's choices."""
    words: set[str] = set()
    for f in ("countries", "chains", "initiatives", "regions", "ecosystems", "types", "groups", "metrics", "years"):
        words |= {str(v) for v in getattr(allowed, f)}
    for name in dir(S):
        v = getattr(S, name)
        if name.isupper() and isinstance(v, (dict, tuple, range, frozenset)) and name not in ("PARAMS", "MULTI",
                                                                                           "SINGLE", "RESERVED"):
            words |= {str(x) for x in v if isinstance(x, (str, int))}
    return sorted(words)


def _names() -> st.SearchStrategy[str]:
    real = sorted(S.PARAMS)
    return st.one_of(
        st.sampled_from(real),
        st.sampled_from(real).map(str.upper),
        st.sampled_from(real).map(lambda n: f" {n}"),
        st.sampled_from(sorted(S.RESERVED)),
        st.sampled_from(PAYLOADS[:20]),
        st.text(min_size=1, max_size=30),
    )


def _long(seed_and_size: tuple[str, int]) -> str:
    seed, size = seed_and_size
    return (seed * (size // len(seed) + 1))[:size]


def values(vocab: list[str]) -> st.SearchStrategy[str]:
    word = st.sampled_from(vocab)
    mixed_case = word.map(lambda w: w.swapcase())
    item = st.one_of(word, mixed_case, st.sampled_from(PAYLOADS), st.sampled_from(WRONG_TYPES),
                     st.text(max_size=20))
    return st.one_of(
        word,
        st.sampled_from(PAYLOADS),
        st.sampled_from(WRONG_TYPES),
        st.lists(item, min_size=2, max_size=12).map(",".join),  # multi-values, good next to bad
        st.lists(word, min_size=1, max_size=400).map(",".join),  # long lists of valid items
        st.text(max_size=80),
        st.tuples(st.text(min_size=1, max_size=20), st.integers(1_900, 10_000)).map(_long),  # up to 10k chars
    )


def query_pairs(vocab: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """A query as (name, value) pairs: repeated names, unknown and reserved names, hostile values."""
    return st.lists(st.tuples(_names(), values(vocab)), max_size=8)


def query_string(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs)


def as_params(qs: str) -> dict[str, list[str]]:
    """What the app sees for a query string: Streamlit's parse_qs (blank values kept)."""
    return parse_qs(qs, keep_blank_values=True)
