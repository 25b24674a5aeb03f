/** Text made safe to put into HTML; nothing (null, undefined) is the empty text. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Puts {@code wanted} into {@code list} in that order, moving only the elements out of place and removing the
 * rest: an element that stays is never detached, so what the user is pointing at, has focus in or is scrolled
 * to survives a live update.
 */
export function placeChildren(list: Element, wanted: Element[]): void {
  let at = list.firstElementChild;
  for (const el of wanted) {
    if (at === el) at = at.nextElementSibling;
    else list.insertBefore(el, at);
  }
  while (at) {
    const next = at.nextElementSibling;
    at.remove();
    at = next;
  }
}

/**
 * The object already held for an item when a reload brings the same data again, else the new one: views keyed
 * on the object (a list's element) are then kept across a resynchronisation that changed nothing.
 */
export function unchanged<T>(held: T | undefined, fresh: T): T {
  return held !== undefined && JSON.stringify(held) === JSON.stringify(fresh) ? held : fresh;
}
