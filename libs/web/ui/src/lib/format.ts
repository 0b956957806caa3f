/**
 * Formats an integer amount of minor units (cents) in its currency. The number of minor
 * digits comes from the currency itself (JPY has none, KWD has three), so the amount is
 * never off by a factor of a hundred.
 */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const format = moneyFormat(locale, currency);
  // An unknown currency code: show the number with the code rather than throw in a template.
  if (!format) return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  return format.format.format(amountMinor / 10 ** format.digits);
}

/**
 * One `Intl.NumberFormat` per locale and currency: making one costs far more than using it
 * (a catalog page of prices made a dozen on its first render). Null for an unknown currency.
 */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number } | null>();

function moneyFormat(locale: string, currency: string): { format: Intl.NumberFormat; digits: number } | null {
  const key = `${locale} ${currency}`;
  let entry = moneyFormats.get(key);
  if (entry === undefined) {
    try {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    } catch {
      entry = null;
    }
    moneyFormats.set(key, entry);
  }
  return entry;
}

/** `75` → `1:15`, `3725` → `1:02:05`. Negative or missing values read as zero. */
export function formatDuration(totalSeconds: number | null | undefined): string {
  const s = Math.max(0, Math.floor(totalSeconds ?? 0));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * A `tel:` URL for a phone number as people type it (`+1 (555) 010-2000` →
 * `tel:+15550102000`): a leading + and the digits. Null when there are too few or too many
 * digits to be a number.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
