import type { FeatureCollection } from 'geojson';

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Alarm {
  id: number;
  type: string;
  severity: Severity;
  status: string;
  title: string;
  deviceId: string | null;
  deviceName: string | null;
  deviceKind: string | null;
  zoneId: string | null;
  lon: number;
  lat: number;
  gridId: number | null;
  gridName: string | null;
  areaPath: number[];
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  photos: number[];
  /** What the covering cameras said: PENDING, VERIFIED (a person seen), UNVERIFIED, NO_CAMERA; null when not verified. */
  verification?: 'PENDING' | 'VERIFIED' | 'UNVERIFIED' | 'NO_CAMERA' | null;
  verificationNote?: string | null;
  /** Snapshots linked to the alarm. */
  snapshots?: number[];
}

/** A person or motion region OpenCV found, in the image's pixels. */
export interface Detection {
  kind: 'person' | 'motion';
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

export interface Device {
  id: string;
  kind: string;
  name: string;
  areaName: string;
  lon: number;
  lat: number;
  state: string;
  online: boolean;
  lastSeen: string | null;
}

/** A basemap the installation offers; {@code crs} is the system its tiles are drawn in. */
export interface Basemap {
  id: string;
  name: string;
  crs: 'wgs84' | 'gcj02';
  tiles: string[];
  overlayTiles: string[];
  attribution: string;
}

export interface MapConfig {
  default: string;
  basemaps: Basemap[];
}

/** Case figures and the three rates (null when there is nothing to count). */
export interface CaseStats {
  total: { accepted: number; closed: number; open: number; overdue: number; complex: number; responseRate: number | null;
    resolutionRate: number | null; satisfactionRate: number | null };
}

/** A responder (平安联盟 member, grid worker, police) with the last known position. */
export interface Member {
  id: number;
  name: string;
  role: string;
  state: string;
  lon: number | null;
  lat: number | null;
}

/** A 小红哨 case as the board shows it. */
export interface Case {
  id: number;
  ref: string;
  category: string;
  description: string;
  lon: number;
  lat: number;
  gridName: string | null;
  status: string;
  level: string;
  complex: boolean;
  overdue: boolean;
  submittedAt: string;
  acceptDue: string;
  resolveDue: string;
  timeline: { at: string; actor: string; action: string; status: string; level: string; note: string | null }[];
}

export interface Track {
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { points: number; timesMs: number[]; from: string; to: string };
}

export interface Tour {
  id: number;
  code: string;
  name: string;
  memberId: number | null;
  checkpoints: { seq: number; code: string; name: string; lon: number; lat: number }[];
}

export interface TourRound {
  start: string;
  due: string;
  report: { lines: { seq: number; code: string; name: string; status: 'ON_TIME' | 'LATE' | 'MISSED' | 'PENDING'; at: string | null; subject: string | null }[] };
}

/** Who to send to an alarm, and which cameras see it. */
export interface Proposal {
  alarmId: number;
  members: { memberId: number; name: string; role: string; distanceM: number }[];
  cameras: { deviceId: string; name: string; distanceM: number; online: boolean }[];
  snapshots: {
    snapshotId: number;
    deviceId: string;
    capturedAt: string;
    linked: boolean;
    width: number;
    height: number;
    people: number | null;
    detections: Detection[];
    imageUrl: string;
    thumbnailUrl: string;
  }[];
}

export interface Session {
  accessToken: string;
  username: string;
  displayName: string;
  role: string;
  areaId: number | null;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

/** One permission the signed-in user holds (GET /api/v1/me), and how far it reaches. */
export interface Grant {
  permission: string;
  label: string;
  scope: 'ALL' | 'AREA' | 'OWN' | 'SHARED';
}

/** Who is signed in and what the access policy lets them do. */
export interface Me {
  username: string;
  role: string;
  roleLabel: string;
  areaId: number | null;
  permissions: Grant[];
}

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

