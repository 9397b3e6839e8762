/**
 * A minimal user agent over fetch: keeps cookies per origin (names only; paths ignored),
 * follows nothing by itself, fills in the test provider's login form. Enough to walk an
 * OpenID Connect sign-in without a browser.
 */
export class HttpUserAgent {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  forget(origin: string, name: string): void {
    this.jars.get(origin)?.delete(name);
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some(
        (a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Starts a sign-in at the observatory and walks the provider's login page as `login`;
   * returns the callback URL the provider sends the browser back to (not yet visited).
   */
  async signInAtProvider(observatory: string, provider: string, login: string): Promise<string> {
    let res = await this.request(`${observatory}/signin/oidc/${provider}`);
    if (res.status !== 303) throw new Error(`sign-in start answered ${res.status}`);
    let url = new URL(res.headers.get('location')!);
    for (let step = 0; step < 12; step++) {
      if (url.href.startsWith(`${observatory}/signin/oidc/${provider}/callback`)) return url.href;
      res = await this.request(url.href);
      if (res.status === 200) {
        const page = await res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
        if (!action || !page.includes('name="login"'))
          throw new Error(`unexpected provider page: ${page.slice(0, 300)}`);
        res = await this.request(new URL(action, url).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
        });
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`provider answered ${res.status} with nowhere to go`);
      url = new URL(location, url);
    }
    throw new Error('the sign-in did not come back to the observatory');
  }
}
