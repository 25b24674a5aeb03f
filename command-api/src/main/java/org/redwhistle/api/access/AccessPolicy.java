package org.redwhistle.api.access;

import static org.redwhistle.api.access.Permission.*;
import static org.redwhistle.api.access.Scope.ALL;
import static org.redwhistle.api.access.Scope.AREA;
import static org.redwhistle.api.access.Scope.OWN;
import static org.redwhistle.api.access.Scope.SHARED;
import static org.redwhistle.api.security.Role.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.security.Role;

/**
 * The one authorization policy, default deny: which role holds which {@link Permission} and how
 * far it reaches ({@link Scope}), which permission every REST route and STOMP destination needs.
 * A route or destination without a line here is refused (and the application does not start).
 * README's "Security model" is rendered from this class ({@link PolicyTable}).
 */
public final class AccessPolicy {

    /** A REST route: the HTTP method and the path pattern exactly as the controller maps it. */
    public record Route(String method, String pattern, Permission permission) {
        public String key() {
            return method + " " + pattern;
        }
    }

    private static final Map<Permission, Map<Role, Scope>> GRANTS = new EnumMap<>(Permission.class);
    private static final Map<String, Route> ROUTES = new LinkedHashMap<>();
    private static final Map<String, Permission> DESTINATIONS = new LinkedHashMap<>();

    static {
        // ---- everyone signed in: themselves, the map's frame and shared reference data ----
        grant(PROFILE).to(OWN, Role.values());
        grant(AREAS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT, GRID_WORKER, PATROL, POLICE, POLICE_LEADER, INTEGRATOR, RESIDENT);
        grant(GEO_LOCATE).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT, GRID_WORKER, PATROL, POLICE, POLICE_LEADER, INTEGRATOR, RESIDENT);
        grant(MAP_CONFIG).to(SHARED, Role.values());
        grant(CALENDAR_READ).to(SHARED, Role.values());
        grant(CASE_TYPES_READ).to(SHARED, Role.values());

