import type { Session } from './rest';

const KEY = 'rw.session';

/** The tab's session, as long as it can still be renewed (its access token may have expired: the keeper renews it first). */
export function savedSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const s = JSON.parse(raw) as Session;
  const until = Math.max(Date.parse(s.expiresAt), s.refreshToken ? Date.parse(s.refreshExpiresAt) : 0);
  return until > Date.now() ? s : null;
}

/**
 * Keeps the session's access token fresh: shortly before it expires (five minutes, or half of what
 * is left of a shorter one) it trades the refresh token for a new pair and tells the page, which
 * hands the new token to its live sessions before the server closes the old ones. A refused
 * refresh ends the session; a failed one is tried again.
 */
export class SessionKeeper {
  private readonly listeners: ((s: Session) => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private current: Session, private readonly onLost: () => void) {
    this.schedule();
  }

  get token(): string {
    return this.current.accessToken;
  }

  get session(): Session {
    return this.current;
  }

  onRenewed(listener: (s: Session) => void): void {
    this.listeners.push(listener);
  }

  /** True once the access token is no longer usable (it must be renewed before anything else). */
  expired(): boolean {
    return Date.parse(this.current.expiresAt) <= Date.now() + 5000;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const exp = Date.parse(this.current.expiresAt);
    const lead = Math.min(5 * 60_000, Math.max(0, (exp - Date.now()) / 2));
    this.timer = setTimeout(() => void this.renew(), Math.max(0, exp - lead - Date.now()));
  }

  private inflight: Promise<void> | undefined;

  /** Renews now; calls while a renewal is under way share it (a refresh token is good once). */
  renew(): Promise<void> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    let res: Response;
    try {
      res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: this.current.refreshToken }),
      });
    } catch {
      this.timer = setTimeout(() => void this.renew(), 15_000);
      return;
    }
    if (res.status === 401 || res.status === 400) {
      this.onLost();
      return;
    }
    if (!res.ok) {
      this.timer = setTimeout(() => void this.renew(), 15_000);
      return;
    }
    this.current = { ...this.current, ...((await res.json()) as Session) };
    sessionStorage.setItem(KEY, JSON.stringify(this.current));
    this.listeners.forEach((l) => l(this.current));
    this.schedule();
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await fetch('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 429) throw new Error('throttled');
  if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
  return keep((await res.json()) as Session);
}

/** Keeps a session the server just opened (a login, a resident's sign-up or password reset) for this tab. */
export function keep(s: Session): Session {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

