import type { Api } from './api';
import { openDialog } from './dialog';
import { esc } from './html';
import { formatTime } from './i18n';
import type { Device } from './rest';

/** A video intercom's latest event in words (GET /api/v1/intercoms/{id}/activity). */
interface Activity { deviceId: string; deviceName: string; items: { at: string; type: string; text: string; room: string | null }[] }
interface Command { cmdId: string; status: string; detail: string | null }

const DONE: Record<string, string> = { OK: '设备已确认：门已打开', FAILED: '设备未能开门', TIMED_OUT: '设备未响应（超时）' };

/**
 * What a building door's video intercom adds to its map popup: its latest calls and door openings, alarms
 * (forced, tailgating, held open) marked; for those who may command devices, 「远程开门」 with a confirmation
 * (the reason asked), sent as open_door through the devices' commands, and the device's answer shown.
 */
export function intercomPopup(api: Api, d: Device, mayCommand: boolean): HTMLElement {
  const div = document.createElement('div');
  div.className = 'intercom-popup';
  div.dataset.testid = 'intercom-popup';
  div.style.cssText = 'margin-top:6px;font-size:12px;min-width:240px';
  div.innerHTML = '<div data-testid="intercom-activity">…</div>';
  const list = div.firstElementChild as HTMLElement;
  void api.get<Activity>(`/api/v1/intercoms/${encodeURIComponent(d.id)}/activity?limit=8`).then((a) => {
    list.innerHTML = '<b>最近呼叫与开门</b>' + (a.items.length === 0 ? '<div>暂无记录</div>' : '<ul class="ic-list">' +
      a.items.map((i) => `<li data-testid="intercom-item"${/forced|tailgating|held/.test(i.type) ? ' class="ic-alarm"' : ''}>` +
        `${esc(formatTime(i.at))} ${esc(i.text)}</li>`).join('') + '</ul>');
  }).catch((e) => (list.textContent = `记录不可用：${(e as Error).message}`));
  if (!mayCommand) return div;

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '远程开门';
  button.dataset.testid = 'intercom-open-door';
  const state = document.createElement('div');
  state.dataset.testid = 'intercom-command-state';
  button.addEventListener('click', async () => {
    let cmd: Command | null = null;
    const sent = await openDialog({
      title: '远程开门', text: `确认打开「${d.name}」的单元门？操作将记录在案。`,
      fields: [{ kind: 'text', name: 'room', label: '为哪户开门（房号，可不填）' }, { kind: 'text', name: 'reason', label: '原因', required: true, placeholder: '如：住户忘带门卡，经视频核实' }],
      confirm: '确认开门',
      onConfirm: async (v) => {
        cmd = await api.post<Command>(`/api/v1/devices/${encodeURIComponent(d.id)}/commands`, {
          command: 'open_door', args: { ...(v.room ? { room: v.room as string } : {}), reason: v.reason as string },
        });
      },
    });
    const sentCmd = cmd as Command | null;
    if (!sent || !sentCmd) return;
    state.textContent = '指令已下发，等待设备确认…';
    state.dataset.status = 'SENT';
    button.disabled = true;
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const recent = await api.get<Command[]>(`/api/v1/devices/${encodeURIComponent(d.id)}/commands`).catch(() => []);
      const now = recent.find((c) => c.cmdId === sentCmd.cmdId);
      if (now && now.status !== 'SENT') {
        state.textContent = DONE[now.status] ?? now.status;
        state.dataset.status = now.status;
        break;
      }
    }
    button.disabled = false;
  });
  div.append(button, state);
  return div;
}
