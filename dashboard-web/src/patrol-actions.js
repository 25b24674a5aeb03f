// Which buttons the patrol phone shows, derived from the server's state only (GET /api/v1/members/me
// and /members/me/offers): the member's duty state (OFF_DUTY, AVAILABLE, BUSY) and the stage of each
// open dispatch (OFFERED, EN_ROUTE, ARRIVED; ENDED ones are gone). Plain JavaScript (with
// patrol-actions.d.ts) so node's test runner checks the mapping (test/patrol-actions.test.mjs).

/** Every action with its words, in the order buttons are laid out. */
export const ACTIONS = {
  'on-duty': '上岗',
  'off-duty': '下岗',
  'back-available': '恢复待命',
  sos: 'SOS 紧急求助',
  lead: '提交线索',
  accept: '接受',
  decline: '拒绝',
  arrived: '到达现场',
  photo: '现场照片',
  resolve: '办结',
};

/**
 * The page's own buttons (not tied to one dispatch): off duty only 上岗; on duty and free 下岗, SOS and 提交线索;
 * busy with a dispatch only SOS (the dispatch's card has the rest); busy with none (after an SOS, or a dispatch the
 * center closed) 恢复待命, 下岗 and SOS.
 * @param {string} state the member's duty state
 * @param {{ stage: string }[]} offers the open dispatches
 * @returns {string[]}
 */
export function dutyActions(state, offers) {
  const open = offers.some((o) => o.stage !== 'ENDED');
  if (state === 'OFF_DUTY' && !open) return ['on-duty'];
  if (state === 'AVAILABLE' && !open) return ['off-duty', 'sos', 'lead'];
  if (open) return ['sos'];
  return ['back-available', 'off-duty', 'sos'];
}

/**
 * A dispatch's buttons: offered 接受/拒绝; accepted (on the way) 到达现场, 现场照片, 办结; arrived 现场照片, 办结; ended none.
 * @param {string} stage
 * @returns {string[]}
 */
export function offerActions(stage) {
  switch (stage) {
    case 'OFFERED':
      return ['accept', 'decline'];
    case 'EN_ROUTE':
      return ['arrived', 'photo', 'resolve'];
    case 'ARRIVED':
      return ['photo', 'resolve'];
    default:
      return [];
  }
}

/** The duty state in words, as the phone's status line says it. */
export function stateWords(state, offers) {
  const open = offers.filter((o) => o.stage !== 'ENDED');
  if (open.some((o) => o.stage === 'OFFERED')) return '有新派警，待接受';
  if (open.some((o) => o.stage === 'ARRIVED')) return '已到达现场，处置中';
  if (open.length > 0) return '已接受派警，前往现场';
  return { OFF_DUTY: '下岗', AVAILABLE: '在岗待命', BUSY: '执行任务' }[state] ?? state;
}
