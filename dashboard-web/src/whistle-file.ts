import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import { esc } from './html';
import { showAreas } from './layers/areas';
import { type Project, projectFor, styleFor } from './layers/basemap';
import type { Basemap } from './rest';
import { PhotoPicker } from './photo-upload';
import { inChinese, problemIn, type ResidentApi } from './whistle-api';
import type { WhistleCase } from './whistle-cases';

/** Where the map opens when neither the areas nor the phone say anything (the demo's community, WGS-84). */
const LAST_RESORT: [number, number] = [119.126, 36.7045];

/** The WGS-84 bounds ([west, south, east, north]) of some features' coordinates; null without any. */
function boundsOf(features: FeatureCollection['features']): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) {
      c.forEach(walk);
    }
  };
  features.forEach((f) => walk((f.geometry as { coordinates?: unknown } | null)?.coordinates));
  return b;
}

/** A category of the managed catalogue as GET /api/v1/case-categories lists it. */
interface Category {
  code: string;
  name: string;
  icon?: string;
  description?: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * 一键吹响: the category from the catalogue (big buttons with their icons), the place from the
 * phone's position (WGS-84) on a small map whose marker the resident can drag, photos uploaded as
 * they are picked, a description. The marker is in the basemap's system (GCJ-02 on a Chinese
 * street map), and the request is sent in it, with its {@code crs}.
 */
export class FileForm {
  private category: string | null = null;
  private map: maplibregl.Map | null = null;
  private marker: maplibregl.Marker | null = null;
  private basemap: Basemap | null = null;
  private project: Project = (lon, lat) => [lon, lat];
  private located = false;
  /** Times the resident put the marker somewhere by hand: a position fix asked for before the last of them is stale. */
  private moves = 0;
  private readonly photos: PhotoPicker;
  /** The areas the resident's account may see (WGS-84), read once: the map opens on them and draws them. */
  private areas: FeatureCollection | null = null;

  constructor(private readonly api: ResidentApi, private readonly areaId: number | undefined, private readonly onFiled: (c: WhistleCase) => void) {
    $('locate').addEventListener('click', () => this.locate());
    this.photos = new PhotoPicker(api, $('photo-list'), $<HTMLInputElement>('photos'));
  }

  /** The catalogue and the basemap; a catalogue that cannot be read says so and is asked for again on the next visit. */
  async load(): Promise<void> {
    try {
      const answer = await this.api.get<Category[] | { items: Category[] }>('/api/v1/case-categories');
      const all = Array.isArray(answer) ? answer : answer.items;
      this.showCategories(all);
    } catch (e) {
      $('file-error').textContent = problemIn(e).status === 0 ? '暂时无法读取诉求分类，请检查网络后重试' : '暂时无法读取诉求分类，请稍后再试';
    }
    const [config, areas] = await Promise.all([this.api.mapConfig(), this.api.areas().catch(() => null)]);
    this.basemap = config.basemaps.find((b) => b.id === config.default) ?? config.basemaps[0];
    this.project = projectFor(this.basemap);
    this.areas = areas;
  }

  /**
   * Where the map opens before the phone says where it is. The map configuration names basemaps only
   * (no centre or bounds), so: the resident's own area (GET /api/v1/areas answers their area's
   * subtree), else every area they can see, else the demo's community as a last resort.
   */
  private opening(): maplibregl.LngLatBoundsLike | null {
    const features = this.areas?.features ?? [];
    const own = features.filter((f) => this.areaId != null && (f.id === this.areaId || f.properties?.id === this.areaId));
    const b = boundsOf(own.length ? own : features);
    if (!b) return null;
    return [this.project(b[0], b[1]), this.project(b[2], b[3])];
  }

