// Calls to the node's /v1 API with the session cookie (sent by the browser; the page never sees it).
// Unsafe methods carry the CSRF header the node requires of cookie-authenticated requests.
export const CSRF_HEADER = 'X-Limbic-Dashboard';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new CustomEvent('limbic:signed-out'));
    throw new ApiError(response.status, json);
  }
  return json;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};

// A server-sent event stream (same origin, so the cookie goes with it); returns a function that closes it.
export function live(path, type, onEvent, onState) {
  const source = new EventSource(path);
  source.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
  source.onopen = () => onState && onState('live');
  source.onerror = () => onState && onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  return () => source.close();
}
