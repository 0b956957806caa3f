import { formatDuration, formatMoney, telHref } from './format';

describe('formatMoney', () => {
  it('reads the amount as minor units', () => {
    expect(formatMoney(129999, 'USD')).toBe('$1,299.99');
  });

  it('uses the currency own minor digits', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });

  it('falls back for an unknown currency code', () => {
    expect(formatMoney(1050, 'not-a-code')).toBe('10.50 not-a-code');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [75, '1:15'],
    [3725, '1:02:05'],
    [-4, '0:00'],
    [null, '0:00'],
  ])('%p seconds reads %p', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });
});

describe('telHref', () => {
  it('keeps a leading + and the digits', () => {
    expect(telHref('+1 (555) 010-2000')).toBe('tel:+15550102000');
    expect(telHref('030 1234 567')).toBe('tel:0301234567');
    expect(telHref('  +44 20 7946 0958 ')).toBe('tel:+442079460958');
  });

  it('builds links only from plausible numbers', () => {
    expect(telHref('12')).toBeNull();
    expect(telHref('javascript:alert(1)')).toBeNull();
    expect(telHref(null)).toBeNull();
  });
});
