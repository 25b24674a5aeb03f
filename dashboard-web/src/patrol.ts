import './style.css';
import './maplibre-worker';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { Api } from './api';
import type { Session } from './rest';
import { clearSession, login, savedSession, SessionKeeper } from './session';
import { Live } from './live';

/**
 * The patrol members' page (平安联盟, mobile web): go on duty, share the phone's position while on
 * duty, receive dispatch alerts (sound, vibration, the target on a map with distance), accept or
 * decline, report arrival and resolution, raise an SOS, submit a lead.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Alert {
  alarmId: number;
  title: string;
  text: string;
  lon: number;
  lat: number;
  distanceM: number | null;
}

let here: { lon: number; lat: number; accuracy: number } | null = null;

function beep(): void {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.6);
  } catch {
    // no audio (e.g. not yet allowed by the browser): vibration and the card still show
  }
  navigator.vibrate?.([300, 100, 300]);
}

async function start(session: Session): Promise<void> {
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = session.displayName;
  const keeper = new SessionKeeper(session, () => {
    clearSession();
    location.reload();
  });
  if (keeper.expired()) await keeper.renew();
  const api = new Api(keeper, () => {
    clearSession();
    location.reload();
  });
  let onDuty = false;
  let watch: number | null = null;
  let lastSent = 0;

  const send = async (force = false): Promise<void> => {
    if (!here || (!force && Date.now() - lastSent < 5000)) return;
    lastSent = Date.now();
    try {
      await api.post('/api/v1/members/me/position', { lon: here.lon, lat: here.lat, accuracyM: Math.min(here.accuracy, 10000) });
      $('gps').textContent = `已上报位置 ${new Date().toLocaleTimeString('zh-CN')}`;
    } catch (e) {
      $('gps').textContent = String((e as Error).message);
    }
  };

  const setDuty = async (on: boolean): Promise<void> => {
    await api.put('/api/v1/members/me/state', { state: on ? 'available' : 'off_duty' });
    onDuty = on;
    $('duty').textContent = on ? '下岗' : '上岗';
    $('duty-state').textContent = on ? '在岗' : '下岗';
    if (on && watch === null && 'geolocation' in navigator) {
      watch = navigator.geolocation.watchPosition(
        (p) => {
          here = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
          void send();
        },
        (err) => ($('gps').textContent = '无法获取位置：' + err.message),
        { enableHighAccuracy: true },
      );
    }
    if (!on && watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
  };
  $('duty').addEventListener('click', () => void setDuty(!onDuty));

  let current: Alert | null = null;
  let map: maplibregl.Map | null = null;
  const show = (a: Alert): void => {
    current = a;
    $('alert').hidden = false;
    $('alert-title').textContent = a.title;
    $('alert-text').textContent = a.text;
    $('alert-state').textContent = '待接受';
    if (!map) {
      map = new maplibregl.Map({
        container: 'alert-map',
        style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0d1b2a' } }] },
        center: [a.lon, a.lat],
        zoom: 16,
        attributionControl: false,
      });
    } else {
      map.setCenter([a.lon, a.lat]);
    }
    new maplibregl.Marker({ color: '#e63946' }).setLngLat([a.lon, a.lat]).addTo(map);
    if (here) new maplibregl.Marker({ color: '#52b788' }).setLngLat([here.lon, here.lat]).addTo(map);
    beep();
  };
  const act = async (action: string, body: unknown = {}): Promise<void> => {
    if (!current) return;
    try {
      await api.post(`/api/v1/alarms/${current.alarmId}/${action}`, body);
      $('alert-state').textContent = { accept: '已接受，请前往', decline: '已拒绝', resolve: '已处置完毕' }[action] ?? action;
    } catch (e) {
      $('alert-state').textContent = String((e as Error).message);
    }
  };
  $('accept').addEventListener('click', () => void act('accept'));
  $('decline').addEventListener('click', () => void act('decline'));
  // resolved: a note (required) and, if taken, a photo of the scene, uploaded first so the alarm closes with it
  $('resolve').addEventListener('click', () => {
    const note = $<HTMLTextAreaElement>('resolve-note').value.trim();
    if (!note) {
      $('alert-state').textContent = '请填写处置情况';
      return;
    }
    const photo = $<HTMLInputElement>('resolve-photo').files?.[0];
    void (async () => {
      if (photo && current) {
        try {
          await api.alarmPhoto(current.alarmId, photo);
        } catch (e) {
          $('alert-state').textContent = '照片未上传：' + (e as Error).message;
          return;
        }
      }
      await act('resolve', { note });
    })();
  });
  // arrival is detected from the position; the button sends the current one at once
  $('arrived').addEventListener('click', () => {
    const report = async (): Promise<void> => {
      await send(true);
      $('alert-state').textContent = '已上报到达位置';
    };
    // a fresh fix if the phone gives one within 3 s, else the last known one
    navigator.geolocation.getCurrentPosition(
      (p) => {
        here = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
        void report();
      },
      () => void report(),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 3000 },
    );
  });
  $('sos').addEventListener('click', async () => {
    if (!here) {
      $('gps').textContent = 'SOS 需要位置，请先上岗并允许定位';
      return;
    }
    const r = await api.post<{ alarmId: number }>('/api/v1/members/me/sos', { lon: here.lon, lat: here.lat });
    $('gps').textContent = `已发出 SOS（告警 ${r.alarmId}），指挥中心已派人`;
  });
  $('lead-send').addEventListener('click', async () => {
    const text = $<HTMLTextAreaElement>('lead-text').value.trim();
    const photo = $<HTMLInputElement>('lead-photo').value.trim();
    if (!text || !here) {
      $('lead-state').textContent = !text ? '请填写线索内容' : '需要位置，请先上岗';
      return;
    }
    try {
      const r = await api.post<{ leadId: number }>('/api/v1/members/me/leads', { text, lon: here.lon, lat: here.lat, ...(photo ? { photoUrl: photo } : {}) });
      $('lead-state').textContent = `线索已提交（编号 ${r.leadId}）`;
      $<HTMLTextAreaElement>('lead-text').value = '';
    } catch (e) {
      $('lead-state').textContent = String((e as Error).message);
    }
  });

  const live = new Live(
    keeper.token,
    { '/user/queue/alerts': (body) => show(body as Alert) },
    (s) => ($('conn').dataset.state = s),
    () => undefined,
  );
  live.start();
  keeper.onRenewed((s) => live.renew(s.accessToken));
  document.body.dataset.ready = 'true';
}

$<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await start(await login($<HTMLInputElement>('username').value.trim(), $<HTMLInputElement>('password').value));
  } catch {
    $('login-error').textContent = '登录失败：用户名或密码错误';
  }
});
const s = savedSession();
if (s) void start(s);
