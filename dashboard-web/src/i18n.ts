export type Lang = 'zh' | 'en';

const dict: Record<Lang, Record<string, string>> = {
  zh: {
    'app.title': '小红哨指挥中心',
    'app.subtitle': '村居平安 · 实时指挥',
    'auth.username': '用户名',
    'auth.password': '密码',
    'auth.login': '登录',
    'auth.logout': '退出',
    'auth.failed': '登录失败：用户名或密码错误',
    'map.basemap': '底图',
    'cases.title': '小红哨诉求',
    'cases.overdue': '已超时',
    'cases.left': '剩余',
    'cases.due': '办结时限',
    'case.DISPATCHED': '已派单',
    'case.TAKEN': '已接单',
    'case.ASSIGNED': '处置中',
    'case.HANDLED': '待评价',
    'case.CLOSED': '已办结',
    'action.acknowledge': '确认',
    'action.dispatch': '派警',
    'action.resolve': '处置完毕',
    'action.false-alarm': '误报',
    'action.note': '请填写处置情况',
    'dispatch.members': '就近可派队员',
    'dispatch.none': '附近暂无可派队员',
    'dispatch.cameras': '覆盖摄像机',
    'dispatch.confirm': '确认派警',
    'conn.connected': '实时连接',
    'conn.connecting': '连接中…',
    'conn.offline': '已断开，正在重连',
    'alarms.title': '告警',
    'alarms.empty': '暂无告警',
    'alarms.count': '次',
    'severity.LOW': '低',
    'severity.MEDIUM': '中',
    'severity.HIGH': '高',
    'severity.CRITICAL': '紧急',
    'status.NEW': '新告警',
    'status.ACKNOWLEDGED': '已确认',
    'status.DISPATCHED': '已派警',
    'status.ON_SCENE': '已到场',
    'status.RESOLVED': '已处置',
    'status.FALSE_ALARM': '误报',
    'kind.camera': '摄像机',
    'kind.access_gate': '道闸门禁',
    'kind.perimeter_alarm': '周界报警',
    'kind.patrol_terminal': '巡更终端',
    'device.online': '在线',
    'device.offline': '离线',
    'stats.devices': '设备在线',
    'stats.alarms': '未处置告警',
    'stats.areas': '网格',
    'popup.grid': '网格',
    'popup.device': '设备',
    'popup.time': '时间',
  },
  en: {
    'app.title': 'Red Whistle Command Center',
    'app.subtitle': 'Village safety · live command',
    'auth.username': 'Username',
    'auth.password': 'Password',
    'auth.login': 'Log in',
    'auth.logout': 'Log out',
    'auth.failed': 'Login failed: unknown user or wrong password',
    'map.basemap': 'Basemap',
    'cases.title': 'Residents\' requests',
    'cases.overdue': 'Overdue',
    'cases.left': 'left',
    'cases.due': 'Due',
    'case.DISPATCHED': 'Dispatched',
    'case.TAKEN': 'Taken',
    'case.ASSIGNED': 'Being handled',
    'case.HANDLED': 'Awaiting evaluation',
    'case.CLOSED': 'Closed',
    'action.acknowledge': 'Acknowledge',
    'action.dispatch': 'Dispatch',
    'action.resolve': 'Resolve',
    'action.false-alarm': 'False alarm',
    'action.note': 'What was found?',
    'dispatch.members': 'Nearest available members',
    'dispatch.none': 'Nobody available nearby',
    'dispatch.cameras': 'Cameras covering',
    'dispatch.confirm': 'Dispatch',
    'conn.connected': 'Live',
    'conn.connecting': 'Connecting…',
    'conn.offline': 'Disconnected, reconnecting',
    'alarms.title': 'Alarms',
    'alarms.empty': 'No alarms',
    'alarms.count': '×',
    'severity.LOW': 'Low',
    'severity.MEDIUM': 'Medium',
    'severity.HIGH': 'High',
    'severity.CRITICAL': 'Critical',
    'status.NEW': 'New',
    'status.ACKNOWLEDGED': 'Acknowledged',
    'status.DISPATCHED': 'Dispatched',
    'status.ON_SCENE': 'On scene',
    'status.RESOLVED': 'Resolved',
    'status.FALSE_ALARM': 'False alarm',
    'kind.camera': 'Camera',
    'kind.access_gate': 'Access gate',
    'kind.perimeter_alarm': 'Perimeter alarm',
    'kind.patrol_terminal': 'Patrol terminal',
    'device.online': 'online',
    'device.offline': 'offline',
    'stats.devices': 'Devices online',
    'stats.alarms': 'Open alarms',
    'stats.areas': 'Grids',
    'popup.grid': 'Grid',
    'popup.device': 'Device',
    'popup.time': 'Time',
  },
};

let current: Lang = (localStorage.getItem('rw.lang') as Lang) || 'zh';

export function lang(): Lang {
  return current;
}

export function t(key: string): string {
  return dict[current][key] ?? dict.zh[key] ?? key;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem('rw.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  applyStatic();
}

/** Fills every element marked data-i18n. */
export function applyStatic(): void {
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n!);
  });
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
