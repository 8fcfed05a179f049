"""A protocol-level Streamlit client: one websocket session speaking ``streamlit.proto``.

What a browser tab does, without the browser: connect to ``/_stcore/stream``, send
``BackMsg.rerun_script`` (query string, widget states, page, the hashes of cached messages)
and read ``ForwardMsg``s until ``script_finished``. Each :class:`Session` is one visitor (a
new Streamlit session); many run concurrently on one asyncio loop. Reusable for benchmarks,
fuzzing and soak tests (bench/bench_workshop.py, tests/e2e/test_url_protocol_fuzz.py)::

    import asyncio
    from tests.e2e.protocol import Session

    async def visit(base):
        async with Session(base, query="country=PL") as s:
            first = await s.run()                          # the first script run
            again = await s.set_widget("Countries", ["Deutschland (DE)"])  # a filter change
            print(first.seconds, first.bytes, again.seconds, again.errors)
            print(s.widgets.keys(), s.texts()[:5])

    asyncio.run(visit("http://127.0.0.1:8501"))

Widget values are what the front end sends: multiselect / select_slider -> list of formatted
option labels; selectbox / radio -> the formatted label; checkbox / toggle -> bool; slider ->
list of numbers. Like the browser, the client keeps the hashes of large messages it has
received and sends them on every rerun, so the server answers unchanged large elements with a
reference (``ref_hash``) instead of the element.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


def run(coro):
    """``asyncio.run(coro)`` on a worker thread: callable from code that already has an event loop
    in this thread (pytest with Playwright's sync API open, which keeps its loop marked as running)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


WIDGET_TYPES = ("multiselect", "selectbox", "select_slider", "slider", "checkbox", "radio",
                "button_group", "text_input", "number_input", "button")


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float  # rerun_script sent -> script_finished received
    bytes: int  # websocket payload received during the run
    messages: int
    status: str  # ForwardMsg.ScriptFinishedStatus name, or "timeout" / "closed: ..."
    exceptions: list[str] = field(default_factory=list)  # st.exception elements (tracebacks)
    error_texts: list[str] = field(default_factory=list)  # st.error bodies
    query_string: str | None = None  # the address bar the server asked for (None: unchanged)
    page_not_found: bool = False  # the server answered "Page not found" (and ran the default page)

    @property
    def errors(self) -> int:
        """Failed run (no clean finish) or a traceback on the page."""
        return int(self.status != "FINISHED_SUCCESSFULLY") + len(self.exceptions)


class Session:
    """One Streamlit session over a websocket (see the module docstring)."""

    def __init__(self, base: str, query: str = "", timeout: float = 120.0, page: str = "/"):
        parts = urlsplit(base)
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.url = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.query = query
        self.page_name = page.strip("/")
        self.timeout = timeout
        self.ws = None
        self.page_script_hash = ""
        self.session_id = ""
        self.widgets: dict[str, object] = {}  # label -> widget proto (multiselect, selectbox, ...)
        self.widget_states: dict[str, WidgetState] = {}  # id -> last value sent
        self.elements: list = []  # Element protos of the last run, in arrival order
        self._cached_hashes: set[str] = set()
        self._cached: dict[str, ForwardMsg] = {}
        self.cookies = ""

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        headers = {"Origin": self.origin}
        if self.cookies:
            headers["Cookie"] = self.cookies
        self.ws = await asyncio.wait_for(connect(self.url, subprotocols=["streamlit"], max_size=None,
                                                 additional_headers=headers, compression=None,
                                                 open_timeout=self.timeout), self.timeout)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def run(self, query: str | None = None) -> RunResult:
        """Send rerun_script with the current widget states; wait for script_finished."""
        if query is not None:
            self.query = query
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_script_hash
        cs.page_name = "" if self.page_script_hash else self.page_name
        cs.widget_states.widgets.extend(self.widget_states.values())
        cs.cached_message_hashes.extend(sorted(self._cached_hashes))
        cs.context_info.timezone = "UTC"
        cs.context_info.locale = "en-GB"
        cs.context_info.url = f"{self.origin}/{self.page_name}{'?' + self.query if self.query else ''}"
        return await self._send_and_collect(msg.SerializeToString())

    async def _send_and_collect(self, payload: bytes) -> RunResult:
        t0 = time.perf_counter()
        received = n = 0
        self.elements = []
        result = RunResult(0.0, 0, 0, "timeout")
        try:
            await self.ws.send(payload)
            deadline = t0 + self.timeout
            while True:
                data = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.perf_counter()))
                received += len(data)
                n += 1
                fm = ForwardMsg()
                fm.ParseFromString(data)
                kind = fm.WhichOneof("type")
                if kind == "ref_hash":
                    fm = self._cached.get(fm.ref_hash, fm)
                    kind = fm.WhichOneof("type")
                elif fm.metadata.cacheable and fm.hash:
                    self._cached_hashes.add(fm.hash)
                    self._cached[fm.hash] = fm
                if kind == "new_session":
                    self.page_script_hash = fm.new_session.page_script_hash
                    self.session_id = fm.new_session.initialize.session_id or self.session_id
                elif kind == "page_not_found":
                    result.page_not_found = True
                elif kind == "page_info_changed":
                    result.query_string = fm.page_info_changed.query_string
                elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                    el = fm.delta.new_element
                    self.elements.append(el)
                    et = el.WhichOneof("type")
                    if et == "exception":
                        result.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                    elif et == "alert" and el.alert.format == el.alert.ERROR:
                        result.error_texts.append(el.alert.body)
                    elif et in WIDGET_TYPES:
                        w = getattr(el, et)
                        if getattr(w, "label", ""):
                            self.widgets[w.label] = w
                elif kind == "script_finished":
                    result.status = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                    if result.status != "FINISHED_EARLY_FOR_RERUN":
                        break
        except TimeoutError:
            result.status = "timeout"
        except Exception as exc:  # closed connection, refused, protocol error
            result.status = f"closed: {type(exc).__name__}: {exc}"
        result.seconds, result.bytes, result.messages = time.perf_counter() - t0, received, n
        return result

    def alerts(self, kind: str = "WARNING") -> list[tuple[str, str]]:
        """(body, icon) of the last run's st.warning / st.error / st.info ... elements."""
        return [(e.alert.body, e.alert.icon) for e in self.elements
                if e.WhichOneof("type") == "alert" and e.alert.Format.Name(e.alert.format) == kind]

    def texts(self) -> list[str]:
        """Markdown / heading / caption texts of the last run (for assertions and fuzzing)."""
        out = []
        for el in self.elements:
            et = el.WhichOneof("type")
            if et in ("markdown", "heading"):
                out.append(getattr(el, et).body)
            elif et == "alert":
                out.append(el.alert.body)
        return out

    def component_args(self, name_contains: str = "st_folium") -> dict | None:
        """JSON args of the last run's custom component whose name contains ``name_contains``."""
        import json

        for el in self.elements:
            if el.WhichOneof("type") == "component_instance" and name_contains in el.component_instance.component_name:
                return json.loads(el.component_instance.json_args or "{}")
        return None

    async def set_widget(self, label: str, value) -> RunResult:
        """Change the widget labelled ``label`` (as a user would) and rerun."""
        w = self.widgets.get(label)
        if w is None:
            raise KeyError(f"no widget labelled {label!r}; have {sorted(self.widgets)}")
        ws = WidgetState(id=w.id)
        kind = type(w).__name__
        if kind == "Slider" and not list(getattr(w, "options", [])):
            ws.double_array_value.data.extend(value if isinstance(value, list) else [value])
        elif kind in ("MultiSelect", "ButtonGroup", "Slider"):  # a select_slider is a Slider with options
            ws.string_array_value.data.extend(value if isinstance(value, list) else [value])
        elif kind in ("Selectbox", "Radio", "TextInput"):
            ws.string_value = value
        elif kind == "Checkbox":
            ws.bool_value = bool(value)
        elif kind == "NumberInput":
            ws.double_value = float(value)
        elif kind == "Button":
            ws.trigger_value = True
        else:  # select_slider and anything else sending label lists
            ws.string_array_value.data.extend(value if isinstance(value, list) else [value])
        self.widget_states[w.id] = ws
        result = await self.run()
        if kind == "Button":
            self.widget_states.pop(w.id, None)  # a trigger is sent once
        return result
