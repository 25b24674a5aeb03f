import * as maplibregl from 'maplibre-gl';
import type { Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { esc } from '../html';
import { type Project, projectGeometry } from './basemap';

/**
 * The areas and grids (WGS-84, drawn in the basemap's system): grids filled, every boundary lined
 * by level; a click on a grid names it unless it was on a device or bubble ({@code overOverlay});
 * the view fits the caller's own area (a community operator's community, a street's street, the district for
 * its leaders, center and departments), which it returns (in the basemap's system), null when there is none.
 */
export function showAreas(map: MlMap, wgs84: FeatureCollection, project: Project, overOverlay: (e: MapMouseEvent) => boolean): maplibregl.LngLatBounds | null {
  const areas: FeatureCollection = {
    ...wgs84,
    features: wgs84.features.map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: projectGeometry((f.geometry as { coordinates: unknown }).coordinates, project) },
    }) as typeof f),
  };
  map.addSource('areas', { type: 'geojson', data: areas });
  map.addLayer({
    id: 'grid-fill',
    type: 'fill',
    source: 'areas',
    filter: ['==', ['get', 'level'], 'GRID'],
    paint: { 'fill-color': '#1b4965', 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: 'area-lines',
    type: 'line',
    source: 'areas',
    paint: {
      'line-color': ['match', ['get', 'level'], 'GRID', '#5fa8d3', 'COMMUNITY', '#ffd166', 'STREET', '#ef476f', '#adb5bd'],
      'line-width': ['match', ['get', 'level'], 'GRID', 1, 'COMMUNITY', 2.5, 'STREET', 2, 1.5],
      'line-dasharray': ['match', ['get', 'level'], 'GRID', ['literal', [2, 2]], ['literal', [1, 0]]],
    },
  });
  map.on('click', 'grid-fill', (e) => {
    const f = e.features?.[0];
    // a click on a terminal, a bubble or a device is about that, not the grid under it
    if (!f || overOverlay(e)) return;
    new maplibregl.Popup().setLngLat(e.lngLat).setHTML(`<b>${esc(String(f.properties?.name))}</b><br>${esc(String(f.properties?.code))}`).addTo(map);
  });
  // the caller's own area frames the view: the collection's root (the server sends the areas inside the caller's, theirs first)
  const ids = new Set(areas.features.map((f) => f.properties?.id));
  const own = areas.features.find((f) => !ids.has(f.properties?.parentId)) ?? areas.features[0];
  if (!own) return null;
  const b = new maplibregl.LngLatBounds();
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') b.extend(c as [number, number]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((own.geometry as { coordinates: unknown }).coordinates);
  map.fitBounds(b, { padding: 40, duration: 0 });
  map.getContainer().dataset.frame = String(own.properties?.code ?? '');
  return b;
}
