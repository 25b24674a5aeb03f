import type { Api } from './api';
import { esc } from './html';
import { lang, t } from './i18n';

/** One item's result of a catalogue import (CatalogImport.ItemResult). */
export interface CatalogItemResult {
  index: number;
  line: number;
  deviceId: string | null;
  name: string | null;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REFUSED';
  device: string | null;
  reasonKey: string | null;
  reason: string | null;
  reasonEn: string | null;
}

/** What a catalogue import did, or in a dry run would do (CatalogImport.ImportResult). */
export interface CatalogImportResult {
  dryRun: boolean;
  sourceDeviceId: string | null;
  sumNum: number | null;
  complete: boolean;
  items: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  results: CatalogItemResult[];
}

/** The summary line of an import's result, in the page's language. */
export function catalogSummary(r: CatalogImportResult): string {
  const head = t(r.dryRun ? 'catalog.dryDone' : 'catalog.done');
  return `${head}${t('catalog.summary')
    .replace('{items}', String(r.items)).replace('{created}', String(r.created)).replace('{updated}', String(r.updated))
    .replace('{unchanged}', String(r.unchanged)).replace('{refused}', String(r.refused))}`
    + (r.complete ? '' : t('catalog.partial').replace('{sum}', String(r.sumNum)));
}

/**
 * 国标目录: the camera catalogue in GB/T 28181 Catalog form. Export (GET /api/v1/cameras/catalog.xml,
 * the area's cameras with their national codes) and import (POST /api/v1/cameras/catalog, the file's
 * bytes; a dry run first by default) with a table of every item's result and the reason of each
 * refusal. A dialog over the dashboard, opened from the header's button; each half only for those
 * holding its permission. After an import that wrote, {@code onImported} (the map reloads its devices).
 */
export class CameraCatalog {
  private readonly dialog: HTMLDialogElement;

  constructor(private readonly api: Api, opener: HTMLElement, private readonly canExport: boolean, private readonly canImport: boolean,
    private readonly onImported: () => void = () => {}) {
    this.dialog = document.createElement('dialog');
    this.dialog.className = 'catalog-dialog';
    this.dialog.dataset.testid = 'catalog';
    document.body.append(this.dialog);
    opener.addEventListener('click', () => this.open());
    this.dialog.addEventListener('click', (e) => void this.onClick(e));
    this.dialog.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      if (input.dataset.testid !== 'catalog-file') return;
      this.dialog.querySelector('[data-testid=catalog-file-name]')!.textContent = input.files?.[0]?.name ?? t('catalog.noFile');
    });
  }

  open(): void {
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private render(): void {
    this.dialog.innerHTML = `<div class="head">
  <h2>${esc(t('catalog.title'))}</h2>
  <span class="spacer"></span>
  <button type="button" class="link" data-act="close">${esc(t('replay.close'))}</button>
</div>
<p class="muted">${esc(t('catalog.intro'))}</p>
${this.canExport ? `<section class="catalog-export">
  <h3>${esc(t('catalog.export'))}</h3>
  <p class="muted">${esc(t('catalog.exportHint'))}</p>
  <button type="button" data-act="export" data-testid="catalog-export">${esc(t('catalog.export'))}</button>
  <span class="muted" data-testid="catalog-export-result"></span>
</section>` : ''}
${this.canImport ? `<section class="catalog-import">
  <h3>${esc(t('catalog.import'))}</h3>
  <p class="muted">${esc(t('catalog.importHint'))}</p>
  <div class="row">
    <label class="file-pick"><input type="file" class="file-input" accept=".xml,application/xml,text/xml" data-testid="catalog-file" /><span>${esc(t('catalog.chooseButton'))}</span></label>
    <span class="muted" data-testid="catalog-file-name">${esc(t('catalog.noFile'))}</span>
    <label class="check"><input type="checkbox" data-testid="catalog-dry" checked /> <span>${esc(t('catalog.dryRun'))}</span></label>
    <button type="button" data-act="import" data-testid="catalog-import">${esc(t('catalog.import'))}</button>
  </div>
  <div data-testid="catalog-result"></div>
</section>` : ''}`;
  }

  private async onClick(e: Event): Promise<void> {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]');
    if (!btn) return;
    if (btn.dataset.act === 'close') this.dialog.close();
    else if (btn.dataset.act === 'export') await this.export();
    else if (btn.dataset.act === 'import') await this.import();
  }

  private async export(): Promise<void> {
    const out = this.dialog.querySelector<HTMLElement>('[data-testid=catalog-export-result]')!;
    try {
      const { blob, fileName, uncoded } = await this.api.cameraCatalog();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      out.textContent = uncoded > 0 ? t('catalog.uncoded').replace('{n}', String(uncoded)) : t('catalog.exported');
    } catch (err) {
      out.textContent = (err as Error).message;
    }
  }

  private async import(): Promise<void> {
    const input = this.dialog.querySelector<HTMLInputElement>('[data-testid=catalog-file]')!;
    const dry = this.dialog.querySelector<HTMLInputElement>('[data-testid=catalog-dry]')!.checked;
    const out = this.dialog.querySelector<HTMLElement>('[data-testid=catalog-result]')!;
    const file = input.files?.[0];
    if (!file) {
      out.innerHTML = `<p class="error" role="alert">${esc(t('catalog.chooseFile'))}</p>`;
      return;
    }
    out.innerHTML = `<p class="muted">${esc(t('catalog.checking'))}</p>`;
    try {
      const r = await this.api.importCameraCatalog(file, dry);
      out.innerHTML = this.resultHtml(r);
      // cameras created or moved: the map shows them without a reload
      if (!r.dryRun && r.created + r.updated > 0) this.onImported();
    } catch (err) {
      out.innerHTML = `<p class="error" role="alert" data-testid="catalog-problem">${esc(t('catalog.unreadable') + (err as Error).message)}</p>`;
    }
  }

  private resultHtml(r: CatalogImportResult): string {
    const rows = r.results.map((i) => `<tr class="${i.outcome === 'REFUSED' ? 'refused' : ''}" data-testid="catalog-row">
  <td>${i.index}</td><td class="code">${esc(i.deviceId ?? '')}</td><td>${esc(i.name ?? '')}</td>
  <td>${esc(t('catalog.outcome.' + i.outcome))}</td><td>${esc(i.outcome === 'REFUSED' ? (lang() === 'en' ? i.reasonEn : i.reason) ?? '' : i.device ?? '')}</td>
</tr>`).join('');
    return `<p data-testid="catalog-summary" class="${r.refused ? 'error' : ''}">${esc(catalogSummary(r))}</p>
<table class="catalog-results">
  <thead><tr><th>${esc(t('catalog.col.index'))}</th><th>${esc(t('catalog.col.code'))}</th><th>${esc(t('catalog.col.name'))}</th>`
      + `<th>${esc(t('catalog.col.outcome'))}</th><th>${esc(t('catalog.col.reason'))}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
  }
}
