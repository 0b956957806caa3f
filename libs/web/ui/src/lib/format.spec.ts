import { formatDuration, formatMoney } from './format';

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
