import type { Api } from './api';
import type { Alarm } from './rest';

/** Object URLs of the pictures fetched so far (with the token), by snapshot id: a live update does not fetch again. */
const urls = new Map<number, Promise<string>>();

/**
 * The picture a face gate sent with a watchlist hit (face.watchlist), for the alarm's popup and its list item: the
 * crossing's snapshot, large; a click opens it full size. Only the police receive these alarms and may fetch the
 * picture (face-passages.read); for any other alarm, or before the picture has come, nothing.
 */
export function alarmPicture(api: Api, a: Alarm): HTMLElement | null {
  const id = a.deviceKind === 'face_gate' ? a.snapshots?.[a.snapshots.length - 1] : undefined;
  if (id === undefined) return null;
  const fig = document.createElement('figure');
  fig.className = 'alarm-picture';
  fig.dataset.testid = 'alarm-picture';
  const img = document.createElement('img');
  img.alt = '通行抓拍';
  img.style.cssText = 'display:block;max-width:280px;width:100%;border-radius:4px;cursor:zoom-in';
  fig.style.margin = '6px 0 0';
  fig.append(img);
  let url = urls.get(id);
  if (!url) {
    url = api.photoUrl(`/api/v1/snapshots/${id}/image`);
    urls.set(id, url);
  }
  url.then((u) => {
    img.src = u;
    img.dataset.loaded = 'true';
    img.addEventListener('click', (ev) => {
      ev.stopPropagation();
      window.open(u, '_blank');
    });
  }).catch(() => {
    urls.delete(id);
    img.alt = '抓拍不可用';
  });
  return fig;
}

/** The alarm popup's extra content: the picture (if any), then the alarm's buttons (if any). */
export function withPicture(api: Api, a: Alarm, actions: HTMLElement | null): HTMLElement | null {
  const picture = alarmPicture(api, a);
  if (!picture) return actions;
  const div = document.createElement('div');
  div.append(picture);
  if (actions) div.append(actions);
  return div;
}
