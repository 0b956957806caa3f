import {
  type ArgumentMetadata,
  BadRequestException,
  PayloadTooLargeException,
  ValidationError,
  ValidationPipe,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import type { FieldError } from '@callshop/contracts';

/**
 * Flattens class-validator errors into `{ field, messages }` with dotted paths; a field the
 * DTO does not know reads "Unknown field x".
 */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const messages = Object.entries(e.constraints ?? {}).map(([name, message]) =>
      name === 'whitelistValidation' ? `Unknown field ${field.slice(0, 80)}` : message,
    );
    const own = messages.length ? [{ field, messages }] : [];
    return [...own, ...toFieldErrors(e.children ?? [], field)];
  });
}

/** Thrown for an invalid body or query; the filter turns it into a 400 with field details. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super(details.map((d) => d.messages.join(', ')).join('; ') || 'Invalid request');
  }
}

/**
 * Marks a constraint whose failure means "too large" (413) rather than "invalid" (400), e.g.
 * `@MaxLength(n, TOO_LARGE)` on an SDP.
 */
export const TOO_LARGE = { context: { tooLarge: true } } as const;

function tooLargeMessage(errors: ValidationError[]): string | null {
  for (const e of errors) {
    // Only when size is all that is wrong (a length check also fails on a value of the wrong type).
    const failed = Object.keys(e.constraints ?? {});
    const context = failed.length === 1 ? e.contexts?.[failed[0]] : undefined;
    if ((context as { tooLarge?: boolean } | undefined)?.tooLarge) return e.constraints![failed[0]];
    const nested = tooLargeMessage(e.children ?? []);
    if (nested) return nested;
  }
  return null;
}

/**
 * The one validation pipe, for REST bodies and queries and for socket payloads: converts
 * types and refuses unknown fields; `strip` drops them instead (for payloads relayed as
 * rebuilt from their known fields).
 */
export function createValidationPipe(options: { strip?: boolean } = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: !options.strip,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const tooLarge = tooLargeMessage(errors);
      return tooLarge
        ? new PayloadTooLargeException(tooLarge)
        : new RequestValidationException(toFieldErrors(errors));
    },
  });
}

/** Keys that would reach an object's prototype when assigned: never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * How deeply objects and arrays may nest in a body, query or socket payload. Ours nest three
 * levels at most (a signal's description); thousands of levels would overflow the stack of
 * the validator (a 500) if they got that far.
 */
export const MAX_INPUT_DEPTH = 8;

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds only whole characters (no lone surrogate); `String#isWellFormed`. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function textProblem(text: string, field: string): string | null {
  if (text.includes('\u0000')) return `${field} must not contain NUL characters`;
  // A lone UTF-16 surrogate ("\ud800" in JSON) is no character: it would be stored as U+FFFD.
  if (!isWellFormedText(text)) return `${field} must be valid Unicode text (it holds a lone surrogate)`;
  return null;
}

/**
 * What a raw value must not hold anywhere, as a field error: a NUL character (PostgreSQL
 * cannot store one in text, and no field of ours means one), a lone surrogate, a prototype
 * key, or nesting deeper than {@link MAX_INPUT_DEPTH}.
 */
export function unsafeInput(value: unknown, path = '', depth = 0): FieldError | null {
  const field = path || 'value';
  if (typeof value === 'string') {
    const problem = textProblem(value, field);
    return problem ? { field, messages: [problem] } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) {
    return {
      field,
      messages: [`${field.slice(0, 80)} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`],
    };
  }
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return { field: at, messages: [`Unknown field ${at}`] };
    const keyProblem = textProblem(key, at);
    if (keyProblem) return { field: at, messages: [keyProblem] };
    const found = unsafeInput((value as Record<string, unknown>)[key], at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a body, query or route parameter holding a NUL character or a prototype key
 * anywhere, before anything else reads it.
 */
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (
      metadata.type === 'body' &&
      Array.isArray(value) &&
      metadata.metatype &&
      metadata.metatype !== Array
    ) {
      throw new RequestValidationException([{ field: '', messages: ['The body must be a JSON object'] }]);
    }
    const problem = unsafeInput(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (problem) throw new RequestValidationException([problem]);
    return value;
  }
}

const safeInput = new SafeInputPipe();
const strict = createValidationPipe();
const stripping = createValidationPipe({ strip: true });

/**
 * Checks a message body against a DTO class with the same pipe as REST; resolves the clean
 * instance or rejects with the same errors a REST body would get.
 */
export async function validatePayload<T extends object>(
  dto: Type<T>,
  body: unknown,
  options: { strip?: boolean } = {},
): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationException([{ field: '', messages: ['Expected an object'] }]);
  }
  const pipe = options.strip ? stripping : strict;
  const metadata = { type: 'body', metatype: dto } as const;
  return (await pipe.transform(safeInput.transform(body, metadata), metadata)) as T;
}
