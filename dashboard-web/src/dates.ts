/** Dates as users of the village and residents' pages read them: in Asia/Shanghai, whatever the browser's zone. */
const ZONE = 'Asia/Shanghai';
const MINUTE = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** A moment to the minute, e.g. 2026/12/09 23:59; nothing for no moment. */
export const dateTime = (iso: string | null | undefined): string => (iso ? MINUTE.format(new Date(iso)) : '');

/** Today in Asia/Shanghai as YYYY-MM-DD, the value of a date input. */
export const today = (): string => new Date().toLocaleDateString('sv-SE', { timeZone: ZONE });
