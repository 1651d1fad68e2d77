// A cookie-keeping HTTP client for the dashboard: what a browser does, minus the browser, so
// tests can send requests a page never would (no CSRF token, a forged proxy header).

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  location?: string;
}

export class DashboardClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send('GET', path, undefined, headers);
  }

  /** A form POST; `fields` are sent as given (no token is added). */
  async post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    return this.send('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  async postJson(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    return this.send('POST', path, JSON.stringify(body), {
      'content-type': 'application/json',
      accept: 'application/json',
      ...headers,
    });
  }

  /** The form token of a page: the `_csrf` field or the csrf-token meta tag. */
  async csrfOf(path: string): Promise<string> {
    const page = await this.get(path);
    const match =
      /name="_csrf" value="([^"]+)"/.exec(page.text) ??
      /name="csrf-token" content="([^"]+)"/.exec(page.text);
    if (!match) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return match[1] as string;
  }

  /** Signs in through the form, as a browser would. */
  async signIn(username: string, password: string): Promise<Reply> {
    const token = await this.csrfOf('/login');
    return this.post('/login', { _csrf: token, username, password });
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get('location') ?? undefined,
    };
  }
}