        // ---- alarms: the command center and police of the area; responders what they were sent to ----
        grant(ALARMS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL, GRID_WORKER);
        grant(ALARMS_COMMAND).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(ALARMS_RESOLVE).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL, GRID_WORKER);
        grant(ALARMS_ANSWER).to(OWN, PATROL, GRID_WORKER, POLICE);
        grant(ALARMS_PHOTO).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL, GRID_WORKER);
        grant(WATCHLIST_READ).to(ALL, ADMIN).to(SHARED, OPERATOR, POLICE, POLICE_LEADER);
        grant(WATCHLIST_MANAGE).to(ALL, ADMIN).to(SHARED, OPERATOR, POLICE, POLICE_LEADER);

        // ---- devices: the command center of the area; integrators their own ----
        grant(DEVICES_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, INTEGRATOR);
        grant(DEVICES_EDIT).to(ALL, ADMIN).to(AREA, OPERATOR).to(OWN, INTEGRATOR);
        grant(DEVICES_ENABLE).to(ALL, ADMIN).to(AREA, OPERATOR);
        grant(DEVICES_CREDENTIALS).to(ALL, ADMIN).to(OWN, INTEGRATOR);
        grant(DEVICES_COMMAND).to(ALL, ADMIN).to(AREA, OPERATOR).to(OWN, INTEGRATOR);
        grant(CAMERAS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(SNAPSHOTS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, INTEGRATOR);
        grant(DEAD_LETTERS_READ).to(ALL, ADMIN).to(AREA, OPERATOR).to(OWN, INTEGRATOR);
        grant(PROVISIONING_KEYS).to(ALL, ADMIN).to(OWN, INTEGRATOR);

        // ---- camera catalogue (issue 22): national codes, GB/T 28181 Catalog export and import ----
        grant(CAMERAS_CODES).to(ALL, ADMIN);
        grant(CAMERAS_CATALOG_EXPORT).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(CAMERAS_CATALOG_IMPORT).to(ALL, ADMIN).to(AREA, OPERATOR);

        // ---- responders: positions, tracks, arming and timetables are for the command center, police and leaders ----
        grant(MEMBERS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(MEMBERS_DUTY).to(OWN, PATROL, GRID_WORKER, POLICE);
        grant(MEMBERS_MANAGE).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(LEADS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL);
        grant(TRACKS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL, GRID_WORKER);
        grant(ZONES_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(ZONES_MANAGE).to(ALL, ADMIN).to(AREA, OPERATOR);
        grant(TOURS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(TOURS_MANAGE).to(ALL, ADMIN).to(AREA, OPERATOR, POLICE);

        // ---- 小红哨 requests: residents their own; the units of the chain their area's ----
        grant(CASES_FILE).to(ALL, ADMIN).to(AREA, OPERATOR, GRID_WORKER, PATROL).to(OWN, RESIDENT);
        grant(CASES_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT, GRID_WORKER).to(OWN, RESIDENT);
        grant(CASES_FOLLOW).to(OWN, RESIDENT);
        grant(CASES_HANDLE).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER);
        grant(CASES_REPORT).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT).to(OWN, GRID_WORKER);
        grant(CASES_EVALUATE).to(OWN, RESIDENT);
        grant(CASES_SEND_BACK).to(AREA, DEPARTMENT);
        grant(CASES_INSTRUCT).to(AREA, LEADER);
        // whoever files or reports requests sends their photos: the holders of cases.file and cases.report, each at the wider scope
        grant(CASES_PHOTOS).toHoldersOf(CASES_FILE, CASES_REPORT);
        grant(SUPERVISION_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT);
        grant(STATS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT, GRID_WORKER, POLICE, POLICE_LEADER);
        grant(UNITS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT, GRID_WORKER, POLICE, POLICE_LEADER);

        // ---- administration ----
        grant(AREAS_IMPORT).to(ALL, ADMIN);
        grant(UNITS_MANAGE).to(ALL, ADMIN);
        grant(CALENDAR_MANAGE).to(ALL, ADMIN);
        grant(CASE_TYPES_MANAGE).to(ALL, ADMIN);
        grant(OPEN311_KEYS).to(ALL, ADMIN);
        grant(AUDIT_VERIFY).to(ALL, ADMIN);

        // ---- compact (issue 20) ----
        // the text is public to the village's residents and to everyone who works there; drafts and decisions are the committee's;
        // welfare is paid by the committee (village funds) and by the district's departments (civil affairs' subsidies)
        grant(COMPACT_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, GRID_WORKER, COMMITTEE, MEDIATOR, RESIDENT);
        grant(COMPACT_MANAGE).to(ALL, ADMIN).to(AREA, COMMITTEE);
        grant(COMPACT_REPORT).to(ALL, ADMIN).to(AREA, GRID_WORKER, COMMITTEE);
        grant(COMPACT_DECIDE).to(ALL, ADMIN).to(AREA, COMMITTEE);
        grant(COMPACT_APPEAL).to(ALL, ADMIN).to(AREA, COMMITTEE).to(OWN, RESIDENT);
        grant(COMPACT_RECORDS).to(ALL, ADMIN).to(AREA, GRID_WORKER, COMMITTEE).to(OWN, RESIDENT);
        grant(COMPACT_WELFARE).to(ALL, ADMIN).to(AREA, COMMITTEE, DEPARTMENT);

        // ---- alliance (issue 21): led by the police station; its members see their own membership ----
        grant(ALLIANCE_APPLY).to(OWN, RESIDENT);
        grant(ALLIANCE_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL);
        grant(ALLIANCE_MANAGE).to(ALL, ADMIN).to(AREA, POLICE, POLICE_LEADER);
        grant(ALLIANCE_STATS).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        // ---- leads and rewards (issue 21): the police review and propose, their leader approves and pays from the district's fund ----
        grant(LEADS_REVIEW).to(AREA, POLICE, POLICE_LEADER);
        grant(REWARDS_READ).to(ALL, ADMIN).to(AREA, LEADER, POLICE, POLICE_LEADER).to(OWN, PATROL);
        grant(REWARDS_PROPOSE).to(AREA, POLICE, POLICE_LEADER);
        grant(REWARDS_APPROVE).to(AREA, POLICE_LEADER);
        grant(FUND_READ).to(ALL, ADMIN).to(AREA, LEADER, POLICE, POLICE_LEADER);
        grant(FUND_MANAGE).to(ALL, ADMIN);
        // ---- face gates (issue 21): the watchlist and the faces that passed are the police's alone ----
        grant(FACE_WATCHLIST_READ).to(AREA, POLICE, POLICE_LEADER);
        grant(FACE_WATCHLIST_MANAGE).to(AREA, POLICE, POLICE_LEADER);
        grant(FACE_PASSAGES_READ).to(AREA, POLICE, POLICE_LEADER);

        // ---- recordings (issue 22): the area's command center and police watch; operators and police export evidence;
        // the command center decides what is recorded ----
        grant(RECORDINGS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(RECORDINGS_EXPORT).to(ALL, ADMIN).to(AREA, OPERATOR, POLICE, POLICE_LEADER);
        grant(RECORDINGS_MANAGE).to(ALL, ADMIN).to(AREA, OPERATOR);
        // ---- live video (issue 22): whoever may see a camera's snapshots may watch it live, as far ----
        grant(VIDEO_LIVE).toHoldersOf(SNAPSHOTS_READ);

        // ---- live push: what the same roles may read over REST, delivered inside their area ----
        grant(LIVE_ALARMS).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(LIVE_CASES).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, DEPARTMENT);
        grant(LIVE_POSITIONS).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(LIVE_DEVICES).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, POLICE, POLICE_LEADER);
        grant(LIVE_ALERTS).to(OWN, Role.values());
        grant(LIVE_OWN_CASES).to(OWN, RESIDENT);

        // ---- decisions (issue 20) ----
        // the rules are the same for everyone who takes part in decisions; only administrators change them
        // (not a village's committee: the list of what must go to the representatives is not for those it binds to loosen)
        grant(DECISION_RULES_READ).to(SHARED, ADMIN, OPERATOR, LEADER, COMMITTEE);
        grant(DECISION_RULES_MANAGE).to(ALL, ADMIN);
        // the village's committee runs 四议两公开; the town's and district's leaders and operators follow it (without names)
        grant(DECISIONS_READ).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER, COMMITTEE);
        grant(DECISIONS_MANAGE).to(AREA, COMMITTEE);
        // ---- mediation (issue 20) ----
        grant(MEDIATION_READ).to(ALL, ADMIN).to(AREA, COMMITTEE, MEDIATOR).to(OWN, RESIDENT);
        grant(MEDIATION_OPEN).to(ALL, ADMIN).to(AREA, COMMITTEE, MEDIATOR).to(OWN, RESIDENT);
        grant(MEDIATION_HANDLE).to(ALL, ADMIN).to(AREA, MEDIATOR);
        grant(MEDIATION_STATS).to(ALL, ADMIN).to(AREA, COMMITTEE, LEADER, OPERATOR);
        // ---- registry (issue 20) ----
        // the committees keep the ledger; grid workers call the people of their grid (phones, not ID numbers); the mediation
        // team needs names, roles and households only; a resident sees their own household
        grant(REGISTRY_READ).to(ALL, ADMIN).to(AREA, COMMITTEE, GRID_WORKER, MEDIATOR).to(OWN, RESIDENT);
        grant(REGISTRY_CONTACT).to(ALL, ADMIN).to(AREA, COMMITTEE, GRID_WORKER).to(OWN, RESIDENT);
        grant(REGISTRY_PERSONAL).to(ALL, ADMIN).to(AREA, COMMITTEE).to(OWN, RESIDENT);
        grant(REGISTRY_MANAGE).to(ALL, ADMIN).to(AREA, COMMITTEE);
        // ---- fivesteps (issue 20): a community's public matters, public to its residents ----
        grant(PROPOSALS_RAISE).to(ALL, ADMIN).to(AREA, RESIDENT, COMMITTEE, GRID_WORKER);
        grant(PROPOSALS_CONVERT).to(ALL, ADMIN).to(AREA, COMMITTEE, OPERATOR);
        grant(PROPOSALS_READ).to(ALL, ADMIN).to(AREA, RESIDENT, COMMITTEE, GRID_WORKER, OPERATOR, LEADER);
        grant(PROPOSALS_MANAGE).to(ALL, ADMIN).to(AREA, COMMITTEE, GRID_WORKER);
        grant(PROPOSALS_TASKS).to(ALL, ADMIN).to(AREA, OPERATOR, COMMITTEE).to(OWN, DEPARTMENT);
        grant(PROPOSALS_SUPERVISE).to(ALL, ADMIN).to(AREA, OPERATOR, LEADER);
        grant(PROPOSALS_EVALUATE).to(AREA, RESIDENT);

        // ---- REST routes ----
        route("POST", "/api/v1/auth/token", SESSION);
        route("POST", "/api/v1/auth/refresh", SESSION);
        route("POST", "/api/v1/auth/logout", SESSION);
        route("POST", "/api/v1/auth/sms-codes", SESSION);
        route("POST", "/api/v1/auth/signup", SESSION);
        route("POST", "/api/v1/auth/password-reset", SESSION);
        route("GET", "/asyncapi.json", CONTRACT);
        route("GET", "/v3/api-docs", CONTRACT);
        route("GET", "/v3/api-docs.yaml", CONTRACT);
        route("GET", "/v3/api-docs/swagger-config", CONTRACT);
        route("GET", "/swagger-ui.html", CONTRACT);
        route("GET", "/open311/v2/discovery.{fmt}", OPEN311);
        route("GET", "/open311/v2/services.{fmt}", OPEN311);
        route("GET", "/open311/v2/services/{code}.{fmt}", OPEN311);
        route("POST", "/open311/v2/requests.{fmt}", OPEN311);
        route("GET", "/open311/v2/requests.{fmt}", OPEN311);
        route("GET", "/open311/v2/requests/{id}.{fmt}", OPEN311);
        route("GET", "/open311/v2/tokens/{token}.{fmt}", OPEN311);
        route("GET", "/open311/v2/media/{photoId}", OPEN311);

        route("GET", "/api/v1/me", PROFILE);
        route("GET", "/api/v1/areas", AREAS_READ);
        route("GET", "/api/v1/areas/{id}", AREAS_READ);
        route("POST", "/api/v1/areas/import", AREAS_IMPORT);
        route("GET", "/api/v1/geo/locate", GEO_LOCATE);
        route("GET", "/api/v1/config/map", MAP_CONFIG);
        route("GET", "/api/v1/calendar", CALENDAR_MANAGE);
        route("GET", "/api/v1/calendar/deadline", CALENDAR_READ);
        route("GET", "/api/v1/calendar/{year}", CALENDAR_READ);
        route("PUT", "/api/v1/calendar/{year}", CALENDAR_MANAGE);

        route("GET", "/api/v1/alarms", ALARMS_READ);
        route("GET", "/api/v1/alarms/{id}", ALARMS_READ);
        route("GET", "/api/v1/alarms/{id}/timeline", ALARMS_READ);
        route("GET", "/api/v1/alarms/{id}/photos/{photoId}", ALARMS_READ);
        route("GET", "/api/v1/alarms/{id}/proposal", ALARMS_COMMAND);
        route("GET", "/api/v1/alarms/{id}/cameras", ALARMS_COMMAND);
        route("POST", "/api/v1/alarms/{id}/acknowledge", ALARMS_COMMAND);
        route("POST", "/api/v1/alarms/{id}/dispatch", ALARMS_COMMAND);
        route("POST", "/api/v1/alarms/{id}/false-alarm", ALARMS_COMMAND);
        route("POST", "/api/v1/alarms/{id}/to-case", ALARMS_COMMAND);
        route("POST", "/api/v1/alarms/{id}/resolve", ALARMS_RESOLVE);
        route("POST", "/api/v1/alarms/{id}/accept", ALARMS_ANSWER);
        route("POST", "/api/v1/alarms/{id}/decline", ALARMS_ANSWER);
        route("POST", "/api/v1/alarms/{id}/photos", ALARMS_PHOTO);
        route("GET", "/api/v1/watchlist", WATCHLIST_READ);
        route("POST", "/api/v1/watchlist", WATCHLIST_MANAGE);
        route("DELETE", "/api/v1/watchlist/{plate}", WATCHLIST_MANAGE);

        route("GET", "/api/v1/devices", DEVICES_READ);
        route("GET", "/api/v1/devices/{id}", DEVICES_READ);
        route("GET", "/api/v1/devices/{id}/commands", DEVICES_READ);
        route("PATCH", "/api/v1/devices/{id}", DEVICES_EDIT);
        route("POST", "/api/v1/devices/{id}/credentials", DEVICES_CREDENTIALS);
        route("POST", "/api/v1/devices/{id}/commands", DEVICES_COMMAND);
        route("GET", "/api/v1/cameras/covering", CAMERAS_READ);
        route("GET", "/api/v1/snapshots", SNAPSHOTS_READ);
        route("GET", "/api/v1/snapshots/{id}", SNAPSHOTS_READ);
        route("GET", "/api/v1/snapshots/{id}/image", SNAPSHOTS_READ);
        route("GET", "/api/v1/snapshots/{id}/thumbnail", SNAPSHOTS_READ);
        route("GET", "/api/v1/dead-letters", DEAD_LETTERS_READ);
        route("GET", "/api/v1/provisioning-keys", PROVISIONING_KEYS);
        route("POST", "/api/v1/provisioning-keys", PROVISIONING_KEYS);

        route("GET", "/api/v1/members", MEMBERS_READ);
        route("GET", "/api/v1/members/nearby", MEMBERS_READ);
        route("POST", "/api/v1/members/me/position", MEMBERS_DUTY);
        route("PUT", "/api/v1/members/me/state", MEMBERS_DUTY);
        route("POST", "/api/v1/members/me/sos", MEMBERS_DUTY);
        route("POST", "/api/v1/members/me/leads", MEMBERS_DUTY);
        route("PUT", "/api/v1/members/{id}/state", MEMBERS_MANAGE);
        route("GET", "/api/v1/tracks/{memberId}", TRACKS_READ);
        route("GET", "/api/v1/zones", ZONES_READ);
        route("GET", "/api/v1/zones/{id}/activity", ZONES_READ);
        route("POST", "/api/v1/zones", ZONES_MANAGE);
        route("PUT", "/api/v1/zones/{id}", ZONES_MANAGE);
        route("GET", "/api/v1/tours", TOURS_READ);
        route("GET", "/api/v1/tours/{id}/rounds", TOURS_READ);
        route("POST", "/api/v1/tours", TOURS_MANAGE);

        route("POST", "/api/v1/cases", CASES_FILE);
        route("GET", "/api/v1/cases", CASES_READ);
        route("GET", "/api/v1/cases/{id}", CASES_READ);
        route("POST", "/api/v1/cases/{id}/take", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/assign", CASES_HANDLE);
        route("GET", "/api/v1/cases/{id}/assignees", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/escalate", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/complex", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/report", CASES_REPORT);
        route("POST", "/api/v1/cases/{id}/evaluate", CASES_EVALUATE);
        route("POST", "/api/v1/case-photos", CASES_PHOTOS);
        route("GET", "/api/v1/case-photos/{id}", CASES_PHOTOS);
        route("POST", "/api/v1/cases/{id}/withdraw", CASES_FOLLOW);
        route("POST", "/api/v1/cases/{id}/remind", CASES_FOLLOW);
        route("POST", "/api/v1/cases/{id}/reject", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/merge", CASES_HANDLE);
        route("POST", "/api/v1/cases/{id}/send-back", CASES_SEND_BACK);
        route("POST", "/api/v1/cases/{id}/instruct", CASES_INSTRUCT);
        route("GET", "/api/v1/units", UNITS_READ);
        route("GET", "/api/v1/departments", UNITS_READ);
        route("POST", "/api/v1/departments", UNITS_MANAGE);
        route("PUT", "/api/v1/departments/{code}", UNITS_MANAGE);
        route("GET", "/api/v1/case-types", CASE_TYPES_READ);
        route("PUT", "/api/v1/case-types/{code}", CASE_TYPES_MANAGE);
        route("GET", "/api/v1/case-categories", CASE_TYPES_READ);
        route("POST", "/api/v1/case-categories", CASE_TYPES_MANAGE);
        route("PUT", "/api/v1/case-categories/{code}", CASE_TYPES_MANAGE);
        route("DELETE", "/api/v1/case-categories/{code}", CASE_TYPES_MANAGE);
        route("GET", "/api/v1/supervision", SUPERVISION_READ);
        route("GET", "/api/v1/supervision/summary", SUPERVISION_READ);
        route("GET", "/api/v1/stats/cases", STATS_READ);
        route("GET", "/api/v1/stats/cases/units", STATS_READ);
        route("GET", "/api/v1/stats/cases/report", STATS_READ);
        route("POST", "/api/v1/open311-keys", OPEN311_KEYS);
        route("GET", "/api/v1/audit/verify", AUDIT_VERIFY);

        // ---- decisions (issue 20) ----
        route("GET", "/api/v1/decisions/rules", DECISION_RULES_READ);
        route("PUT", "/api/v1/decisions/rules/{code}", DECISION_RULES_MANAGE);
        route("GET", "/api/v1/decisions/matter-kinds", DECISION_RULES_READ);
        route("POST", "/api/v1/decisions/matter-kinds", DECISION_RULES_MANAGE);
        route("PUT", "/api/v1/decisions/matter-kinds/{code}", DECISION_RULES_MANAGE);
        route("GET", "/api/v1/decisions/matters", DECISIONS_READ);
        route("GET", "/api/v1/decisions/matters/{id}", DECISIONS_READ);
        route("GET", "/api/v1/decisions/matters/{id}/members", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters/{id}/steps", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters/{id}/publication", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters/{id}/implementation", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters/{id}/result", DECISIONS_MANAGE);
        route("POST", "/api/v1/decisions/matters/{id}/repropose", DECISIONS_MANAGE);
        route("GET", "/api/v1/public/villages/{code}/board", PUBLIC_BOARD);
        // ---- mediation (issue 20) ----
        route("GET", "/api/v1/mediation/rosters", MEDIATION_READ);
        route("GET", "/api/v1/mediation/disputes", MEDIATION_READ);
        route("GET", "/api/v1/mediation/disputes/{id}", MEDIATION_READ);
        route("GET", "/api/v1/mediation/disputes/{id}/agreement.pdf", MEDIATION_READ);
        route("GET", "/api/v1/mediation/disputes/{id}/file.pdf", MEDIATION_READ);
        route("POST", "/api/v1/mediation/disputes", MEDIATION_OPEN);
        route("POST", "/api/v1/mediation/disputes/{id}/sessions", MEDIATION_HANDLE);
        route("POST", "/api/v1/mediation/disputes/{id}/escalate", MEDIATION_HANDLE);
        route("PUT", "/api/v1/mediation/disputes/{id}/agreement", MEDIATION_HANDLE);
        route("POST", "/api/v1/mediation/disputes/{id}/agreement/generate", MEDIATION_HANDLE);
        route("POST", "/api/v1/mediation/disputes/{id}/sign-off", MEDIATION_HANDLE);
        route("POST", "/api/v1/mediation/disputes/{id}/refer", MEDIATION_HANDLE);
        route("POST", "/api/v1/mediation/disputes/{id}/withdraw", MEDIATION_HANDLE);
        route("GET", "/api/v1/mediation/stats", MEDIATION_STATS);
        // ---- compact (issue 20) ----
        route("GET", "/api/v1/compact", COMPACT_READ);
        route("GET", "/api/v1/compact/versions/{id}", COMPACT_READ);
        route("POST", "/api/v1/compact/versions", COMPACT_MANAGE);
        route("PUT", "/api/v1/compact/versions/{id}", COMPACT_MANAGE);
        route("POST", "/api/v1/compact/versions/{id}/propose", COMPACT_MANAGE);
        route("GET", "/api/v1/compact/violations", COMPACT_RECORDS);
        route("GET", "/api/v1/compact/violations/{id}", COMPACT_RECORDS);
        route("POST", "/api/v1/compact/violations", COMPACT_REPORT);
        route("POST", "/api/v1/compact/violations/{id}/photos", COMPACT_REPORT);
        route("GET", "/api/v1/compact/violations/{id}/photos/{photoId}", COMPACT_RECORDS);
        route("POST", "/api/v1/compact/violations/{id}/confirm", COMPACT_DECIDE);
        route("POST", "/api/v1/compact/violations/{id}/dismiss", COMPACT_DECIDE);
        route("POST", "/api/v1/compact/violations/{id}/restore", COMPACT_DECIDE);
        route("POST", "/api/v1/compact/violations/{id}/appeal", COMPACT_APPEAL);
        route("GET", "/api/v1/compact/households", COMPACT_REPORT);
        route("GET", "/api/v1/compact/households/{id}/record", COMPACT_RECORDS);
        route("GET", "/api/v1/compact/my-record", COMPACT_RECORDS);
        route("GET", "/api/v1/compact/welfare-suspensions", COMPACT_WELFARE);
        // ---- registry (issue 20) ----
        route("GET", "/api/v1/registry/summary", REGISTRY_READ);
        route("GET", "/api/v1/registry/households", REGISTRY_READ);
        route("GET", "/api/v1/registry/households/{id}", REGISTRY_READ);
        route("GET", "/api/v1/registry/roster", REGISTRY_READ);
        route("GET", "/api/v1/registry/me", REGISTRY_READ);
        route("POST", "/api/v1/registry/people/{id}/reveal", REGISTRY_PERSONAL);
        route("POST", "/api/v1/registry/households", REGISTRY_MANAGE);
        route("PUT", "/api/v1/registry/households/{id}", REGISTRY_MANAGE);
        route("POST", "/api/v1/registry/people", REGISTRY_MANAGE);
        route("PUT", "/api/v1/registry/people/{id}", REGISTRY_MANAGE);
        route("POST", "/api/v1/registry/import", REGISTRY_MANAGE);
        route("GET", "/api/v1/registry/import-template", REGISTRY_MANAGE);
        route("PUT", "/api/v1/registry/people/{id}/account", REGISTRY_MANAGE);
        // ---- fivesteps (issue 20) ----
        route("GET", "/api/v1/proposals", PROPOSALS_READ);
        route("GET", "/api/v1/proposals/meeting-types", PROPOSALS_READ);
        route("GET", "/api/v1/proposals/departments", PROPOSALS_MANAGE);
        route("GET", "/api/v1/proposals/{id}", PROPOSALS_READ);
        route("POST", "/api/v1/proposals", PROPOSALS_RAISE);
        route("POST", "/api/v1/proposals/from-case/{caseId}", PROPOSALS_CONVERT);
        route("POST", "/api/v1/proposals/{id}/deliberations", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/options", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/meetings", PROPOSALS_MANAGE);
        route("PUT", "/api/v1/proposals/{id}/meetings/{meetingId}/votes", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/meetings/{meetingId}/close", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/tasks", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/complete", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposals/{id}/evaluations", PROPOSALS_EVALUATE);
        route("GET", "/api/v1/proposal-tasks", PROPOSALS_TASKS);
        route("GET", "/api/v1/proposal-tasks/overdue", PROPOSALS_SUPERVISE);
        route("POST", "/api/v1/proposal-tasks/{id}/report", PROPOSALS_TASKS);
        route("POST", "/api/v1/proposal-tasks/{id}/accept", PROPOSALS_MANAGE);
        route("POST", "/api/v1/proposal-tasks/{id}/send-back", PROPOSALS_MANAGE);

        // ---- alliance (issue 21) ----
        route("GET", "/api/v1/alliance/teams", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/teams", ALLIANCE_MANAGE);
        route("PUT", "/api/v1/alliance/teams/{id}", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/applications", ALLIANCE_APPLY);
        route("GET", "/api/v1/alliance/applications/mine", ALLIANCE_APPLY);
        route("POST", "/api/v1/alliance/members", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/members", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/members/{id}", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/members/{id}/vet", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/{id}/suspend", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/{id}/reinstate", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/{id}/leave", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/{id}/badge", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/{id}/account", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/members/import", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/members/import-template", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/me", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/summary", ALLIANCE_STATS);
        route("GET", "/api/v1/public/badges/{token}", BADGE_CHECK);

        // equipment, training and duty rosters (alliance-duty): the police station of the area manages; a member reads their own (…/mine)
        route("GET", "/api/v1/alliance/equipment/kinds", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/equipment/items", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/equipment/items", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/equipment/items/{id}", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/equipment/items/{id}/issue", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/equipment/items/{id}/return", ALLIANCE_MANAGE);
        route("POST", "/api/v1/alliance/equipment/items/{id}/repaired", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/equipment/members/{id}", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/equipment/mine", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/training/courses", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/training/courses", ALLIANCE_MANAGE);
        route("PUT", "/api/v1/alliance/training/courses/{code}", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/training/sessions", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/training/sessions", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/training/sessions/{id}", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/training/sessions/{id}/records", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/training/members", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/training/members/{id}", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/training/mine", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/rosters/teams", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/rosters/shifts", ALLIANCE_READ);
        route("POST", "/api/v1/alliance/rosters/shifts", ALLIANCE_MANAGE);
        route("PUT", "/api/v1/alliance/rosters/shifts/{id}/members", ALLIANCE_MANAGE);
        route("DELETE", "/api/v1/alliance/rosters/shifts/{id}", ALLIANCE_MANAGE);
        route("GET", "/api/v1/alliance/rosters/now", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/rosters/members/{id}", ALLIANCE_READ);
        route("GET", "/api/v1/alliance/rosters/mine", ALLIANCE_READ);

        // ---- leads and rewards (issue 21) ----
        route("GET", "/api/v1/leads", LEADS_READ);
        route("GET", "/api/v1/leads/{id}", LEADS_READ);
        route("GET", "/api/v1/leads/stats", ALLIANCE_STATS);
        route("POST", "/api/v1/leads/{id}/review", LEADS_REVIEW);
        route("POST", "/api/v1/leads/{id}/outcome", LEADS_REVIEW);
        route("POST", "/api/v1/leads/{id}/to-case", LEADS_REVIEW);
        route("POST", "/api/v1/leads/{id}/to-alarm", LEADS_REVIEW);
        route("GET", "/api/v1/rewards", REWARDS_READ);
        route("POST", "/api/v1/rewards", REWARDS_PROPOSE);
        route("POST", "/api/v1/rewards/{id}/approve", REWARDS_APPROVE);
        route("POST", "/api/v1/rewards/{id}/refuse", REWARDS_APPROVE);
        route("GET", "/api/v1/rewards/fund", FUND_READ);
        route("POST", "/api/v1/rewards/fund/movements", FUND_MANAGE);
        route("GET", "/api/v1/rewards/report", FUND_READ);

        // ---- device kinds and face gates (issue 21) ----
        route("GET", "/api/v1/device-kinds", DEVICES_READ);
        route("GET", "/api/v1/face-watchlist", FACE_WATCHLIST_READ);
        route("POST", "/api/v1/face-watchlist", FACE_WATCHLIST_MANAGE);
        route("DELETE", "/api/v1/face-watchlist/{id}", FACE_WATCHLIST_MANAGE);
        route("GET", "/api/v1/face-passages", FACE_PASSAGES_READ);
        route("GET", "/api/v1/intercoms/{id}/activity", DEVICES_READ);

        // ---- camera catalogue (issue 22) ----
        route("GET", "/api/v1/cameras/catalog.xml", CAMERAS_CATALOG_EXPORT);
        route("POST", "/api/v1/cameras/catalog", CAMERAS_CATALOG_IMPORT);

        // ---- patrol phone (issue 21) ----
        route("GET", "/api/v1/members/me", MEMBERS_DUTY);
        route("GET", "/api/v1/members/me/offers", MEMBERS_DUTY);

        // ---- recordings (issue 22) ----
        route("GET", "/api/v1/recordings/search", RECORDINGS_READ);
        route("GET", "/api/v1/recordings/cameras/{id}/video", RECORDINGS_READ);
        route("GET", "/api/v1/recordings/cameras/{id}/export", RECORDINGS_EXPORT);
        route("GET", "/api/v1/recordings/alarms/{alarmId}/clips", RECORDINGS_READ);
        route("GET", "/api/v1/recordings/clips/{id}/video", RECORDINGS_READ);
        route("GET", "/api/v1/recordings/clips/{id}/export", RECORDINGS_EXPORT);
        route("GET", "/api/v1/recordings/settings", RECORDINGS_READ);
        route("PUT", "/api/v1/recordings/settings/{cameraId}", RECORDINGS_MANAGE);
        // ---- live video (issue 22): a viewer's lease on a camera's relay; the picture comes over /live with the lease ----
        route("POST", "/api/v1/cameras/{id}/live", VIDEO_LIVE);
        route("POST", "/api/v1/live/{leaseId}/renew", VIDEO_LIVE);
        route("DELETE", "/api/v1/live/{leaseId}", VIDEO_LIVE);
        route("GET", "/api/v1/live", VIDEO_LIVE);

        // ---- STOMP destinations ----
        destination("/topic/alarms", LIVE_ALARMS);
        destination("/topic/cases", LIVE_CASES);
        destination("/topic/positions", LIVE_POSITIONS);
        destination("/topic/devices", LIVE_DEVICES);
        destination("/user/queue/alerts", LIVE_ALERTS);
        destination("/user/queue/cases", LIVE_OWN_CASES);
    }

    private AccessPolicy() {
    }

    /** How far the role's permission reaches; empty when the role does not hold it. */
    public static Optional<Scope> scope(Role role, Permission permission) {
        return Optional.ofNullable(GRANTS.getOrDefault(permission, Map.of()).get(role));
    }

    /** Every role holding the permission, with its scope, in the order of {@link Role}. */
    public static Map<Role, Scope> holders(Permission permission) {
        return Collections.unmodifiableMap(GRANTS.getOrDefault(permission, Map.of()));
    }

    /** The line of a route, by HTTP method and the controller's path pattern. */
    public static Optional<Route> route(String method, String pattern) {
        return Optional.ofNullable(ROUTES.get(method + " " + pattern));
    }

    public static List<Route> routes() {
        return List.copyOf(ROUTES.values());
    }

    /** The permission a STOMP destination needs; empty when the destination does not exist. */
    public static Optional<Permission> destination(String destination) {
        return Optional.ofNullable(DESTINATIONS.get(destination));
    }

    public static Map<String, Permission> destinations() {
        return Collections.unmodifiableMap(DESTINATIONS);
    }

    // ---- building the table ----

    private static Grants grant(Permission p) {
        if (p.open()) {
            throw new IllegalStateException(p + " is open to everyone; it has no role grants");
        }
        return new Grants(GRANTS.computeIfAbsent(p, k -> new EnumMap<>(Role.class)));
    }

    private record Grants(Map<Role, Scope> roles) {
        /** Every role holding any of {@code others}, at the widest scope it holds them (ALL, then AREA, then OWN). */
        Grants toHoldersOf(Permission... others) {
            for (Role r : Role.values()) {
                java.util.Arrays.stream(others).map(o -> scope(r, o)).flatMap(Optional::stream).min(Scope::compareTo)
                        .ifPresent(s -> to(s, r));
            }
            return this;
        }

        Grants to(Scope scope, Role... holders) {
            for (Role r : holders) {
                if (roles.put(r, scope) != null) {
                    throw new IllegalStateException("two lines for " + r);
                }
            }
            return this;
        }
    }

    private static void route(String method, String pattern, Permission p) {
        Route r = new Route(method, pattern, p);
        if (ROUTES.put(r.key(), r) != null) {
            throw new IllegalStateException("two lines for " + r.key());
        }
    }

    private static void destination(String destination, Permission p) {
        DESTINATIONS.put(destination, p);
    }
}
