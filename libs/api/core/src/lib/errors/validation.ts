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
 * What a raw value must not hold anywhere, as a field error: a NUL character (PostgreSQL
 * cannot store one in text, and no field of ours means one), or a prototype key.
 */
export function unsafeInput(value: unknown, path = '', depth = 0): FieldError | null {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? { field: path || 'value', messages: [`${path || 'value'} must not contain NUL characters`] }
      : null;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return { field: at, messages: [`Unknown field ${at}`] };
    if (key.includes('\u0000')) return { field: at, messages: [`${at} must not contain NUL characters`] };
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