  private showCategories(all: Category[]): void {
    const box = $('categories');
    box.querySelectorAll('button').forEach((b) => b.remove());
    for (const c of all) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'r-cat';
      b.dataset.code = c.code;
      b.dataset.testid = 'category';
      b.title = c.description ?? '';
      b.innerHTML = `<span class="r-icon">${esc(c.icon ?? '📌')}</span><span>${esc(c.name)}</span>`;
      b.addEventListener('click', () => {
        this.category = c.code;
        box.querySelectorAll('button').forEach((x) => x.classList.toggle('chosen', x === b));
      });
      box.append(b);
    }
  }

  /** The form is on screen: the map can size itself, and the phone is asked where it is (once). */
  shown(): void {
    if (!this.basemap) return;
    if (!this.map) {
      const bounds = this.opening();
      this.map = new maplibregl.Map({
        container: 'file-map',
        style: styleFor(this.basemap),
        ...(bounds ? { bounds, fitBoundsOptions: { padding: 20, maxZoom: 17 } } : { center: this.project(...LAST_RESORT), zoom: 16 }),
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      this.map.touchZoomRotate.disableRotation();
      this.marker = new maplibregl.Marker({ color: '#e63946', draggable: true }).setLngLat(this.map.getCenter()).addTo(this.map);
      this.marker.on('dragend', () => this.placedByHand());
      // a tap puts the marker there too (easier than dragging with a thumb)
      this.map.on('click', (e) => {
        this.marker?.setLngLat(e.lngLat);
        this.placedByHand();
      });
      this.map.once('load', () => {
        if (!this.map || !this.areas) return;
        showAreas(this.map, this.areas, this.project, () => true);
        // showAreas fits the view to the community; a place already set stays in view
        if ($('where').dataset.set === 'true' && this.marker) this.map.jumpTo({ center: this.marker.getLngLat(), zoom: 17 });
      });
    } else {
      this.map.resize();
    }
    if (!this.located && $('where').dataset.set !== 'true') this.locate();
  }

  private placedByHand(): void {
    this.moves += 1;
    this.describePlace('已调整位置');
  }

  /** The phone's position (WGS-84), put on the map in the basemap's system. */
  private locate(): void {
    if (!('geolocation' in navigator)) {
      $('where').textContent = '无法定位，请在地图上点选位置';
      return;
    }
    $('where').textContent = '正在定位…';
    // a fix that arrives after the resident put the marker somewhere by hand is ignored: their pin wins.
    // 重新定位 asks anew, so a fix asked for after the last move still counts.
    const asked = this.moves;
    const stale = (): boolean => this.moves !== asked;
    navigator.geolocation.getCurrentPosition(
      (p) => {
        if (stale()) return;
        this.located = true;
        const at = this.project(p.coords.longitude, p.coords.latitude);
        this.marker?.setLngLat(at);
        this.map?.jumpTo({ center: at, zoom: 17 });
        this.describePlace(`已定位（精度约 ${Math.round(p.coords.accuracy)} 米）`);
      },
      (err) => {
        if (stale()) return;
        const why = err.code === err.PERMISSION_DENIED ? '未获得定位权限' : err.code === err.TIMEOUT ? '定位超时' : '暂时无法获取位置';
        $('where').textContent = `无法定位（${why}），请在地图上点选位置`;
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  }

  private describePlace(how: string): void {
    const p = this.marker?.getLngLat();
    if (p) $('where').textContent = `${how}：${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`;
    $('where').dataset.set = 'true';
  }

  async submit(): Promise<void> {
    const error = $('file-error');
    error.textContent = '';
    const category = this.category;
    const description = $<HTMLTextAreaElement>('description').value.trim();
    const at = this.marker?.getLngLat();
    if (!category) return void (error.textContent = '请先选择是什么事');
    if (!description) return void (error.textContent = '请说说情况');
    if (!at || $('where').dataset.set !== 'true') return void (error.textContent = '请先定位，或在地图上点选位置');
    if (this.photos.uploading()) return void (error.textContent = '照片还在上传，请稍等');
    const button = $<HTMLButtonElement>('submit');
    button.disabled = true;
    // the photos sent, and the number (from 1) each has on the screen, for a refusal naming photos[i]
    const sent = this.photos.uploaded();
    try {
      const filed = await this.api.postFor<WhistleCase>('/api/v1/cases', {
        category,
        description,
        photos: sent.map((x) => x.url),
        lon: at.lng,
        lat: at.lat,
        crs: this.basemap?.crs ?? 'wgs84',
      }, 'file');
      this.reset();
      this.onFiled(filed);
    } catch (e) {
      error.textContent = inChinese(problemIn(e), 'file', (i) => sent[i]?.n ?? i + 1);
    } finally {
      button.disabled = false;
    }
  }

  /** A request filed: the next one starts afresh (no category, text, photos or place; the phone is asked again). */
  private reset(): void {
    this.category = null;
    $('categories').querySelectorAll('button').forEach((b) => b.classList.remove('chosen'));
    $<HTMLTextAreaElement>('description').value = '';
    this.photos.reset();
    this.located = false;
    delete $('where').dataset.set;
    $('where').textContent = '正在定位…';
    $('file-error').textContent = '';
  }
}
