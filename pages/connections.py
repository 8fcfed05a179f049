"""Not a page: the first deep link /connections after a server start lands here; see components/deeplink.py."""

from components.deeplink import run_router

run_router()
