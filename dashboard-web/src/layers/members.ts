import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Member } from '../rest';
import { esc } from '../html';
import type { Project } from './basemap';

/** Responders with a known position: patrol members green, grid workers blue, police white; busy ones ringed red. */
export class MembersLayer {
  private members = new Map<number, Member>();

  constructor(private readonly map: MlMap, private readonly project: Project) {}

  set(members: Member[]): void {
    this.members = new Map(members.filter((m) => m.lon != null && m.lat != null).map((m) => [m.id, m]));
  }

  list(): Member[] {
    return [...this.members.values()];
  }

  /** A responder's new fix (one not listed yet is taken as an available patrol member). */
  move(id: number, name: string, lon: number, lat: number): void {
    const m = this.members.get(id) ?? { id, name, role: 'PATROL', state: 'AVAILABLE', lon, lat };
    m.lon = lon;
    m.lat = lat;
    this.members.set(id, m);
  }

  draw(): void {
    const data: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: [...this.members.values()].map((m) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.project(m.lon as number, m.lat as number) },
        properties: { id: m.id, name: m.name, role: m.role, state: m.state },
      })),
    };
    const src = this.map.getSource('members') as GeoJSONSource | undefined;
    if (src) {
      src.setData(data);
      return;
    }
    this.map.addSource('members', { type: 'geojson', data });
    this.map.addLayer({
      id: 'members',
      type: 'circle',
      source: 'members',
      paint: {
        'circle-radius': 6,
        'circle-color': ['match', ['get', 'role'], 'GRID_WORKER', '#4361ee', 'POLICE', '#ffffff', '#52b788'],
        'circle-stroke-color': ['match', ['get', 'state'], 'BUSY', '#e63946', 'OFF_DUTY', '#6c757d', '#0d1b2a'],
        'circle-stroke-width': 2.5,
      },
    });
    // no text labels: the offline style carries no glyphs; names are in the popup
    this.map.on('click', 'members', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      new maplibregl.Popup().setLngLat(e.lngLat).setHTML(`<b>${esc(String(f.properties?.name))}</b><br>${esc(String(f.properties?.state))}`).addTo(this.map);
    });
  }
}
