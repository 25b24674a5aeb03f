import type { components } from './generated/api';

/**
 * The REST payloads the dashboard reads. Those the server describes with a record are the
 * OpenAPI document's schemas (src/generated/api.d.ts, generated from dashboard-web/openapi.json
 * by `npm run api:types`; regenerate both with scripts/openapi-types.sh). The ones below the line
 * are answered as untyped maps today: the document has no schema for them, so they are written here
 * until their endpoint returns a record (then: replace with the schema and regenerate).
 */
type Schemas = components['schemas'];

export type Alarm = Schemas['AlarmView'];
export type Severity = Alarm['severity'];
export type Device = Schemas['DeviceView'];
export type Case = Schemas['CaseView'];
/** A session as POST /api/v1/auth/token and /refresh answer it. */
export type Session = Schemas['TokenResponse'];
/** Who is signed in and what the access policy lets them do (GET /api/v1/me). */
export type Me = Schemas['Me'];
/** One permission the signed-in user holds, and how far it reaches. */
export type Grant = Schemas['Grant'];

// ---- answered as maps (no schema in the document yet) ----

/** A person or motion region OpenCV found, in the image's pixels. */
export interface Detection {
  kind: 'person' | 'motion';
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

/** A basemap the installation offers; {@code crs} is the system its tiles are drawn in (GET /api/v1/config/map). */
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

/** Case figures and the three rates (null when there is nothing to count) (GET /api/v1/stats/cases). */
export interface CaseStats {
  total: { accepted: number; closed: number; open: number; overdue: number; complex: number; responseRate: number | null;
    resolutionRate: number | null; satisfactionRate: number | null };
}

/** A responder (平安联盟 member, grid worker, police) with the last known position (GET /api/v1/members). */
export interface Member {
  id: number;
  name: string;
  role: string;
  state: string;
  lon: number | null;
  lat: number | null;
}

/** A member's positions between two instants (GET /api/v1/tracks/{memberId}; the record's geometry and properties are maps). */
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

/** Who to send to an alarm, and which cameras see it (GET /api/v1/alarms/{id}/proposal). */
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

/** The supervision orders and warnings of one unit (GET /api/v1/supervision/summary). */
export interface SupervisionUnit {
  unitName: string;
  unitLevel: string;
  orders: number;
  warnings: number;
}
