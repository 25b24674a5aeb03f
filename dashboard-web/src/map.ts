import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import type { Alarm, Basemap, Device, DeviceKindInfo, Member } from './rest';
import type { ConnState } from './live';
import { AlarmsLayer } from './layers/alarms';
import { showAreas } from './layers/areas';
import { type Project, projectFor, styleFor } from './layers/basemap';
import { type CasePoint, CasesLayer } from './layers/cases';
import { DevicesLayer } from './layers/devices';
import { MembersLayer } from './layers/members';

/**
 * The operators' map: the basemap and one layer per kind of thing on it (src/layers: areas,
 * devices and their live positions, responders, cases, alarms). Changes to the devices and the
 * responders are drawn at most once per animation frame, however many arrive.
 */
export class CommandMap {
  readonly map: MlMap;
  readonly project: Project;
  private readonly alarms: AlarmsLayer;
  private readonly devices: DevicesLayer;
  private readonly members: MembersLayer;
  private readonly cases: CasesLayer;
  private readonly ready: Promise<void>;

  constructor(container: HTMLElement, readonly basemap: Basemap) {
    this.project = projectFor(basemap);
    this.map = new maplibregl.Map({
      container,
      style: styleFor(basemap),
      center: this.project(119.126, 36.7045),
      zoom: 15,
      attributionControl: false,
      // north up, flat: the terminal overlay projects with scale and offset only
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    // 'load' fires once; map.loaded() is false again whenever a source or image changes afterwards, so a caller
    // that asked later (after setDeviceKinds, say) and waited for another 'load' waited for ever
    this.ready = new Promise((r) => this.map.once('load', () => r()));
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.members = new MembersLayer(this.map, this.project);
    this.devices = new DevicesLayer(this.map, this.project, (id, name, lon, lat) => this.moveMember(id, name, lon, lat));
    this.cases = new CasesLayer(this.map, this.project);
    this.alarms = new AlarmsLayer(this.map, this.project);
    // for the browser tests: where a WGS-84 point is drawn, in CSS pixels from the map's top left corner
    (window as unknown as { rwMapPixel?: (lon: number, lat: number) => [number, number] }).rwMapPixel = (lon, lat) => {
      const p = this.map.project(this.project(lon, lat));
      return [p.x, p.y];
    };
  }

  /** The buttons of an open alarm (acknowledge, dispatch, resolve, false alarm), shown in its popup too. */
  set popupActions(actions: ((a: Alarm) => HTMLElement | null) | undefined) {
    this.alarms.popupActions = actions;
  }

  get popupActions(): ((a: Alarm) => HTMLElement | null) | undefined {
    return this.alarms.popupActions;
  }

  /** What a device's popup shows below its name and state, by kind (a video intercom's calls and remote opening). */
  set devicePopup(extra: ((d: Device) => HTMLElement | null) | undefined) {
    this.devices.popupExtra = extra;
  }

  /** Resolves once the style has loaded (the first 'load' event), however long after it the caller asks. */
  loaded(): Promise<void> {
    return this.ready;
  }

  private own: maplibregl.LngLatBounds | null = null;
  private popup: maplibregl.Popup | undefined;

  /** Draws the areas and frames the view on the caller's own area (the district for its leaders, a street for its operators, …). */
  showAreas(wgs84: FeatureCollection): void {
    this.own = showAreas(this.map, wgs84, this.project, (e) => this.devices.overlay.hit(e) != null);
  }

  /** Frames the caller's own area again, leaving {@code left} pixels on the left free (for a panel over the map). */
  frameOwn(left = 0): void {
    if (this.own) this.map.fitBounds(this.own, { padding: { top: 40, bottom: 40, right: 40, left: 40 + left }, duration: 0 });
  }

  /** Moves to a WGS-84 place (drawn in the basemap's system) and opens {@code content} there in a popup, the earlier one closed. */
  showAt(lon: number, lat: number, content: HTMLElement, left = 0): void {
    const at = this.project(lon, lat);
    this.popup?.remove();
    this.popup = new maplibregl.Popup({ maxWidth: '360px', className: 'case-popup' }).setLngLat(at).setDOMContent(content).addTo(this.map);
    this.map.easeTo({ center: at, zoom: Math.max(this.map.getZoom(), 15), padding: { left, top: 0, right: 0, bottom: 0 }, duration: 400 });
  }

  /** The device kinds (labels, colours, icons) as the server describes them; the devices are redrawn with them. */
  async setDeviceKinds(kinds: DeviceKindInfo[]): Promise<void> {
    await this.devices.setKinds(kinds);
    this.refreshSoon('fixed');
  }

  /** A kind's name for the page. */
  kindLabel(kind: string): string {
    return this.devices.label(kind);
  }

  showDevices(devices: Device[]): void {
    this.devices.set(devices);
    this.refreshSoon('fixed');
  }

  /**
   * The live positions: the terminals go to the overlay's worker (its own STOMP session on
   * /topic/positions), the responders' phone fixes come back here. The state is that session's.
   */
  startPositions(token: string, onState: (s: ConnState) => void): void {
    this.devices.startPositions(token, this.basemap.crs, onState);
  }

  /** The positions worker's session moves to a renewed token. */
  renewPositions(token: string): void {
    this.devices.overlay.renew(token);
  }

  setDeviceOnline(id: string, online: boolean): void {
    if (this.devices.setOnline(id, online)) this.refreshSoon('fixed');
  }

  onlineCount(): [number, number] {
    return this.devices.onlineCount();
  }

  private readonly pending = new Set<'fixed' | 'members'>();
  private refreshScheduled = false;

  /** Redraws at most once per animation frame, however many changes arrived. */
  private refreshSoon(what: 'fixed' | 'members'): void {
    this.pending.add(what);
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    const run = (): void => {
      this.refreshScheduled = false;
      if (this.pending.has('fixed')) this.devices.overlay.setFixed(this.devices.fixed());
      if (this.pending.has('members')) this.members.draw();
      this.pending.clear();
    };
    if (document.hidden) setTimeout(run, 250);
    else requestAnimationFrame(run);
  }

  /** Responders with a known position: patrol members green, grid workers blue, police white; busy ones ringed red. */
  showMembers(members: Member[]): void {
    this.members.set(members);
    this.members.draw();
  }

  /** The responders the map shows (for the overview's members on duty). */
  memberList(): Member[] {
    return this.members.list();
  }

  moveMember(id: number, name: string, lon: number, lat: number): void {
    this.members.move(id, name, lon, lat);
    this.refreshSoon('members');
  }

  /** Open cases at their place, by SLA status; a click opens the case. */
  showCases(cases: CasePoint[], onClick: (id: number) => void): void {
    this.cases.show(cases, onClick);
  }

  showAlarm(a: Alarm): void {
    this.alarms.show(a);
  }

  focus(a: Alarm): void {
    this.alarms.focus(a);
  }
}
