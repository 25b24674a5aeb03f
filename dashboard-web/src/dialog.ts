/**
 * A modal dialog that asks for a few values: instead of window.prompt and window.confirm.
 *
 * ```ts
 * const v = await openDialog({
 *   title: '处置完毕', text: alarm.title,
 *   fields: [{ kind: 'textarea', name: 'note', label: '处置情况', required: true }],
 *   confirm: '确定',
 *   // optional: runs on confirm; a throw keeps the dialog open with the message (an ApiProblem's
 *   // field errors beside their fields, by name)
 *   onConfirm: (v) => api.alarmAction(id, 'resolve', { note: v.note as string }),
 * });
 * if (v) …   // the values by field name (a 'checks' field: the checked values); null when cancelled
 * ```
 *
 * A native &lt;dialog&gt; opened with showModal: the page behind is inert, Tab and Shift+Tab go round the
 * dialog's own controls, Esc and the cancel button close it (resolving null). A required field left
 * empty is told beside it (`.field-error[data-field=name]`) and the dialog stays open.
 */
import { ApiProblem } from './api';
import { esc } from './html';
import { t } from './i18n';

/** One value the dialog asks for. `checks`: several options, each a checkbox (its value is the checked values). */
export type DialogField =
  | { kind: 'text' | 'textarea'; name: string; label: string; required?: boolean; value?: string; placeholder?: string }
  | { kind: 'select'; name: string; label: string; required?: boolean; value?: string; options: DialogOption[] }
  | { kind: 'checks'; name: string; label: string; required?: boolean; options: (DialogOption & { checked?: boolean })[] };

export interface DialogOption {
  value: string;
  /** Shown as text (escaped). */
  label: string;
}

export interface DialogOptions {
  title: string;
  /** A line of explanation under the title (text, escaped). */
  text?: string;
  fields: DialogField[];
  /** The confirm button's words (default 确定). */
  confirm?: string;
  /** The cancel button's words (default 取消). */
  cancel?: string;
  /** data-testid of the &lt;dialog&gt; element, for tests (default "dialog"). */
  testid?: string;
  /** Runs with the values on confirm, before the dialog closes; a throw keeps it open and shows why. */
  onConfirm?: (values: DialogValues) => Promise<unknown> | unknown;
}

export type DialogValues = Record<string, string | string[]>;

/** Opens the dialog; resolves with the values once confirmed (and onConfirm succeeded), null when cancelled. */
export function openDialog(o: DialogOptions): Promise<DialogValues | null> {
  const dialog = document.createElement('dialog');
  dialog.className = 'rw-dialog';
  dialog.dataset.testid = o.testid ?? 'dialog';
  const form = document.createElement('form');
  form.method = 'dialog';
  form.noValidate = true; // the messages are ours, beside the field, in the page's language
  form.innerHTML =
    `<h2>${esc(o.title)}</h2>` +
    (o.text ? `<p class="text">${esc(o.text)}</p>` : '') +
    o.fields.map(fieldHtml).join('') +
    `<p class="error" data-testid="dialog-error" role="alert"></p>` +
    `<div class="buttons"><button type="button" class="cancel" data-testid="dialog-cancel">${esc(o.cancel ?? t('dialog.cancel'))}</button>` +
    `<button type="submit" class="confirm" data-testid="dialog-confirm">${esc(o.confirm ?? t('dialog.confirm'))}</button></div>`;
  dialog.append(form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    let done = false;
    const finish = (v: DialogValues | null): void => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault(); // Esc: closed here, so the promise always settles
      finish(null);
    });
    form.querySelector('.cancel')!.addEventListener('click', () => finish(null));
    dialog.addEventListener('keydown', (e) => trapTab(dialog, e));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const values = valuesOf(form, o.fields);
      const missing = o.fields.filter((f) => f.required && isEmpty(values[f.name]));
      missing.forEach((f) => showFieldError(form, f.name, t(f.kind === 'checks' ? 'dialog.chooseOne' : 'dialog.required')));
      if (missing.length > 0) {
        focusField(form, missing[0].name);
        return;
      }
      const confirm = form.querySelector<HTMLButtonElement>('.confirm')!;
      confirm.disabled = true;
      try {
        if (o.onConfirm) await o.onConfirm(values);
        finish(values);
      } catch (err) {
        showProblem(form, err);
      } finally {
        confirm.disabled = false;
      }
    });
    dialog.showModal();
    focusField(form, o.fields[0]?.name);
  });
}

