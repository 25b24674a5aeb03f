import type { FeatureCollection } from 'geojson';
import type { components } from './generated/api';
import type { Alarm, AlarmTimeline, Assignee, Case, CaseCategory, CaseCategoryBody, CaseStats, CaseType, Department, Device, DeviceKindInfo, MapConfig, Me, Member, Proposal, Supervision, SupervisionUnit, Tour, TourRound, Track, UnitStats } from './rest';
import type { SessionKeeper } from './session';
import type { CalendarOverview } from './calendar-warning';
import type { CatalogImportResult } from './camera-catalog';

type Schemas = components['schemas'];

/** A refusal as the server's problem document says it: its detail, and which fields were bad and why. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

function problem(path: string, res: Response, json: unknown): ApiProblem {
  const e = json as { detail?: string; errors?: { field: string; message: string }[] };
  return new ApiProblem(res.status, e.detail ?? `${path}: HTTP ${res.status}`, Array.isArray(e.errors) ? e.errors : []);
}

/** The REST calls of the dashboard, with the session's bearer token (payload types: src/rest.ts). */
export class Api {
  constructor(private readonly keeper: SessionKeeper, private readonly onUnauthorized: () => void) {}

  /** Who is signed in and every permission they hold. */
  me(): Promise<Me> {
    return this.get('/api/v1/me');
  }

