import { csvField, csvRecord, money } from './csv';

describe('csvField', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and leaves plain text and unicode alone', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('Zoë — 東京 🎧')).toBe('Zoë — 東京 🎧');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes numbers as they are and nothing for a missing value', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });
});

describe('csvRecord', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRecord(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

describe('money', () => {
  it('shows minor units with two decimals', () => {
    expect(money(12999)).toBe('129.99');
    expect(money(5)).toBe('0.05');
    expect(money(null)).toBeNull();
  });
});
