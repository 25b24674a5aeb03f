import type { Me } from './rest';

/** Whether the signed-in user holds a permission (a key of the access policy, as GET /api/v1/me lists it), at whatever scope. */
export function holds(me: Me, permission: string): boolean {
  return me.permissions.some((g) => g.permission === permission);
}
