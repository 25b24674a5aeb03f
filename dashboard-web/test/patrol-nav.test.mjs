// The patrol phone's navigation links and words for where the target is: each map app gets the
// target in the coordinate system it reads, checked against the reference values geo-engine's tests
// use (scripts/reference: gcoord and coordtransform), to the sixth decimal the links carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gcj02ToBd09 } from '../src/gcj02.js';
import { bearing, direction, distanceText, metres, navigationLinks, whereWords } from '../src/patrol-nav.js';

// crs-reference.csv: 潍坊 松鹤园社区 and 北京 天安门 (WGS-84 → GCJ-02 → BD-09)
const SONGHE = { lon: 119.126, lat: 36.7045, name: '周界入侵, 松鹤园社区 & 北门' };
const SONGHE_GCJ = [119.1319494645, 36.7049968366];
const SONGHE_BD = [119.1384247267, 36.7110290893];
const TIANANMEN = { lon: 116.3975, lat: 39.9087 };
const TIANANMEN_GCJ = [116.4037435727, 39.9101034993];
const TIANANMEN_BD = [116.4101165865, 39.9164427496];
const f6 = (x) => x.toFixed(6);

const links = (from) => Object.fromEntries(navigationLinks(SONGHE, from).map((l) => [l.id, new URL(l.href)]));

test('高德 and 腾讯 get GCJ-02, 百度 BD-09 with coord_type=bd09ll, Apple GCJ-02 inside China, geo: WGS-84', () => {
  const l = links(TIANANMEN);
  assert.equal(l.amap.origin + l.amap.pathname, 'https://uri.amap.com/navigation');
  assert.equal(l.amap.searchParams.get('to'), `${f6(SONGHE_GCJ[0])},${f6(SONGHE_GCJ[1])},周界入侵  松鹤园社区   北门`);
  assert.equal(l.amap.searchParams.get('from'), `${f6(TIANANMEN_GCJ[0])},${f6(TIANANMEN_GCJ[1])},我的位置`);
  assert.equal(l.amap.searchParams.get('coordinate'), 'gaode');

  assert.equal(l.baidu.origin + l.baidu.pathname, 'https://api.map.baidu.com/direction');
  assert.equal(l.baidu.searchParams.get('coord_type'), 'bd09ll');
  assert.equal(l.baidu.searchParams.get('destination'), `latlng:${f6(SONGHE_BD[1])},${f6(SONGHE_BD[0])}|name:周界入侵  松鹤园社区   北门`);
  assert.equal(l.baidu.searchParams.get('origin'), `latlng:${f6(TIANANMEN_BD[1])},${f6(TIANANMEN_BD[0])}|name:我的位置`);

  assert.equal(l.tencent.origin + l.tencent.pathname, 'https://apis.map.qq.com/uri/v1/routeplan');
  assert.equal(l.tencent.searchParams.get('tocoord'), `${f6(SONGHE_GCJ[1])},${f6(SONGHE_GCJ[0])}`);
  assert.equal(l.tencent.searchParams.get('fromcoord'), `${f6(TIANANMEN_GCJ[1])},${f6(TIANANMEN_GCJ[0])}`);

  assert.equal(l.apple.origin, 'https://maps.apple.com');
  assert.equal(l.apple.searchParams.get('daddr'), `${f6(SONGHE_GCJ[1])},${f6(SONGHE_GCJ[0])}`);
  assert.equal(l.apple.searchParams.get('saddr'), `${f6(TIANANMEN_GCJ[1])},${f6(TIANANMEN_GCJ[0])}`);

  const geo = navigationLinks(SONGHE, TIANANMEN).find((x) => x.id === 'geo').href;
  assert.equal(geo.split('?')[0], 'geo:36.704500,119.126000');
  assert.ok(geo.includes('q=36.704500,119.126000('), geo);
});

test('without the phone\'s position the apps start from their own', () => {
  const l = links(null);
  assert.equal(l.amap.searchParams.get('from'), null);
  assert.equal(l.baidu.searchParams.get('origin'), '我的位置');
  assert.equal(l.tencent.searchParams.get('fromcoord'), null);
  assert.equal(l.apple.searchParams.get('saddr'), null);
  assert.deepEqual(navigationLinks(SONGHE).map((x) => x.label), ['高德地图', '百度地图', '腾讯地图', 'Apple 地图', '其他地图应用']);
});

test('outside China Apple and 高德 get the WGS-84 position unchanged', () => {
  const paris = { lon: 2.2945, lat: 48.8584, name: 'Tour Eiffel' };
  const l = Object.fromEntries(navigationLinks(paris).map((x) => [x.id, new URL(x.href)]));
  assert.equal(l.apple.searchParams.get('daddr'), '48.858400,2.294500');
  assert.equal(l.amap.searchParams.get('to'), '2.294500,48.858400,Tour Eiffel');
});

test('BD-09 agrees with the reference within half a metre', async () => {
  const csv = await readFile(new URL('../../geo-engine/src/test/resources/crs-reference.csv', import.meta.url), 'utf8');
  for (const row of csv.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('name,'))) {
    const [name, , , gl, ga, bl, ba] = row.split(',');
    const [x, y] = gcj02ToBd09(+gl, +ga);
    assert.ok(metres({ lon: x, lat: y }, { lon: +bl, lat: +ba }) <= 0.5, `${name}: GCJ-02 → BD-09 off`);
  }
});

test('bearing and distance in words', () => {
  const here = { lon: 119.1215, lat: 36.7075 };
  // ~367 m north and ~367 m east: 东北 about 520 m
  const ne = { lon: here.lon + 0.0041, lat: here.lat + 0.0033 };
  assert.equal(whereWords(here, ne), '东北方向 520 米');
  assert.equal(direction(bearing(here, { lon: here.lon, lat: here.lat + 0.01 })), '北');
  assert.equal(direction(bearing(here, { lon: here.lon + 0.01, lat: here.lat })), '东');
  assert.equal(direction(bearing(here, { lon: here.lon, lat: here.lat - 0.01 })), '南');
  assert.equal(direction(bearing(here, { lon: here.lon - 0.01, lat: here.lat - 0.01 })), '西南');
  assert.equal(direction(bearing(here, { lon: here.lon - 0.01, lat: here.lat + 0.01 })), '西北');
  assert.equal(direction(359), '北');
  assert.equal(direction(337.6), '北');
  assert.equal(direction(337.4), '西北');
  assert.equal(whereWords(here, { lon: here.lon + 0.00005, lat: here.lat }), '就在附近（4 米）');
  assert.equal(distanceText(8.4), '8 米');
  assert.equal(distanceText(916), '920 米');
  assert.equal(distanceText(1234), '1.2 公里');
});
