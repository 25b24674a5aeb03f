import { esc } from './html';
import { inChinese, problemIn } from './whistle-api';

/** What uploads a case photo (POST /api/v1/case-photos): {@link ResidentApi#casePhoto}. */
export interface PhotoUploader {
  casePhoto(file: Blob, onProgress?: (fraction: number) => void): Promise<{ id: number; url: string }>;
}

interface Photo {
  file: File;
  preview: string;
  /** Uploaded: the url that goes into the request's or the report's photos. */
  url?: string;
  /** Refused or lost, in Chinese. */
  error?: string;
  /** How much went up, 0 to 1. */
  progress: number;
}

/**
 * Photos picked on a phone, each uploaded as soon as it is picked (POST /api/v1/case-photos), shown
 * in a list with its preview, its progress (上传中 42%), 已上传 or why it failed in Chinese, and a
 * button to remove it: the residents' 一键吹响 and the grid workers' 上报处置 both use it.
 * The list's items carry data-testid="photo" and data-state uploading|uploaded|failed.
 */
export class PhotoPicker {
  private photos: Photo[] = [];

  constructor(
    private readonly api: PhotoUploader,
    private readonly list: HTMLElement,
    input: HTMLInputElement,
    private readonly max = 9,
  ) {
    input.addEventListener('change', () => {
      void this.add([...(input.files ?? [])]);
      input.value = '';
    });
  }

  /** Uploads the files one after another (at most {@code max} photos in all). */
  async add(files: File[]): Promise<void> {
    for (const file of files) {
      if (this.photos.length >= this.max) break;
      const photo: Photo = { file, preview: URL.createObjectURL(file), progress: 0 };
      this.photos.push(photo);
      this.render();
      try {
        photo.url = (await this.api.casePhoto(file, (f) => {
          photo.progress = f;
          this.progressOf(photo);
        })).url;
      } catch (e) {
        photo.error = inChinese(problemIn(e), 'photo');
      }
      this.render();
    }
  }

  /** True while a photo is still going up. */
  uploading(): boolean {
    return this.photos.some((p) => !p.url && !p.error);
  }

  /** The uploaded photos, each with the number (from 1) it has on the screen, for a refusal naming photos[i]. */
  uploaded(): { url: string; n: number }[] {
    return this.photos.map((p, i) => ({ url: p.url, n: i + 1 })).filter((x): x is { url: string; n: number } => x.url != null);
  }

  /** Empties the list (after the request or the report went through). */
  reset(): void {
    this.photos.forEach((p) => URL.revokeObjectURL(p.preview));
    this.photos = [];
    this.render();
  }

  private stateOf(p: Photo): string {
    if (p.url) return '已上传';
    if (p.error) return esc(p.error);
    return `上传中 ${Math.round(p.progress * 100)}%`;
  }

  /** Only the words of one photo: a progress event must not rebuild the list (and its previews) each time. */
  private progressOf(p: Photo): void {
    const i = this.photos.indexOf(p);
    const span = this.list.children[i]?.querySelector('[data-testid="photo-state"]');
    if (span && !p.url && !p.error) span.textContent = this.stateOf(p);
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.photos.map((p, i) => {
        const li = document.createElement('li');
        li.dataset.testid = 'photo';
        li.dataset.state = p.url ? 'uploaded' : p.error ? 'failed' : 'uploading';
        li.innerHTML = `<img src="${p.preview}" alt="照片 ${i + 1}" /><span data-testid="photo-state">${this.stateOf(p)}</span>` +
          `<button type="button" aria-label="删除照片">✕</button>`;
        if (p.error) li.title = p.error;
        li.querySelector('button')!.addEventListener('click', () => {
          URL.revokeObjectURL(p.preview);
          this.photos.splice(this.photos.indexOf(p), 1);
          this.render();
        });
        return li;
      }),
    );
  }
}
