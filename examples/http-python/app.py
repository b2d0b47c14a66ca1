"""An HTTP handler in Python for the built-in world wasi:http/proxy.

componentize-py generates the `wit_world` package for the world: the component's
wasi:http/incoming-handler export calls `IncomingHandler().handle(request, response_out)` with the
wasi:http resources themselves. GET /hello?name=X answers "Hello, X!"; anything else is 404.
"""

from urllib.parse import parse_qs, urlsplit

from wit_world import exports
from wit_world.imports.types import (
    Fields,
    IncomingRequest,
    Method_Get,
    OutgoingBody,
    OutgoingResponse,
    ResponseOutparam,
)
from componentize_py_types import Ok


def route(method: object, path_with_query: str) -> tuple[int, str]:
    """The status and body for a request: plain Python, no WASI in it."""
    url = urlsplit(path_with_query)
    if isinstance(method, Method_Get) and url.path == "/hello":
        name = parse_qs(url.query).get("name", ["world"])[0]
        return 200, f"Hello, {name}!\n"
    return 404, f"no route for {url.path}\n"


class IncomingHandler(exports.IncomingHandler):
    def handle(self, request: IncomingRequest, response_out: ResponseOutparam) -> None:
        status, text = route(request.method(), request.path_with_query() or "/")
        response = OutgoingResponse(Fields.from_list([("content-type", b"text/plain")]))
        response.set_status_code(status)
        body = response.body()
        ResponseOutparam.set(response_out, Ok(response))
        # Leaving the `with` drops the stream, which must go before the body is finished.
        with body.write() as stream:
            stream.blocking_write_and_flush(text.encode())
        OutgoingBody.finish(body, None)
