export const CELL_PX: number;
export const SINGLE_ZOOM: number;
export function mercator(lon: number, lat: number): [number, number];
export function lonLatOf(x: number, y: number): [number, number];
export function pixelsPerUnit(zoom: number): number;
export function countLabel(n: number): string;
export interface Terminal {
  id: string;
  /** Web Mercator of where it is drawn, 0..1 across the world. */
  x: number;
  y: number;
  online: boolean;
}
export interface View {
  cx: number;
  cy: number;
  zoom: number;
  w: number;
  h: number;
}
export interface Aggregate {
  xs: Float64Array;
  ys: Float64Array;
  counts: Uint32Array;
  ids: (string | null)[];
  online: Uint8Array;
  total: number;
}
export function aggregate(terminals: Iterable<Terminal>, view: View): Aggregate;
