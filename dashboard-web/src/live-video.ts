import type { Api } from './api';
import { ApiProblem } from './api';
import { decodeRow, FRAME_W, percentile, READ_Y } from './frame-clock.js';
import { t } from './i18n';

/** What POST /api/v1/cameras/{id}/live answers. */
interface LiveLease {
  leaseId: string;
  cameraId: string;
  cameraName: string;
  socket: string;
  expiresAt: string;
  renewEverySeconds: number;
  relays: number;
  maxRelays: number;
}

export type LiveState = 'connecting' | 'live' | 'capped' | 'nosource' | 'ended' | 'error';

/**
 * One camera playing live in the page: a lease on the platform's relay (renewed while shown), the
 * fMP4 pieces from the socket {@code /live} appended to a Media Source, kept at the live edge. Where
 * the frames carry the simulated cameras' burned-in clock, the latency (now − the frame's time, in
 * this browser's clock) is read from the picture every half second and shown. {@link close} ends the
 * lease at once (the relay stops when its last viewer leaves).
 */
export class LiveTile {
  readonly el = document.createElement('figure');
  private readonly video = document.createElement('video');
  private readonly caption = document.createElement('figcaption');
  private readonly stateEl = document.createElement('span');
  private readonly latencyEl = document.createElement('span');
  private lease?: LiveLease;
  private ws?: WebSocket;
  private timers: number[] = [];
  private closed = false;
  /** Latencies measured so far (ms), for the caption's p50 and for tests and the bench. */
  readonly latencies: number[] = [];
  /** The burned-in times read so far, in order (a frozen picture repeats one). */
  readonly frameTimes: number[] = [];

  constructor(private readonly api: Api, readonly cameraId: string, name: string) {
    this.el.className = 'live-tile';
    this.el.dataset.testid = 'live-tile';
    this.el.dataset.camera = cameraId;
    this.video.muted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.dataset.testid = 'live-video';
    const title = document.createElement('b');
    title.textContent = name;
    this.stateEl.className = 'live-state';
    this.stateEl.dataset.testid = 'live-state';
    this.latencyEl.className = 'live-latency';
    this.latencyEl.dataset.testid = 'live-latency';
    this.caption.append(title, this.stateEl, this.latencyEl);
    this.el.append(this.video, this.caption);
    (this.el as HTMLElement & { live?: LiveTile }).live = this;
    this.setState('connecting');
    void this.start();
  }

  private setState(state: LiveState, detail?: string): void {
    this.el.dataset.state = state;
    this.stateEl.textContent = t('live.state.' + state);
    this.stateEl.title = detail ?? '';
    if (detail && state !== 'live') {
      this.latencyEl.textContent = detail;
      console.warn(`live ${this.cameraId}: ${state}: ${detail}`);
    }
  }

  private async start(): Promise<void> {
    try {
      this.lease = await this.api.post<LiveLease>(`/api/v1/cameras/${encodeURIComponent(this.cameraId)}/live`, {});
    } catch (e) {
      const p = e as ApiProblem;
      this.setState(p.status === 503 ? 'capped' : p.status === 409 ? 'nosource' : 'error', p.message);
      return;
    }
    if (this.closed) {
      void this.release();
      return;
    }
    this.timers.push(window.setInterval(() => void this.renew(), Math.max(1, this.lease.renewEverySeconds) * 1000));
    this.open(this.lease);
  }

  private async renew(): Promise<void> {
    if (!this.lease || this.closed) return;
    try {
      await this.api.post(`/api/v1/live/${this.lease.leaseId}/renew`, {});
    } catch {
      this.setState('ended');
    }
  }

