export interface LonLat {
  lon: number;
  lat: number;
}
export interface NavLink {
  id: 'amap' | 'baidu' | 'tencent' | 'apple' | 'geo';
  label: string;
  href: string;
}
export function metres(a: LonLat, b: LonLat): number;
export function bearing(a: LonLat, b: LonLat): number;
export function direction(deg: number): string;
export function distanceText(m: number): string;
export function whereWords(from: LonLat, to: LonLat): string;
export function navigationLinks(to: LonLat & { name: string }, from?: LonLat | null): NavLink[];
