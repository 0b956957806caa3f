import { Transform } from 'class-transformer';

/** Decimal digits, as a person writes a page number; no `0x10`, `1e2`, blanks or fractions. */
const DECIMAL = /^[+-]?\d{1,15}$/;

/**
 * For a whole number read from a query string: converts plain decimal text to a number and
 * leaves anything else as it came, so `@IsInt()` refuses it (`Number()` would read `0x10` as
 * 16, `1e2` as 100 and an empty value as 0).
 */
export function ToWholeNumber(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value));
}
