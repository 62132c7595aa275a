/**
 * A headless holder of the sandbox's デジタル認証アプリ for CI (docs/dauth.md, "Holder API"): it
 * follows the relying party's authorization URL like a browser (cookies, redirects), plays the
 * app through the sandbox's holder API (choose the card, enter the PINs, consent or cancel), and
 * returns the URL the browser would land on at the relying party (`redirect_uri?code=…&state=…`
 * or `?error=…`). The PINs still go to the card under the SDK's safe policy on the server; a
 * wrong PIN spends a real try.
 */

export type DauthPin = 'auth' | 'kenhojo' | 'sign';

export interface DauthConsent {
  readonly cardId?: string;
  readonly authPin?: string;
  readonly kenhojoPin?: string;
  /** 「直前と同じ番号を入力」, only when the holder chooses it. */
  readonly kenhojoSameAsAuth?: boolean;
  readonly signPassword?: string;
  readonly confirmLastTry?: readonly DauthPin[];
}

/** The holder API's answers (shapes in docs/dauth.md). */
export interface DauthAuthorization {
  readonly uid: string;
  readonly state: 'pending' | 'finished' | 'expired';
  readonly purpose: 'login' | 'sign';
  readonly client: { readonly clientId: string; readonly name: string };
  readonly scopes: string[];
  readonly basicFour: string[];
  readonly continueUrl: string;
  readonly card?: {
    readonly cardId: string;
    readonly pins: Record<string, { triesLeft: number; blocked: boolean; set: boolean; maxTries: number }>;
  };
  readonly outcome?: DauthOutcome;
  readonly [k: string]: unknown;
}

export type DauthOutcome =
  | { readonly result: 'success' }
  | {
      readonly result: 'error';
      readonly error: string;
      readonly errorDescription: string;
      readonly reason: string;
      readonly pin?: DauthPin;
      readonly supportGuide?: string;
      readonly message: { ja: string; en: string };
    };

export interface DauthAnswer {
  readonly authorization: DauthAuthorization;
  readonly step: 'needs-input' | 'confirm-last-try' | 'pin-wrong' | 'finished';
  readonly field?: string;
  readonly pin?: DauthPin;
  readonly triesLeft?: number;
  readonly message: { ja: string; en: string };
  readonly outcome?: DauthOutcome;
}

export interface DigitalAuthHolderOptions {
  /** The sandbox server, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** The sandbox's API key. */
  readonly apiKey: string;
  readonly fetch?: typeof fetch;
}

/** One browser: its cookies, and the authorization it started. */
export class DauthBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly f: typeof fetch) {}

  /** GETs `url` and follows redirects while `stop(location)` is false; returns the final URL not fetched. */
  async follow(url: string, stop: (u: URL) => boolean, maxHops = 10): Promise<URL> {
    let u = new URL(url);
    for (let i = 0; i < maxHops; i++) {
      if (stop(u)) return u;
      const r = await this.f(u, {
        redirect: 'manual',
        headers: {
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'user-agent': 'myna-headless-holder',
        },
      });
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      const loc = r.headers.get('location');
      await r.body?.cancel();
      if (r.status < 300 || r.status >= 400 || !loc) {
        throw new Error(`the authorization stopped at ${u.pathname} with HTTP ${r.status}`);
      }
      u = new URL(loc, u);
    }
    throw new Error('too many redirects');
  }
}

export class DigitalAuthHolder {
  private readonly f: typeof fetch;

  constructor(private readonly o: DigitalAuthHolderOptions) {
    this.f = o.fetch ?? fetch;
  }

  private async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.f(new URL(path, this.o.baseUrl), {
      method,
      headers: {
        'x-api-key': this.o.apiKey,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const j = (await r.json()) as T & { code?: string };
    if (!r.ok)
      throw Object.assign(new Error(`${method} ${path}: ${r.status} ${j.code ?? ''}`), {
        status: r.status,
        body: j,
      });
    return j;
  }

  /**
   * Opens the authorization URL as a browser would, up to the app's hand-off (`/interaction/<uid>`).
   * `finish()` then resumes that browser and returns the relying party's callback URL.
   */
  async start(
    authorizationUrl: string,
  ): Promise<{ uid: string; authorization: DauthAuthorization; finish(): Promise<URL> }> {
    const browser = new DauthBrowser(this.f);
    const origin = new URL(authorizationUrl).origin;
    const atInteraction = (u: URL) => /\/interaction\/[^/]+$/.test(u.pathname);
    const handoff = await browser.follow(authorizationUrl, (u) => atInteraction(u) || u.origin !== origin);
    if (!atInteraction(handoff)) {
      // The provider answered at once (an error redirect to the relying party).
      return {
        uid: '',
        authorization: undefined as never,
        finish: async () => handoff,
      };
    }
    const uid = handoff.pathname.split('/').pop()!;
    const authorization = await this.authorization(uid);
    return {
      uid,
      authorization,
      finish: async () =>
        browser.follow(
          `${handoff.href}/continue`,
          (u) => u.origin !== origin || !u.pathname.includes('/api/realms/main/'),
        ),
    };
  }

  authorization(uid: string): Promise<DauthAuthorization> {
    return this.api('GET', `/api/dauth/authorizations/${encodeURIComponent(uid)}`);
  }

  pending(): Promise<{ items: DauthAuthorization[] }> {
    return this.api('GET', '/api/dauth/authorizations');
  }

  card(uid: string, cardId: string): Promise<DauthAuthorization> {
    return this.api('POST', `/api/dauth/authorizations/${encodeURIComponent(uid)}/card`, { cardId });
  }

  consent(uid: string, consent: DauthConsent): Promise<DauthAnswer> {
    return this.api('POST', `/api/dauth/authorizations/${encodeURIComponent(uid)}/consent`, consent);
  }

  cancel(uid: string): Promise<DauthAnswer> {
    return this.api('POST', `/api/dauth/authorizations/${encodeURIComponent(uid)}/cancel`, {});
  }

  /**
   * The whole holder part in one call: card, consent (once), then back to the relying party.
   * Resolves with the callback URL and the app's last answer (a wrong PIN stops here: the
   * authorization stays pending and `callback` is undefined).
   */
  async run(
    authorizationUrl: string,
    consent: DauthConsent & { cardId: string },
  ): Promise<{ callback?: URL; answer?: DauthAnswer; uid: string }> {
    const s = await this.start(authorizationUrl);
    if (!s.uid) return { callback: await s.finish(), uid: '' };
    await this.card(s.uid, consent.cardId);
    const answer = await this.consent(s.uid, consent);
    if (answer.step !== 'finished') return { answer, uid: s.uid };
    return { callback: await s.finish(), answer, uid: s.uid };
  }

  /** Login (or signing: the same with `signPassword`); throws unless the app finished. */
  async login(authorizationUrl: string, consent: DauthConsent & { cardId: string }): Promise<URL> {
    const r = await this.run(authorizationUrl, consent);
    if (!r.callback)
      throw new Error(
        `the app did not finish: ${r.answer?.step} ${r.answer?.field ?? r.answer?.pin ?? ''} ${r.answer?.message.en ?? ''}`,
      );
    return r.callback;
  }

  sign(
    authorizationUrl: string,
    consent: DauthConsent & { cardId: string; signPassword: string },
  ): Promise<URL> {
    return this.login(authorizationUrl, consent);
  }
}
