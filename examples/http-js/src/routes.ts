// What the handler answers, as plain functions of the request.

const TEXT = { 'content-type': 'text/plain' };

/** GET /hello?name=X greets X (the world without a name); POST /echo answers its body; any other is 404. */
export async function route(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === 'GET' && url.pathname === '/hello') {
    const name = url.searchParams.get('name') ?? 'world';
    return new Response(`Hello, ${name}!\n`, { status: 200, headers: TEXT });
  }
  if (request.method === 'POST' && url.pathname === '/echo') {
    return new Response(await request.text(), { status: 200, headers: TEXT });
  }
  return new Response(`no route for ${request.method} ${url.pathname}\n`, { status: 404, headers: TEXT });
}
