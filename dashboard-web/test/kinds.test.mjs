// The device kinds on the dashboard (src/kinds.js): a kind added as files on the server shows with
// its own label and icon, without dashboard code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindLabel, legendOrder, svgDataUrl } from '../src/kinds.js';

const kinds = new Map([
  ['camera', { kind: 'camera', label: '摄像机', mobile: false }],
  ['video_intercom', { kind: 'video_intercom', label: '单元楼宇门可视对讲', mobile: false }],
  ['patrol_terminal', { kind: 'patrol_terminal', label: '巡更终端', mobile: true }],
  ['face_gate', { kind: 'face_gate', label: '主路口人脸识别', mobile: false }],
]);

test('a kind is named by its kind file in Chinese, by the dictionary in English where it has a word', () => {
  assert.equal(kindLabel(kinds, 'video_intercom', 'zh', undefined), '单元楼宇门可视对讲');
  assert.equal(kindLabel(kinds, 'camera', 'zh', 'Camera'), '摄像机');
  assert.equal(kindLabel(kinds, 'camera', 'en', 'Camera'), 'Camera');
  assert.equal(kindLabel(kinds, 'face_gate', 'en', undefined), '主路口人脸识别');
  assert.equal(kindLabel(kinds, 'doorbell', 'zh', undefined), 'doorbell');
});

test('the legend lists the fixed kinds first, the moving ones last', () => {
  assert.deepEqual(legendOrder([...kinds.values()]).map((k) => k.kind).at(-1), 'patrol_terminal');
  assert.equal(legendOrder([...kinds.values()]).length, 4);
});

test('an icon becomes a data URL an image loads', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="11" fill="#4895ef"/></svg>';
  const url = svgDataUrl(svg);
  assert.ok(url.startsWith('data:image/svg+xml;charset=utf-8,'));
  assert.equal(decodeURIComponent(url.slice(url.indexOf(',') + 1)), svg);
  assert.ok(!url.includes('#'), 'a # would end the URL');
});
