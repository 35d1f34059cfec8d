/**
 * A tiny HTTP client for API tests: JSON in and out, a cookie jar per "browser", and the CSRF header a
 * real client sends (fetched on first need; `{ csrf: false }` leaves it off to test the refusal).
 */
export class Browser {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, opts: { csrf?: boolean } = {}) {
    if (method !== "GET" && opts.csrf !== false) {
      if (!this.csrfToken()) await this.request("GET", "/api/auth/csrf");
      headers = { "x-csrf-token": this.csrfToken() ?? "", ...headers };
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect response bodies ad hoc
    return { status: res.status, headers: res.headers, json: json as Record<string, any>, text };
  }

  csrfToken(): string | undefined {
    return this.cookies.get("venzory_csrf") ?? this.cookies.get("__Host-venzory_csrf");
  }

  /** The raw Cookie header this browser would send (for streams opened with plain fetch). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request("POST", path, body ?? {}, headers);

  copyCookiesFrom(other: Browser) {
    this.cookies = new Map(other.cookies);
  }
}
