// Where the target is from the patrol member and how to get there: the distance and bearing in words,
// and navigation links for the common map apps, each in the coordinate system it reads. Plain
// JavaScript (with patrol-nav.d.ts) so node's test runner imports it without a build step
// (test/patrol-nav.test.mjs checks the links with golden coordinates).
import { gcj02ToBd09, wgs84ToGcj02 } from './gcj02.js';

/** Metres between two WGS-84 points (haversine on the mean Earth radius: a phone's display, not a survey). */
export function metres(a, b) {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(s));
}

/** The initial bearing from a to b in degrees clockwise from north, 0 ≤ x < 360. */
export function bearing(a, b) {
  const r = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * r) * Math.cos(b.lat * r);
  const x = Math.cos(a.lat * r) * Math.sin(b.lat * r) - Math.sin(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return ((Math.atan2(y, x) / r) % 360 + 360) % 360;
}

const POINTS = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

/** A bearing as one of the eight directions a person says: 北, 东北, 东 … */
export function direction(deg) {
  return POINTS[Math.round((((deg % 360) + 360) % 360) / 45) % 8];
}

/** A distance as read on a phone: 8 米, 520 米 (tens above 100 m), 1.2 公里. */
export function distanceText(m) {
  if (m < 100) return `${Math.round(m)} 米`;
  if (m < 1000) return `${Math.round(m / 10) * 10} 米`;
  return `${(m / 1000).toFixed(1)} 公里`;
}

/** 「东北方向 520 米」; 「就在附近（8 米）」 within 20 m, where a direction means little. */
export function whereWords(from, to) {
  const m = metres(from, to);
  if (m < 20) return `就在附近（${Math.round(m)} 米）`;
  return `${direction(bearing(from, to))}方向 ${distanceText(m)}`;
}

const fixed = (x) => x.toFixed(6);
/** Names inside URLs: the separators the apps read (comma, bar, ampersand, hash) become spaces. */
const safe = (name) => encodeURIComponent(String(name).replace(/[,|&#]/g, ' '));

/**
 * Navigation to {@code to} (WGS-84, with a name) from {@code from} (WGS-84, or null: the app starts from the phone's own
 * position), walking, in the common map apps: 高德 and 腾讯 read GCJ-02, 百度 BD-09 (coord_type=bd09ll), Apple 地图 GCJ-02
 * inside China (WGS-84 outside it, where the two are one), and a geo: URI (WGS-84, RFC 5870) for any other app.
 * @returns {{ id: string, label: string, href: string }[]}
 */
export function navigationLinks(to, from = null) {
  const gTo = wgs84ToGcj02(to.lon, to.lat);
  const gFrom = from ? wgs84ToGcj02(from.lon, from.lat) : null;
  const bTo = gcj02ToBd09(gTo[0], gTo[1]);
  const bFrom = gFrom ? gcj02ToBd09(gFrom[0], gFrom[1]) : null;
  const me = encodeURIComponent('我的位置');
  const name = safe(to.name);

  const amap = `https://uri.amap.com/navigation?${gFrom ? `from=${fixed(gFrom[0])},${fixed(gFrom[1])},${me}&` : ''}` +
    `to=${fixed(gTo[0])},${fixed(gTo[1])},${name}&mode=walk&coordinate=gaode&callnative=1`;
  const baidu = `https://api.map.baidu.com/direction?origin=${bFrom ? `latlng:${fixed(bFrom[1])},${fixed(bFrom[0])}|name:${me}` : me}` +
    `&destination=latlng:${fixed(bTo[1])},${fixed(bTo[0])}|name:${name}&mode=walking&coord_type=bd09ll&output=html&src=redwhistle.patrol`;
  const tencent = `https://apis.map.qq.com/uri/v1/routeplan?type=walk` +
    `${gFrom ? `&from=${me}&fromcoord=${fixed(gFrom[1])},${fixed(gFrom[0])}` : ''}` +
    `&to=${name}&tocoord=${fixed(gTo[1])},${fixed(gTo[0])}&referer=redwhistle`;
  // Apple draws China in GCJ-02; wgs84ToGcj02 leaves places outside China as they are
  const apple = `https://maps.apple.com/?${gFrom ? `saddr=${fixed(gFrom[1])},${fixed(gFrom[0])}&` : ''}` +
    `daddr=${fixed(gTo[1])},${fixed(gTo[0])}&dirflg=w&q=${name}`;
  const geo = `geo:${fixed(to.lat)},${fixed(to.lon)}?q=${fixed(to.lat)},${fixed(to.lon)}(${name})`;
  return [
    { id: 'amap', label: '高德地图', href: amap },
    { id: 'baidu', label: '百度地图', href: baidu },
    { id: 'tencent', label: '腾讯地图', href: tencent },
    { id: 'apple', label: 'Apple 地图', href: apple },
    { id: 'geo', label: '其他地图应用', href: geo },
  ];
}
