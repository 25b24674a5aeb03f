import type { StyleSpecification } from 'maplibre-gl';
import type { Basemap } from '../rest';
import { wgs84ToGcj02 } from '../gcj02.js';

/**
 * The basemap's style. Offline: no external tiles, only our own areas and grids over a plain
 * background. Tianditu or a GCJ-02 provider: their raster tiles under our layers.
 */
export function styleFor(b: Basemap): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0d1b2a' } }],
  };
  if (b.tiles.length > 0) {
    style.sources.base = { type: 'raster', tiles: b.tiles, tileSize: 256, maxzoom: 18, attribution: b.attribution };
    style.layers.push({ id: 'base', type: 'raster', source: 'base', paint: { 'raster-opacity': 0.85 } });
  }
  if (b.overlayTiles.length > 0) {
    style.sources.labels = { type: 'raster', tiles: b.overlayTiles, tileSize: 256, maxzoom: 18 };
    style.layers.push({ id: 'labels', type: 'raster', source: 'labels' });
  }
  return style;
}

/** Everything we hold is WGS-84; on a GCJ-02 basemap it is drawn shifted, so it sits on that map's streets. */
export type Project = (lon: number, lat: number) => [number, number];

export function projectFor(b: Basemap): Project {
  return b.crs === 'gcj02' ? wgs84ToGcj02 : (lon, lat) => [lon, lat];
}

export function projectGeometry(c: unknown, p: Project): unknown {
  if (Array.isArray(c) && typeof c[0] === 'number') return p(c[0] as number, c[1] as number);
  if (Array.isArray(c)) return c.map((x) => projectGeometry(x, p));
  return c;
}
