import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import type { Api } from './api';
import { esc } from './html';
import { showAreas } from './layers/areas';
import { type Project, projectFor, styleFor } from './layers/basemap';
import type { Basemap } from './rest';
import type { WhistleCase } from './whistle-cases';

/** A category of the managed catalogue as GET /api/v1/case-categories lists it. */
interface Category {
  code: string;
  name: string;
  icon?: string;
  description?: string;
}

interface Photo {
  file: File;
  preview: string;
  url?: string;
  error?: string;
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
  private photos: Photo[] = [];

  constructor(private readonly api: Api, private readonly onFiled: (c: WhistleCase) => void) {
    $('locate').addEventListener('click', () => this.locate());
    $<HTMLInputElement>('photos').addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      void this.addPhotos([...(input.files ?? [])]);
      input.value = '';
    });
  }

  /** The catalogue and the basemap; a catalogue that cannot be read says so and is asked for again on the next visit. */
  async load(): Promise<void> {
    try {
      const answer = await this.api.get<Category[] | { items: Category[] }>('/api/v1/case-categories');
      const all = Array.isArray(answer) ? answer : answer.items;
      this.showCategories(all);
    } catch {
      $('file-error').textContent = '暂时无法读取诉求分类，请检查网络后重试';
    }
    const config = await this.api.mapConfig();
    this.basemap = config.basemaps.find((b) => b.id === config.default) ?? config.basemaps[0];
    this.project = projectFor(this.basemap);
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
      const center = this.project(119.126, 36.7045);
      this.map = new maplibregl.Map({
        container: 'file-map',
        style: styleFor(this.basemap),
        center,
        zoom: 16,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      this.map.touchZoomRotate.disableRotation();
      this.marker = new maplibregl.Marker({ color: '#e63946', draggable: true }).setLngLat(center).addTo(this.map);
      this.marker.on('dragend', () => this.describePlace('已调整位置'));
      // a tap puts the marker there too (easier than dragging with a thumb)
      this.map.on('click', (e) => {
        this.marker?.setLngLat(e.lngLat);
        this.describePlace('已调整位置');
      });
      this.map.once('load', () => {
        void this.api
          .areas()
          .then((fc: FeatureCollection) => this.map && showAreas(this.map, fc, this.project, () => true))
          .catch(() => undefined);
      });
    } else {
      this.map.resize();
    }
    if (!this.located) this.locate();
  }

  /** The phone's position (WGS-84), put on the map in the basemap's system. */
  private locate(): void {
    if (!('geolocation' in navigator)) {
      $('where').textContent = '无法定位，请在地图上点选位置';
      return;
    }
    $('where').textContent = '正在定位…';
    navigator.geolocation.getCurrentPosition(
      (p) => {
        this.located = true;
        const at = this.project(p.coords.longitude, p.coords.latitude);
        this.marker?.setLngLat(at);
        this.map?.jumpTo({ center: at, zoom: 17 });
        this.describePlace(`已定位（精度约 ${Math.round(p.coords.accuracy)} 米）`);
      },
      (err) => ($('where').textContent = `无法定位（${err.message}），请在地图上点选位置`),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  }

  private describePlace(how: string): void {
    const p = this.marker?.getLngLat();
    if (p) $('where').textContent = `${how}：${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`;
    $('where').dataset.set = 'true';
  }

  private async addPhotos(files: File[]): Promise<void> {
    for (const file of files) {
      if (this.photos.length >= 9) break;
      const photo: Photo = { file, preview: URL.createObjectURL(file) };
      this.photos.push(photo);
      this.renderPhotos();
      try {
        photo.url = (await this.api.casePhoto(file)).url;
      } catch (e) {
        photo.error = (e as Error).message;
      }
      this.renderPhotos();
    }
  }

  private renderPhotos(): void {
    $('photo-list').replaceChildren(
      ...this.photos.map((p, i) => {
        const li = document.createElement('li');
        li.dataset.testid = 'photo';
        li.dataset.state = p.url ? 'uploaded' : p.error ? 'failed' : 'uploading';
        li.innerHTML = `<img src="${p.preview}" alt="照片 ${i + 1}" /><span>${p.url ? '已上传' : p.error ? '上传失败' : '上传中…'}</span>` +
          `<button type="button" aria-label="删除照片">✕</button>`;
        if (p.error) li.title = p.error;
        li.querySelector('button')!.addEventListener('click', () => {
          URL.revokeObjectURL(p.preview);
          this.photos.splice(this.photos.indexOf(p), 1);
          this.renderPhotos();
        });
        return li;
      }),
    );
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
    if (this.photos.some((p) => !p.url && !p.error)) return void (error.textContent = '照片还在上传，请稍等');
    const button = $<HTMLButtonElement>('submit');
    button.disabled = true;
    try {
      const filed = await this.api.post<WhistleCase>('/api/v1/cases', {
        category,
        description,
        photos: this.photos.filter((p) => p.url).map((p) => p.url),
        lon: at.lng,
        lat: at.lat,
        crs: this.basemap?.crs ?? 'wgs84',
      });
      $<HTMLTextAreaElement>('description').value = '';
      this.photos.forEach((p) => URL.revokeObjectURL(p.preview));
      this.photos = [];
      this.renderPhotos();
      this.onFiled(filed);
    } catch (e) {
      error.textContent = `提交失败：${(e as Error).message}`;
    } finally {
      button.disabled = false;
    }
  }
}