  private open(lease: LiveLease): void {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${lease.socket}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    const queue: ArrayBuffer[] = [];
    let buffer: SourceBuffer | undefined;
    const pump = (): void => {
      if (!buffer || buffer.updating || queue.length === 0) return;
      try {
        buffer.appendBuffer(queue.shift()!);
      } catch (e) {
        this.setState('error', String((e as Error).message));
      }
    };
    ws.onopen = () => ws.send(lease.leaseId);
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') {
        const codec = (JSON.parse(m.data) as { codec: string }).codec;
        const type = `video/mp4; codecs="${codec}"`;
        if (!window.MediaSource || !MediaSource.isTypeSupported(type)) {
          this.setState('error', `${t('live.unsupported')} ${codec}`);
          ws.close();
          return;
        }
        const source = new MediaSource();
        this.video.src = URL.createObjectURL(source);
        source.addEventListener('sourceopen', () => {
          buffer = source.addSourceBuffer(type);
          buffer.mode = 'segments';
          buffer.addEventListener('updateend', () => {
            this.keepLive(buffer!);
            pump();
          });
          pump();
        }, { once: true });
        return;
      }
      queue.push(m.data as ArrayBuffer);
      pump();
    };
    ws.onclose = (c) => {
      if (this.closed) return;
      this.setState(c.code === 4410 ? 'nosource' : 'ended', c.reason || undefined);
    };
    this.video.addEventListener('playing', () => this.setState('live'));
    this.timers.push(window.setInterval(() => this.measure(), 500));
  }

  /** Stays at the live edge: a viewer behind by more than half a second jumps forward; old media is dropped. */
  private keepLive(buffer: SourceBuffer): void {
    const b = this.video.buffered;
    if (b.length === 0) return;
    const end = b.end(b.length - 1);
    if (end - this.video.currentTime > 0.5) this.video.currentTime = Math.max(b.start(b.length - 1), end - 0.15);
    if (this.video.paused) void this.video.play().catch(() => undefined);
    if (!buffer.updating && b.start(0) < end - 30) buffer.remove(0, end - 20);
  }

  private canvas?: HTMLCanvasElement;

  /** Reads the frame's burned-in time (if it has one) and shows now − that time. */
  private measure(): void {
    if (this.video.readyState < 2 || this.video.videoWidth === 0) return;
    const c = (this.canvas ??= document.createElement('canvas'));
    const w = this.video.videoWidth;
    c.width = w;
    c.height = 1;
    const ctx = c.getContext('2d', { willReadFrequently: true })!;
    const y = Math.round(READ_Y * (this.video.videoHeight / 480));
    ctx.drawImage(this.video, 0, y, w, 1, 0, 0, w, 1);
    const ms = decodeRow(ctx.getImageData(0, 0, w, 1).data, w === FRAME_W ? FRAME_W : w);
    if (ms === null) return;
    this.frameTimes.push(ms);
    this.latencies.push(Date.now() - ms);
    if (this.latencies.length > 600) this.latencies.shift();
    if (this.frameTimes.length > 600) this.frameTimes.shift();
    const recent = this.latencies.slice(-20);
    this.latencyEl.textContent = `${t('live.latency')} ${((percentile(recent, 50) ?? 0) / 1000).toFixed(2)} s`;
    this.el.dataset.latencyMs = String(Math.round(percentile(recent, 50) ?? 0));
  }

  /** Stops playing and ends the lease (the relay stops with its last viewer). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.forEach((id) => window.clearInterval(id));
    this.ws?.close();
    this.video.removeAttribute('src');
    this.video.load();
    void this.release();
  }

  private async release(): Promise<void> {
    if (!this.lease) return;
    await this.api.del(`/api/v1/live/${this.lease.leaseId}`).catch(() => undefined);
  }
}

/** The cameras that see an alarm's place, live side by side (GET /api/v1/alarms/{id}/cameras). */
export class VideoWall {
  readonly el = document.createElement('div');
  private tiles: LiveTile[] = [];

  constructor(private readonly api: Api, alarmId: number) {
    this.el.className = 'video-wall';
    this.el.dataset.testid = 'video-wall';
    this.el.addEventListener('click', (e) => e.stopPropagation());
    this.el.textContent = t('live.loading');
    void this.load(alarmId);
  }

  private async load(alarmId: number): Promise<void> {
    try {
      const cams = (await this.api.get<{ items: { deviceId: string; name: string }[] }>(`/api/v1/alarms/${alarmId}/cameras`)).items;
      this.el.textContent = '';
      if (cams.length === 0) {
        this.el.textContent = t('live.noCamera');
        return;
      }
      this.tiles = cams.map((c) => new LiveTile(this.api, c.deviceId, c.name));
      this.el.append(...this.tiles.map((tile) => tile.el));
    } catch (e) {
      this.el.textContent = String((e as Error).message);
    }
  }

  close(): void {
    this.tiles.forEach((tile) => tile.close());
    this.el.remove();
  }
}

/** A camera's live view in a window over the map (a click on a camera); closing it ends the lease. */
export function openLiveDialog(api: Api, cameraId: string, name: string): void {
  document.querySelector<HTMLElement>('.live-dialog')?.querySelector<HTMLButtonElement>('button.close')?.click();
  const box = document.createElement('div');
  box.className = 'live-dialog';
  box.dataset.testid = 'live-dialog';
  const bar = document.createElement('div');
  bar.className = 'bar';
  const title = document.createElement('b');
  title.textContent = `${t('live.title')} · ${name}`;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.dataset.testid = 'live-dialog-close';
  close.textContent = t('live.close');
  bar.append(title, close);
  const tile = new LiveTile(api, cameraId, name);
  box.append(bar, tile.el);
  const end = (): void => {
    tile.close();
    box.remove();
    window.removeEventListener('pagehide', end);
  };
  close.addEventListener('click', end);
  window.addEventListener('pagehide', end);
  document.body.append(box);
}

/** A camera's popup on the map: the button that opens its live view. */
export function liveButton(api: Api, d: { id: string; name: string }): HTMLElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'live-open';
  b.dataset.testid = 'camera-live';
  b.textContent = t('live.open');
  b.addEventListener('click', (ev) => {
    ev.stopPropagation();
    openLiveDialog(api, d.id, d.name);
  });
  return b;
}
