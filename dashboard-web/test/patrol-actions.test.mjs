// The patrol phone shows only the actions valid now, from the server's state: the duty state and the
// stage of each open dispatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, dutyActions, offerActions, stateWords } from '../src/patrol-actions.js';

const words = (actions) => actions.map((a) => ACTIONS[a]);

test('off duty: only 上岗', () => {
  assert.deepEqual(words(dutyActions('OFF_DUTY', [])), ['上岗']);
  assert.equal(stateWords('OFF_DUTY', []), '下岗');
});

test('on duty and free: 下岗, SOS and 提交线索', () => {
  assert.deepEqual(words(dutyActions('AVAILABLE', [])), ['下岗', 'SOS 紧急求助', '提交线索']);
  assert.equal(stateWords('AVAILABLE', []), '在岗待命');
});

test('offered: 接受 and 拒绝 on the card, only SOS besides', () => {
  const offers = [{ stage: 'OFFERED' }];
  assert.deepEqual(words(offerActions('OFFERED')), ['接受', '拒绝']);
  assert.deepEqual(words(dutyActions('BUSY', offers)), ['SOS 紧急求助']);
  assert.equal(stateWords('BUSY', offers), '有新派警，待接受');
  // an offer restored while the duty state still reads off duty (dispatched by name) still shows no 上岗
  assert.deepEqual(words(dutyActions('OFF_DUTY', offers)), ['SOS 紧急求助']);
});

test('accepted and on the way: 到达现场, 现场照片, 办结; arrived: 现场照片, 办结', () => {
  assert.deepEqual(words(offerActions('EN_ROUTE')), ['到达现场', '现场照片', '办结']);
  assert.deepEqual(words(offerActions('ARRIVED')), ['现场照片', '办结']);
  assert.equal(stateWords('BUSY', [{ stage: 'EN_ROUTE' }]), '已接受派警，前往现场');
  assert.equal(stateWords('BUSY', [{ stage: 'ARRIVED' }]), '已到达现场，处置中');
});

test('ended dispatches have no buttons and do not count as open', () => {
  assert.deepEqual(offerActions('ENDED'), []);
  assert.deepEqual(words(dutyActions('AVAILABLE', [{ stage: 'ENDED' }])), ['下岗', 'SOS 紧急求助', '提交线索']);
});

test('busy with nothing to do (after an SOS): 恢复待命, 下岗, SOS', () => {
  assert.deepEqual(words(dutyActions('BUSY', [])), ['恢复待命', '下岗', 'SOS 紧急求助']);
  assert.equal(stateWords('BUSY', []), '执行任务');
});
