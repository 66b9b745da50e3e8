// The one place that talks to the Faultline JSON API. It keeps the bearer token (when the server
// runs with --token the page is opened as /?token=XYZ) in memory and sessionStorage, strips it
// from the address bar so it never ends up in a shared URL, and sends it on every request.

const TOKEN_KEY = "faultline.token";
let token = null;

/** Read ?token= once at start-up, remember it, and remove it from the visible URL. */
export function initToken() {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    token = fromUrl;
    try { sessionStorage.setItem(TOKEN_KEY, fromUrl); } catch { /* storage may be disabled */ }
    url.searchParams.delete("token");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  } else {
    try { token = sessionStorage.getItem(TOKEN_KEY); } catch { token = null; }
  }
}

export class ApiError extends Error {
  constructor(message, status, errors) {
    super(message);
    this.status = status;
    this.errors = errors || [];
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

/** Query string from an object; arrays repeat the key (country=COD&country=MLI). */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== "" && v !== null) q.append(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function request(path, init) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: headers(init && init.headers), credentials: "same-origin" });
  } catch (exc) {
    throw new ApiError(`cannot reach the server (${exc.message})`, 0);
  }
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: handled below */ }
  if (!response.ok || (body && body.ok === false)) {
    const message = (body && body.error) || `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status, body && body.errors);
  }
  if (body === null) throw new ApiError(`${path}: the server did not answer JSON`, response.status);
  return body;
}

// Identical GETs issued by several views for one render share a single request.
const cache = new Map();

/** GET /api/<path>?params → parsed JSON (cached until invalidate()). */
export function get(path, params) {
  const url = `/api/${path}${queryString(params)}`;
  if (!cache.has(url)) {
    const pending = request(url, { method: "GET" });
    pending.catch(() => cache.delete(url)); // do not keep failures
    cache.set(url, pending);
  }
  return cache.get(url);
}

/** POST JSON to /api/<path>. */
export function post(path, payload) {
  return request(`/api/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
}

/** Forget cached answers (after a new article was stored). */
export function invalidate() {
  cache.clear();
}

/** A static file served by our own server (vendor geometry), with the same headers. */
export async function getStatic(url) {
  const response = await fetch(url, { headers: headers(), credentials: "same-origin" });
  if (!response.ok) throw new ApiError(`${url}: ${response.status}`, response.status);
  return response.json();
}