  /**
   * A request with the bearer token. A 401 (the token expired while the machine slept, say) renews
   * the session once and tries again; only a second 401 ends the session.
   */
  protected async send(path: string, init: RequestInit = {}): Promise<Response> {
    return this.authorized(() =>
      fetch(path, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${this.keeper.token}` } }));
  }

  /**
   * POSTs a file as the raw body, like {@link send}, telling how much of it went up ({@code onProgress}
   * from 0 to 1): fetch() cannot report an upload's progress, XMLHttpRequest can. No answer at all
   * rejects with a TypeError, as fetch() does.
   */
  protected sendFile(path: string, file: Blob, onProgress?: (fraction: number) => void): Promise<Response> {
    return this.authorized(() => new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Authorization', `Bearer ${this.keeper.token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers }));
      };
      xhr.onerror = () => reject(new TypeError('upload failed: no answer'));
      xhr.onabort = () => reject(new TypeError('upload aborted'));
      xhr.send(file);
    }));
  }

  /** Runs a call with the token; a 401 renews the session once and runs it again, a second 401 ends the session. */
  private async authorized(call: () => Promise<Response>): Promise<Response> {
    let res = await call();
    if (res.status === 401) {
      await this.keeper.renew();
      res = await call();
    }
    if (res.status === 401) {
      this.onUnauthorized();
      throw new ApiProblem(401, 'unauthorized');
    }
    return res;
  }

  /** POSTs JSON; throws the problem document ({@link ApiProblem}) on refusal. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.json('POST', path, body);
  }

  /** PUTs JSON; throws the problem document on refusal. */
  put<T>(path: string, body: unknown): Promise<T> {
    return this.json('PUT', path, body);
  }

  /** DELETEs; the answer's JSON; throws the problem document on refusal. */
  del<T>(path: string): Promise<T> {
    return this.json('DELETE', path);
  }

  /** A JSON call (a body only when given); the answer's JSON, or the problem document thrown. */
  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(path, body === undefined
      ? { method, headers: { Accept: 'application/json' } }
      : { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body ?? {}) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw problem(path, res, json);
    return json as T;
  }

  /** The category catalogue, inactive categories too (ADMIN, case-types.manage). */
  async caseCategoriesAll(): Promise<CaseCategory[]> {
    return (await this.get<{ items: CaseCategory[] }>('/api/v1/case-categories?all=true')).items;
  }

  /** The case types a category may have (each with its escalation chain). */
  async caseTypes(): Promise<CaseType[]> {
    return (await this.get<{ items: CaseType[] }>('/api/v1/case-types')).items;
  }

  createCaseCategory(body: Partial<CaseCategoryBody>): Promise<CaseCategory> {
    return this.post('/api/v1/case-categories', body);
  }

  /** Replaces the category's fields (all of them: what is left out takes its default). */
  updateCaseCategory(code: string, body: Partial<CaseCategoryBody>): Promise<CaseCategory> {
    return this.put(`/api/v1/case-categories/${encodeURIComponent(code)}`, body);
  }

  /** Deactivates: no longer offered to residents or Open311; cases filed under it keep it. */
  deactivateCaseCategory(code: string): Promise<CaseCategory> {
    return this.del(`/api/v1/case-categories/${encodeURIComponent(code)}`);
  }

  /** Uploads a photo of the scene (the file as it is: JPEG, PNG or WebP, at most 5 MiB). */
  alarmPhoto(id: number, file: Blob): Promise<{ id: number; url: string }> {
    return this.upload(`/api/v1/alarms/${id}/photos`, file);
  }

  /**
   * A photo for a request about to be filed or reported (POST /api/v1/case-photos); its url goes into
   * the request's or the report's photos. {@code onProgress}: how much went up, from 0 to 1.
   */
  casePhoto(file: Blob, onProgress?: (fraction: number) => void): Promise<{ id: number; url: string }> {
    return this.upload('/api/v1/case-photos', file, onProgress);
  }

  /** The area's cameras as a GB/T 28181 Catalog (XML), its file name, and how many cameras were left out for having no national code. */
  async cameraCatalog(): Promise<{ blob: Blob; fileName: string; uncoded: number }> {
    const res = await this.send('/api/v1/cameras/catalog.xml', { headers: { Accept: 'application/xml' } });
    if (!res.ok) throw new Error(`/api/v1/cameras/catalog.xml: HTTP ${res.status}`);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    return { blob: await res.blob(), fileName: named ? decodeURIComponent(named) : 'catalog.xml', uncoded: Number(res.headers.get('X-Uncoded-Cameras') ?? 0) };
  }

  /** Imports a GB/T 28181 Catalog file (its bytes as the body); a dry run checks and writes nothing. */
  importCameraCatalog(file: File, dryRun: boolean): Promise<CatalogImportResult> {
    return this.upload(`/api/v1/cameras/catalog?dryRun=${dryRun}&fileName=${encodeURIComponent(file.name)}`, file);
  }

  /** POSTs a file as the raw body; throws with the problem's first field error or detail on refusal. */
  private async upload<T>(path: string, file: Blob, onProgress?: (fraction: number) => void): Promise<T> {
    const res = await this.sendFile(path, file, onProgress);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = json as { detail?: string; errors?: { field: string; message: string }[] };
      throw new Error(e.errors?.[0] ? `${e.errors[0].field}: ${e.errors[0].message}` : e.detail ?? `HTTP ${res.status}`);
    }
    return json as T;
  }

  /** A photo as an object URL (images need the bearer token, which an <img src> cannot send). */
  async photoUrl(path: string): Promise<string> {
    const res = await this.send(path);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return URL.createObjectURL(await res.blob());
  }

  alarmAction(id: number, action: string, body: { note?: string; memberIds?: number[] } = {}): Promise<Alarm> {
    return this.post(`/api/v1/alarms/${id}/${action}`, body);
  }

  caseStats(from: string): Promise<CaseStats> {
    return this.get(`/api/v1/stats/cases?from=${encodeURIComponent(from)}`);
  }

  async supervisionByUnit(): Promise<SupervisionUnit[]> {
    return (await this.get<{ units: SupervisionUnit[] }>('/api/v1/supervision/summary')).units;
  }

  /** Per street, community and department: the figures of the cases submitted in [from, to), ranked among their kind. */
  unitStats(from: string, to: string): Promise<UnitStats> {
    return this.get(`/api/v1/stats/cases/units?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  }

  /** Warnings and supervision orders (督办单) issued since a moment, newest first. */
  async supervision(since: string): Promise<Supervision[]> {
    return (await this.get<{ items: Supervision[] }>(`/api/v1/supervision?since=${encodeURIComponent(since)}&limit=500`)).items;
  }

  /** Cases by the list's filters (status, level, overdue, area, from, to, category, limit). */
  async casesWhere(filters: Record<string, string>): Promise<Case[]> {
    return (await this.get<{ items: Case[] }>(`/api/v1/cases?${new URLSearchParams(filters)}`)).items;
  }

  /** Downloads a file the server makes (a report), under the name its Content-Disposition gives. */
  async download(path: string): Promise<void> {
    const res = await this.send(path);
    if (!res.ok) {
      const e = (await res.json().catch(() => ({}))) as { detail?: string };
      throw new Error(e.detail ?? `${path}: HTTP ${res.status}`);
    }
    const cd = res.headers.get('Content-Disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await res.blob());
    a.download = star ? decodeURIComponent(star[1]) : plain ? plain[1] : 'report';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
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

  /** A workflow action on a case (`reject` with `{note}`, `merge` with `{into}`, …); the case as it is after it. */
  caseAction(id: number, action: string, body: unknown): Promise<Case> {
    return this.post(`/api/v1/cases/${id}/${action}`, body);
  }

  /** The alarm's steps (in words, with who took them) and the members sent to it. */
  alarmTimeline(id: number): Promise<AlarmTimeline> {
    return this.get(`/api/v1/alarms/${id}/timeline`);
  }

  /** The grid workers the case may be assigned to (its community's), those of its own grid first. */
  async assignees(id: number): Promise<Assignee[]> {
    return (await this.get<{ items: Assignee[] }>(`/api/v1/cases/${id}/assignees`)).items;
  }

  /** The departments in the caller's reach, active and not (GET /api/v1/departments). */
  async departments(): Promise<Department[]> {
    return (await this.get<{ items: Department[] }>('/api/v1/departments')).items;
  }

  proposal(id: number): Promise<Proposal> {
    return this.get(`/api/v1/alarms/${id}/proposal`);
  }

  /** GETs JSON; throws on any status but 2xx. */
  async get<T>(path: string): Promise<T> {
    const res = await this.send(path, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  /** The official and provisional years of the working calendar (ADMIN). */
  calendarOverview(): Promise<CalendarOverview> {
    return this.get('/api/v1/calendar');
  }

  mapConfig(): Promise<MapConfig> {
    return this.get('/api/v1/config/map');
  }

  areas(): Promise<FeatureCollection> {
    return this.get('/api/v1/areas');
  }

  /** The device kinds with their labels and icons (devices.read). */
  async deviceKinds(): Promise<DeviceKindInfo[]> {
    return (await this.get<Schemas['DeviceKindPage']>('/api/v1/device-kinds')).items;
  }

  async devices(): Promise<Device[]> {
    return (await this.get<Schemas['DevicePage']>('/api/v1/devices?limit=5000')).items;
  }

  async alarms(): Promise<Alarm[]> {
    return (await this.get<Schemas['AlarmPage']>('/api/v1/alarms?limit=200')).items;
  }
}
