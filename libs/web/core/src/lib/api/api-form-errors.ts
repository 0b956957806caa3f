import type { AbstractControl, FormGroup } from '@angular/forms';
import { apiErrorBody, describeError } from './api-error';

/** A rejected request split into what belongs on a field and what belongs above the form. */
export interface FormErrors {
  /** Messages per form control name. */
  fields: Record<string, string>;
  /** A message for the whole form (no field matched, or not a validation error). */
  form: string | null;
}

/**
 * Maps the API's error body (`details: [{ field, messages }]`) onto form fields. A detail whose
 * field is not on the form (or nested, like `images.0`) is attached to its top-level control
 * when there is one, otherwise it goes into the form-level message, so nothing is lost.
 */
export function mapApiErrors(error: unknown, controls: readonly string[]): FormErrors {
  const body = apiErrorBody(error);
  const fields: Record<string, string> = {};
  const leftovers: string[] = [];
  for (const detail of body?.details ?? []) {
    const name = detail.field.split(/[.[]/)[0];
    const text = detail.messages.join(' ');
    if (controls.includes(name)) fields[name] = fields[name] ? `${fields[name]} ${text}` : text;
    else leftovers.push(text);
  }
  let form: string | null = null;
  if (leftovers.length) form = leftovers.join(' ');
  else if (!Object.keys(fields).length) form = describeError(error);
  return { fields, form };
}

/** Puts server messages on the controls as a `server` error (cleared when the user edits). */
export function applyFieldErrors(form: FormGroup, fields: Record<string, string>): void {
  for (const [name, message] of Object.entries(fields)) {
    const control: AbstractControl | null = form.get(name);
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), server: message });
    control.markAsTouched();
  }
}

/** The message to show under a control: the server's first, then the client-side rules. */
export function controlError(
  control: AbstractControl | null,
  label: string,
  patternMessage?: string,
): string | null {
  const errors = control?.errors;
  if (!errors) return null;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return 'Enter a valid email address.';
  if (errors['minlength'])
    return `${label} must be at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength'])
    return `${label} must be at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  if (errors['pattern']) return patternMessage ?? `${label} is not in the expected format.`;
  return `${label} is not valid.`;
}

/** {@link controlError} once the user has been in the control (or the form was submitted). */
export function touchedControlError(
  control: AbstractControl | null,
  label: string,
  patternMessage?: string,
): string | null {
  return control?.touched ? controlError(control, label, patternMessage) : null;
}
