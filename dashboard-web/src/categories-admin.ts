import { ApiProblem, type Api } from './api';
import { esc } from './html';
import { t } from './i18n';
import type { CaseCategory, CaseCategoryBody, CaseType } from './rest';

/** The fields of the category form, in the order shown; `code` only when creating. */
const FIELDS = ['code', 'name', 'icon', 'description', 'caseType', 'sort', 'keywords', 'open311Group'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The server's reason for a bad field (problem document `errors[]`, English) in the page's language:
 * the kind of refusal recognised from the message, the server's own words kept beside it.
 */
export function fieldMessage(field: string, message: string): string {
  const max = /at most (\d+)/.exec(message)?.[1] ?? '';
  const kind =
    message === 'exists' || /already/.test(message) ? 'taken'
      : /emoji/.test(message) ? 'emoji'
        : /upper-case/.test(message) ? 'code'
          : /cannot change/.test(message) ? 'fixed'
            : /case type/.test(message) ? 'type'
              : /0 to 9999/.test(message) ? 'range'
                : /required/.test(message) ? 'required'
                  : /at most/.test(message) ? 'long'
                    : '';
  const label = t('categories.field.' + field) === 'categories.field.' + field ? field : t('categories.field.' + field);
  const said = kind ? t('categories.err.' + kind).replace('{max}', max) : message;
  return `${label}：${said}`;
}

/**
 * 诉求分类: the administrators' place for the catalogue of residents' request categories (GET
 * /api/v1/case-categories?all=true, POST, PUT /{code}, DELETE /{code} = deactivate; re-activating is
 * a PUT with active true). A dialog over the dashboard, opened from the header's button.
 */
export class CategoriesAdmin {
  private readonly dialog: HTMLDialogElement;
  private categories: CaseCategory[] = [];
  private types: CaseType[] = [];
  /** The category being edited; null while creating one; undefined when the form is closed. */
  private editing: CaseCategory | null | undefined;

  constructor(private readonly api: Api, opener: HTMLElement) {
    this.dialog = document.createElement('dialog');
    this.dialog.className = 'categories-dialog';
    this.dialog.dataset.testid = 'categories';
    document.body.append(this.dialog);
    opener.addEventListener('click', () => void this.open());
    this.dialog.addEventListener('click', (e) => void this.onClick(e));
    this.dialog.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
  }

  async open(): Promise<void> {
    this.editing = undefined;
    if (!this.dialog.open) this.dialog.showModal();
    await this.reload();
  }

  private async reload(): Promise<void> {
    try {
      [this.categories, this.types] = await Promise.all([this.api.caseCategoriesAll(), this.api.caseTypes()]);
      this.render();
    } catch (e) {
      this.render((e as Error).message);
    }
  }

  private render(error = ''): void {
    const rows = this.categories
      .map((c) => {
        const chain = c.chain.map((l) => esc(l.label)).join(' → ');
        return `<tr data-testid="category-row" data-code="${esc(c.code)}" class="${c.active ? '' : 'inactive'}">
  <td class="icon">${esc(c.icon)}</td>
  <td><b>${esc(c.name)}</b><div class="muted">${esc(c.code)}</div></td>
  <td>${esc(c.caseTypeName)}<div class="muted chain">${chain}</div></td>
  <td>${c.active ? esc(t('categories.active')) : `<span class="off">${esc(t('categories.inactive'))}</span>`}</td>
  <td class="actions">
    <button type="button" data-act="edit" data-code="${esc(c.code)}">${esc(t('categories.edit'))}</button>
    <button type="button" data-act="${c.active ? 'deactivate' : 'activate'}" data-code="${esc(c.code)}" data-testid="category-toggle">${esc(t(c.active ? 'categories.deactivate' : 'categories.activate'))}</button>
  </td>
</tr>`;
      })
      .join('');
    this.dialog.innerHTML = `<div class="head">
  <h2>${esc(t('categories.title'))}</h2>
  <button type="button" data-act="new" data-testid="category-new">${esc(t('categories.new'))}</button>
  <span class="spacer"></span>
  <button type="button" class="link" data-act="close">${esc(t('replay.close'))}</button>
</div>
<p class="error" role="alert" data-testid="categories-error">${esc(error)}</p>
${this.editing === undefined ? '' : this.formHtml(this.editing)}
<table class="categories">
  <thead><tr><th></th><th>${esc(t('categories.field.name'))}</th><th>${esc(t('categories.field.caseType'))} · ${esc(t('categories.chain'))}</th><th>${esc(t('categories.state'))}</th><th></th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
  }

  private formHtml(c: CaseCategory | null): string {
    const v = (f: Field): string => {
      if (!c) return f === 'sort' ? '100' : f === 'caseType' ? 'GENERAL' : '';
      return f === 'code' ? c.code : String(c[f] ?? '');
    };
    const input = (f: Field, attrs = ''): string =>
      `<label><span>${esc(t('categories.field.' + f))}</span><input name="${f}" value="${esc(v(f))}" ${attrs} /></label>`;
    const options = this.types
      .map((ty) => `<option value="${esc(ty.code)}"${ty.code === v('caseType') ? ' selected' : ''}>${esc(ty.name)}</option>`)
      .join('');
    const fields: Record<Field, string> = {
      code: c ? `<label><span>${esc(t('categories.field.code'))}</span><b>${esc(c.code)}</b></label>` : input('code', 'placeholder="STRAY_DOGS" autocomplete="off"'),
      name: input('name', 'maxlength="32"'),
      icon: input('icon', 'maxlength="16" placeholder="🧹" class="emoji"'),
      description: `<label class="wide"><span>${esc(t('categories.field.description'))}</span><textarea name="description" maxlength="200">${esc(v('description'))}</textarea></label>`,
      caseType: `<label><span>${esc(t('categories.field.caseType'))}</span><select name="caseType">${options}</select></label>`,
      sort: input('sort', 'type="number" min="0" max="9999" step="1"'),
      keywords: input('keywords', `maxlength="200" placeholder="${esc(t('categories.keywordsHint'))}"`),
      open311Group: input('open311Group', 'maxlength="32" placeholder="社区服务"'),
    };
    return `<form class="category-form" data-testid="category-form" novalidate>
  <h3>${esc(c ? `${t('categories.edit')} ${c.icon} ${c.name}` : t('categories.new'))}</h3>
  <div class="grid">${FIELDS.map((f) => `<div class="field">${fields[f]}<div class="field-error" data-field="${f}" role="alert"></div></div>`).join('')}</div>
  <div class="buttons">
    <button type="submit" data-testid="category-save">${esc(t('categories.save'))}</button>
    <button type="button" class="link" data-act="cancel">${esc(t('categories.cancel'))}</button>
    <span class="error" data-field="_form" role="alert"></span>
  </div>
</form>`;
  }

  private async onClick(e: Event): Promise<void> {
    const btn = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]');
    if (!btn) return;
    const act = btn.dataset.act;
    const c = this.categories.find((x) => x.code === btn.dataset.code);
    if (act === 'close') {
      this.dialog.close();
    } else if (act === 'new' || act === 'edit') {
      this.editing = act === 'new' ? null : c ?? null;
      this.render();
      this.dialog.querySelector<HTMLInputElement>('.category-form input')?.focus();
    } else if (act === 'cancel') {
      this.editing = undefined;
      this.render();
    } else if (c && (act === 'deactivate' || act === 'activate')) {
      if (act === 'deactivate' && !confirm(t('categories.confirmDeactivate').replace('{name}', c.name))) return;
      btn.disabled = true;
      try {
        if (act === 'deactivate') await this.api.deactivateCaseCategory(c.code);
        else await this.api.updateCaseCategory(c.code, { ...bodyOf(c), active: true });
        await this.reload();
      } catch (err) {
        btn.disabled = false;
        this.showError('categories-error', err);
      }
    }
  }

  private showError(testid: string, err: unknown): void {
    const el = this.dialog.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    if (!el) return;
    const p = err instanceof ApiProblem ? err : undefined;
    el.textContent = p?.errors.length ? p.errors.map((x) => fieldMessage(x.field, x.message)).join('；') : (err as Error).message;
  }

  private async save(): Promise<void> {
    const form = this.dialog.querySelector<HTMLFormElement>('.category-form');
    if (!form || this.editing === undefined) return;
    const data = new FormData(form);
    const text = (f: Field): string => String(data.get(f) ?? '').trim();
    const sortText = text('sort');
    const body: Partial<CaseCategoryBody> = {
      name: text('name'),
      icon: text('icon'),
      description: text('description'),
      caseType: text('caseType'),
      keywords: text('keywords'),
      open311Group: text('open311Group'),
      ...(sortText === '' ? {} : { sort: Number(sortText) }),
    };
    form.querySelectorAll<HTMLElement>('[data-field]').forEach((el) => (el.textContent = ''));
    if (sortText !== '' && !Number.isInteger(Number(sortText))) {
      // not a whole number: JSON could not carry it, so it is said here rather than by the server
      form.querySelector<HTMLElement>('.field-error[data-field="sort"]')!.textContent = fieldMessage('sort', 'must be from 0 to 9999');
      return;
    }
    const save = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    save.disabled = true;
    try {
      if (this.editing) await this.api.updateCaseCategory(this.editing.code, { ...body, active: this.editing.active });
      else await this.api.createCaseCategory({ ...body, code: text('code') });
      this.editing = undefined;
      await this.reload();
    } catch (err) {
      save.disabled = false;
      const p = err instanceof ApiProblem ? err : undefined;
      const shown = new Set<string>();
      for (const fe of p?.errors ?? []) {
        const el = form.querySelector<HTMLElement>(`.field-error[data-field="${CSS.escape(fe.field)}"]`);
        if (!el) continue;
        el.textContent = fieldMessage(fe.field, fe.message);
        el.title = fe.message; // the server's own words
        shown.add(fe.field);
      }
      if (shown.size === 0 || (p && p.errors.some((x) => !shown.has(x.field)))) {
        form.querySelector<HTMLElement>('[data-field="_form"]')!.textContent =
          p?.errors.filter((x) => !shown.has(x.field)).map((x) => fieldMessage(x.field, x.message)).join('；') || (err as Error).message;
      }
    }
  }
}

/** A category as the body of its PUT: every field, since what a PUT leaves out takes its default. */
function bodyOf(c: CaseCategory): Partial<CaseCategoryBody> {
  return {
    name: c.name,
    icon: c.icon,
    description: c.description,
    caseType: c.caseType,
    sort: c.sort,
    keywords: c.keywords,
    open311Group: c.open311Group,
    active: c.active,
  };
}
