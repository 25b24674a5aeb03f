import type { Api } from './api';
import type { Session } from './rest';
import { mePanel } from './patrol-me';
import { badgePanel } from './patrol-badge';
import { dutyRecordPanel } from './patrol-duty';
import { myLeadsPanel } from './patrol-my-leads';

/** The member's own record as GET /api/v1/members/me gives it (MemberController.Me). */
export interface MeView {
  member: {
    id: number;
    name: string;
    role: string;
    affiliation: string | null;
    phone: string | null;
    areaId: number;
    username: string | null;
    deviceId: string | null;
    state: 'OFF_DUTY' | 'AVAILABLE' | 'BUSY';
    lon: number | null;
    lat: number | null;
    locatedAt: string | null;
  };
  stateLabel: string;
  positionSource: 'phone' | 'terminal' | null;
  positionSourceLabel: string | null;
  positionAgeS: number | null;
}

/** What a panel gets from the patrol page: the REST client, who is signed in, and their member record as last read. */
export interface PatrolContext {
  api: Api;
  session: Session;
  /** The member record as the page last read it (null before the first read, or for a user without one). */
  me(): MeView | null;
  /** Called with the member record every time the page reads it again (opening, reconnects, back in view, duty changes). */
  onMe(listener: (me: MeView | null) => void): void;
}

/**
 * A section of the patrol page's 「我的」 tab: its heading and what it draws into its element. {@code roles}: the roles
 * that see it (all when absent). {@code mount} is called once, after the member record was first read.
 */
export interface PatrolPanel {
  id: string;
  title: string;
  roles?: string[];
  mount(el: HTMLElement, ctx: PatrolContext): void | Promise<void>;
}

/**
 * The 「我的」 tab's panels, in this order. Adding one: write {@code src/patrol-<name>.ts} exporting a {@link PatrolPanel}
 * and add one import and one line here.
 */
export const PANELS: PatrolPanel[] = [
  mePanel,
  badgePanel,
  dutyRecordPanel,
  myLeadsPanel,
];

/** Mounts the panels the session's role sees into {@code host}, one section each (data-testid panel-<id>). */
export function mountPanels(host: HTMLElement, ctx: PatrolContext, panels: PatrolPanel[] = PANELS): number {
  let n = 0;
  for (const p of panels) {
    if (p.roles && !p.roles.includes(ctx.session.role)) continue;
    const section = document.createElement('section');
    section.className = 'p-panel';
    section.dataset.testid = `panel-${p.id}`;
    const h = document.createElement('h3');
    h.textContent = p.title;
    const body = document.createElement('div');
    section.append(h, body);
    host.appendChild(section);
    n++;
    try {
      void Promise.resolve(p.mount(body, ctx)).catch((e: Error) => (body.textContent = `无法显示：${e.message}`));
    } catch (e) {
      body.textContent = `无法显示：${(e as Error).message}`;
    }
  }
  return n;
}
