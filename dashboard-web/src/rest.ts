import type { components } from './generated/api';

/**
 * The REST payloads the dashboard reads. Those the server describes with a record are the
 * OpenAPI document's schemas (src/generated/api.d.ts, generated from dashboard-web/openapi.json
 * by `npm run api:types`; regenerate both with scripts/openapi-types.sh). Below the second line:
 * what the document cannot say (JSON the server stores and passes through as it is).
 */
type Schemas = components['schemas'];

export type Alarm = Schemas['AlarmView'];
export type Severity = Alarm['severity'];
/** A member sent to an alarm, their state in words and its times (AlarmView.responders). */
export type AlarmResponder = Schemas['AlarmResponder'];
/** An alarm's steps and responders (GET /api/v1/alarms/{id}/timeline). */
export type AlarmTimeline = Schemas['Timeline'];
export type Device = Schemas['DeviceView'];
/** A device kind as its kind file on the server describes it (GET /api/v1/device-kinds). */
export type DeviceKindInfo = Schemas['DeviceKindView'];
export type Case = Schemas['CaseView'];
/** One department's part of a jointly handled case (多部门联办). */
export type CaseAssignment = Case['assignments'][number];
/** A grid worker a case may be assigned to (GET /api/v1/cases/{id}/assignees). */
export type Assignee = Schemas['Assignee'];
/** A department of the district (GET /api/v1/departments). */
export type Department = Schemas['Department'];
/** A session as POST /api/v1/auth/token and /refresh answer it. */
export type Session = Schemas['TokenResponse'];
/** Who is signed in and what the access policy lets them do (GET /api/v1/me). */
export type Me = Schemas['Me'];
/** One permission the signed-in user holds, and how far it reaches. */
export type Grant = Schemas['Grant'];

export type MapConfig = Omit<Schemas['MapConfig'], 'basemaps'> & { basemaps: Basemap[] };
/** A basemap the installation offers; {@code crs} is the system its tiles are drawn in (GET /api/v1/config/map). */
export type Basemap = Omit<Schemas['Basemap'], 'crs'> & { crs: 'wgs84' | 'gcj02' };
/** Case figures and the three rates (null when there is nothing to count) (GET /api/v1/stats/cases). */
export type CaseStats = Schemas['CaseStats'];
/** A responder (平安联盟 member, grid worker, police) with the last known position (GET /api/v1/members). */
export type Member = Pick<Schemas['MemberView'], 'id' | 'name' | 'role' | 'state' | 'lon' | 'lat'>;
/** A member's positions between two instants (GET /api/v1/tracks/{memberId}). */
export type Track = Schemas['Track'];
export type Tour = Schemas['TourView'];
export type TourRound = Schemas['RoundView'];
/** A category of the residents' requests' catalogue, with its case type's escalation chain in words (GET /api/v1/case-categories). */
export type CaseCategory = Schemas['CaseCategory'];
/** A category as an administrator writes it (POST /api/v1/case-categories, PUT …/{code}). */
export type CaseCategoryBody = Schemas['CaseCategoryBody'];
/** A case type and its escalation chain (GET /api/v1/case-types). */
export type CaseType = Schemas['CaseType'];
/** The supervision orders and warnings of one unit (GET /api/v1/supervision/summary). */
export type SupervisionUnit = Schemas['UnitCount'];
/** A supervision warning or order (督办单) on a case (GET /api/v1/supervision). */
export type Supervision = Schemas['Supervision'];
/** The per-unit statistics of a period (GET /api/v1/stats/cases/units): a ranked row per street, community and department. */
export type UnitStats = Schemas['UnitStats'];
export type UnitRow = Schemas['UnitRow'];

// ---- what the document cannot say ----

/** A person or motion region OpenCV found, in the image's pixels (a snapshot's stored analysis, JSON the server passes through). */
export interface Detection {
  kind: 'person' | 'motion';
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

/** Who to send to an alarm, and which cameras see it (GET /api/v1/alarms/{id}/proposal); the snapshots' detections as stored. */
export type Proposal = Omit<Schemas['Proposal'], 'snapshots'> & {
  snapshots: (Omit<Schemas['SceneSnapshot'], 'detections'> & { detections: Detection[] })[];
};
