"""The ASGI server the live quiz's tests run against: uvicorn in a thread of the test process,
on the test database, so event streams work as under `make serve` (Django's test servers are WSGI,
which cannot hold a stream open)."""

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn


@contextmanager
def asgi_server(application):
    """Serve `application` on a free loopback port; yields the port, stops the server after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)
        # The threads that served it keep their database connections; closed here, so that the
        # test database can be dropped at the end (PostgreSQL refuses while one is open).
        while application is not None and not hasattr(application, "close_connections"):
            application = getattr(application, "application", None)  # a wrapper's inner app
        if application is not None:
            application.close_connections()
