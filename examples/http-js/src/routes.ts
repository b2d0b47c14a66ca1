// What the handler answers, as plain functions of the request.

const TEXT = { 'content-type': 'text/plain' };

/** GET /hello?name=X greets X (the world without a name); any other request is 404. */
export function route(request: Request): Response {
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name') ?? 'world';
    return new Response(`Hello, ${name}!\n`, { status: 200, headers: TEXT });
  }
  return new Response(`no route for ${request.method} ${url.pathname}\n`, { status: 404, headers: TEXT });
}