function fieldHtml(f: DialogField): string {
  const req = f.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  const error = `<span class="field-error" data-field="${esc(f.name)}" role="alert"></span>`;
  if (f.kind === 'checks') {
    return `<fieldset class="field checks" data-name="${esc(f.name)}"><legend>${esc(f.label)}${req}</legend>` +
      f.options.map((op) => `<label><input type="checkbox" name="${esc(f.name)}" value="${esc(op.value)}"${op.checked ? ' checked' : ''}> ${esc(op.label)}</label>`).join('') +
      error + '</fieldset>';
  }
  const id = `dlg-${f.name}`;
  let control: string;
  if (f.kind === 'select') {
    control = `<select id="${id}" name="${esc(f.name)}">` +
      f.options.map((op) => `<option value="${esc(op.value)}"${op.value === f.value ? ' selected' : ''}>${esc(op.label)}</option>`).join('') + '</select>';
  } else if (f.kind === 'textarea') {
    control = `<textarea id="${id}" name="${esc(f.name)}" rows="4" placeholder="${esc(f.placeholder ?? '')}">${esc(f.value ?? '')}</textarea>`;
  } else {
    control = `<input id="${id}" name="${esc(f.name)}" type="text" value="${esc(f.value ?? '')}" placeholder="${esc(f.placeholder ?? '')}">`;
  }
  return `<div class="field"><label for="${id}">${esc(f.label)}${req}</label>${control}${error}</div>`;
}

function valuesOf(form: HTMLFormElement, fields: DialogField[]): DialogValues {
  const out: DialogValues = {};
  for (const f of fields) {
    if (f.kind === 'checks') {
      out[f.name] = [...form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${CSS.escape(f.name)}"]:checked`)].map((i) => i.value);
    } else {
      out[f.name] = (form.elements.namedItem(f.name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value.trim();
    }
  }
  return out;
}

function isEmpty(v: string | string[] | undefined): boolean {
  return v === undefined || v.length === 0;
}

function clearErrors(form: HTMLFormElement): void {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelector('.error')!.textContent = '';
}

function showFieldError(form: HTMLFormElement, name: string, message: string): boolean {
  const slot = form.querySelector(`.field-error[data-field="${CSS.escape(name)}"]`);
  if (!slot) return false;
  slot.textContent = message;
  form.querySelectorAll(`[name="${CSS.escape(name)}"]`).forEach((e) => e.setAttribute('aria-invalid', 'true'));
  return true;
}

/** The server's refusal: its field errors beside their fields, the rest (or the detail) under the form. */
function showProblem(form: HTMLFormElement, err: unknown): void {
  const rest: string[] = [];
  if (err instanceof ApiProblem) {
    for (const e of err.errors) if (!showFieldError(form, e.field, e.message)) rest.push(e.message);
  }
  form.querySelector('.error')!.textContent = rest.length > 0 ? rest.join('；') : String((err as Error).message ?? err);
}

function focusField(form: HTMLFormElement, name: string | undefined): void {
  const el = name ? form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`) : null;
  (el ?? form.querySelector<HTMLElement>('.confirm'))?.focus();
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function trapTab(dialog: HTMLDialogElement, e: KeyboardEvent): void {
  if (e.key !== 'Tab') return;
  const focusable = [...dialog.querySelectorAll<HTMLElement>('input, select, textarea, button')].filter((el) => !(el as HTMLButtonElement).disabled);
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
