/** What the functions of kinds.js need of a kind (DeviceKindView has more). */
export interface KindLike {
  kind: string;
  label: string;
  mobile: boolean;
}

export function svgDataUrl(svg: string): string;
export function kindLabel(kinds: Map<string, { label: string }>, kind: string, lang: string, word: string | undefined): string;
export function legendOrder<T extends KindLike>(list: T[]): T[];
