import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { Project } from './basemap';

/** A case as the map draws it: where, and its SLA status. */
export interface CasePoint {
  id: number;
  ref: string;
  category: string;
  lon: number;
  lat: number;
  sla: string;
}

/** Open cases at their place, by SLA status: red overdue, orange due within 4 h, blue in time; a click opens the case. */
export class CasesLayer {
  private shown = '';

  constructor(private readonly map: MlMap, private readonly project: Project) {}

  show(cases: CasePoint[], onClick: (id: number) => void): void {
    const data: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: cases.map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.project(c.lon, c.lat) },
        properties: { id: c.id, ref: c.ref, category: c.category, sla: c.sla },
      })),
    };
    // the case board re-renders every 30 s for its countdowns: the map is redrawn only when a case
    // came, went, moved or changed SLA status (each WebGL frame costs a canvas readback without a GPU)
    const signature = cases.map((c) => `${c.id}:${c.sla}:${c.lon}:${c.lat}`).join('|');
    const src = this.map.getSource('cases') as GeoJSONSource | undefined;
    if (src) {
      if (signature !== this.shown) src.setData(data);
      this.shown = signature;
      return;
    }
    this.shown = signature;
    this.map.addSource('cases', { type: 'geojson', data });
    this.map.addLayer({
      id: 'cases',
      type: 'circle',
      source: 'cases',
      paint: {
        'circle-radius': 6,
        'circle-color': ['match', ['get', 'sla'], 'overdue', '#e63946', 'soon', '#f8961e', '#4895ef'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-blur': 0.1,
      },
    });
    this.map.on('click', 'cases', (e) => {
      const f = e.features?.[0];
      if (f) onClick(Number(f.properties?.id));
    });
    this.map.on('mouseenter', 'cases', () => (this.map.getCanvas().style.cursor = 'pointer'));
    this.map.on('mouseleave', 'cases', () => (this.map.getCanvas().style.cursor = ''));
  }
}
