export function outOfChina(lon: number, lat: number): boolean;
export function wgs84ToGcj02(lon: number, lat: number): [number, number];
export function gcj02ToWgs84(lon: number, lat: number): [number, number];
export function gcj02ToBd09(lon: number, lat: number): [number, number];