  async renew(): Promise<void> {
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
  const s = (await res.json()) as Session;
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export class Api {
  constructor(private readonly keeper: SessionKeeper, private readonly onUnauthorized: () => void) {}

  /** Who is signed in and every permission they hold. */
  me(): Promise<Me> {
    return this.get('/api/v1/me');
  }

  /** POSTs JSON; throws with the problem document's detail on refusal. */
  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.keeper.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (res.status === 401) {
      this.onUnauthorized();
      throw new Error('unauthorized');
    }
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((json as { detail?: string }).detail ?? `${path}: HTTP ${res.status}`);
    return json as T;
  }

  /** PUTs JSON; throws with the problem document's detail on refusal. */
  async put<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${this.keeper.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((json as { detail?: string }).detail ?? `${path}: HTTP ${res.status}`);
    return json as T;
  }

  /** Uploads a photo of the scene (the file as it is: JPEG, PNG or WebP, at most 5 MiB). */
  async alarmPhoto(id: number, file: Blob): Promise<{ id: number; url: string }> {
    const res = await fetch(`/api/v1/alarms/${id}/photos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.keeper.token}`, 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = json as { detail?: string; errors?: { field: string; message: string }[] };
      throw new Error(e.errors?.[0] ? `${e.errors[0].field}: ${e.errors[0].message}` : e.detail ?? `HTTP ${res.status}`);
    }
    return json as { id: number; url: string };
  }

  /** A photo as an object URL (images need the bearer token, which an <img src> cannot send). */
  async photoUrl(path: string): Promise<string> {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${this.keeper.token}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return URL.createObjectURL(await res.blob());
  }

  alarmAction(id: number, action: string, body: { note?: string; memberIds?: number[] } = {}): Promise<Alarm> {
    return this.post(`/api/v1/alarms/${id}/${action}`, body);
  }

  caseStats(from: string): Promise<CaseStats> {
    return this.get(`/api/v1/stats/cases?from=${encodeURIComponent(from)}`);
  }

  async supervisionByUnit(): Promise<{ unitName: string; unitLevel: string; orders: number; warnings: number }[]> {
    return (await this.get<{ units: { unitName: string; unitLevel: string; orders: number; warnings: number }[] }>('/api/v1/supervision/summary')).units;
  }

  /** A member's positions between two instants: a GeoJSON LineString with the time of each point. */
  track(memberId: number, from: string, to: string): Promise<Track> {
    return this.get(`/api/v1/tracks/${memberId}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  }

  async tours(): Promise<Tour[]> {
    return (await this.get<{ items: Tour[] }>('/api/v1/tours')).items;
  }

  async tourRounds(id: number, from: string, to: string): Promise<TourRound[]> {
    return (await this.get<{ rounds: TourRound[] }>(`/api/v1/tours/${id}/rounds?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).rounds;
  }

  async members(): Promise<Member[]> {
    return (await this.get<{ items: Member[] }>('/api/v1/members')).items;
  }

  async cases(): Promise<Case[]> {
    return (await this.get<{ items: Case[] }>('/api/v1/cases?limit=200')).items;
  }

  caseDetail(id: number): Promise<Case> {
    return this.get(`/api/v1/cases/${id}`);
  }

  proposal(id: number): Promise<Proposal> {
    return this.get(`/api/v1/alarms/${id}/proposal`);
  }

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${this.keeper.token}`, Accept: 'application/json' } });
    if (res.status === 401) {
      this.onUnauthorized();
      throw new Error('unauthorized');
    }
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  mapConfig(): Promise<MapConfig> {
    return this.get('/api/v1/config/map');
  }

  areas(): Promise<FeatureCollection> {
    return this.get('/api/v1/areas');
  }

  async devices(): Promise<Device[]> {
    return (await this.get<{ items: Device[] }>('/api/v1/devices?limit=5000')).items;
  }

  async alarms(): Promise<Alarm[]> {
    return (await this.get<{ items: Alarm[] }>('/api/v1/alarms?limit=200')).items;
  }
}
