import {
  BadRequestException,
  PayloadTooLargeException,
  ValidationError,
  ValidationPipe,
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
  return (await pipe.transform(body, { type: 'body', metatype: dto })) as T;
}
