// An HTTP handler in TypeScript for the built-in world wasi:http/proxy: componentize-js attaches the
// `fetch` event to the component's wasi:http/incoming-handler export, so the handler is the web's
// Request -> Response. esbuild strips the types (it does not check them; run tsc for that).
import { route } from './routes.js';

/** The event StarlingMonkey dispatches for each incoming request. */
interface FetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

addEventListener('fetch', (event) => {
  const fetchEvent = event as FetchEvent;
  fetchEvent.respondWith(route(fetchEvent.request));
});
