import { PhotoPicker } from './photo-upload';
import { inChinese, problemIn, type ResidentApi } from './whistle-api';
import type { WhistleCase } from './whistle-cases';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * 上报处置: the grid worker's report on a case in hand, in a modal dialog (patrol.html's
 * #report-dialog): what was done (required), photos taken with the phone's camera, each uploaded as
 * soon as it is taken with its progress (the shared {@link PhotoPicker}), and whether they show the
 * place before or after the work (one stage for the report's photos, as the API takes it). Sends
 * POST /api/v1/cases/{id}/report {note, photos, photoStage}; a refusal is said in Chinese and keeps
 * the dialog open.
 */
export class ReportDialog {
  private readonly dialog = $<HTMLDialogElement>('report-dialog');
  private readonly note = $<HTMLTextAreaElement>('report-note');
  private readonly error = $('report-error');
  private readonly photos: PhotoPicker;
  private current: WhistleCase | null = null;

  constructor(private readonly api: ResidentApi, private readonly onReported: (c: WhistleCase) => void) {
    this.photos = new PhotoPicker(api, $('report-photo-list'), $<HTMLInputElement>('report-photos'));
    $('report-cancel').addEventListener('click', () => this.dialog.close());
    this.note.addEventListener('input', () => ($('report-note-error').textContent = ''));
    $<HTMLFormElement>('report-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
  }

  open(c: WhistleCase): void {
    if (this.current?.id !== c.id) {
      // another case: start afresh (the same case keeps what was written, should the dialog have been closed)
      this.note.value = '';
      this.photos.reset();
    }
    this.current = c;
    $('report-case').textContent = `${c.categoryName ?? c.category} · ${c.ref}`;
    this.error.textContent = '';
    $('report-note-error').textContent = '';
    this.dialog.showModal();
    this.note.focus();
  }

  private async send(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.error.textContent = '';
    $('report-note-error').textContent = '';
    const note = this.note.value.trim();
    if (!note) {
      $('report-note-error').textContent = '请填写处置情况';
      this.note.focus();
      return;
    }
    if (this.photos.uploading()) {
      this.error.textContent = '照片还在上传，请稍等';
      return;
    }
    const sent = this.photos.uploaded();
    const stage = (document.querySelector<HTMLInputElement>('input[name="report-stage"]:checked')?.value ?? 'AFTER');
    const button = $<HTMLButtonElement>('report-submit');
    button.disabled = true;
    try {
      const done = await this.api.postFor<WhistleCase>(`/api/v1/cases/${c.id}/report`, {
        note,
        photos: sent.map((x) => x.url),
        photoStage: stage,
      }, 'report');
      this.note.value = '';
      this.photos.reset();
      this.current = null;
      this.dialog.close();
      this.onReported(done);
    } catch (e) {
      this.error.textContent = inChinese(problemIn(e), 'report', (i) => sent[i]?.n ?? i + 1);
    } finally {
      button.disabled = false;
    }
  }
}
