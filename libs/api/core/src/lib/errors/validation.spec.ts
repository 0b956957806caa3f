import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { MAX_INPUT_DEPTH, toFieldErrors, unsafeInput } from './validation';

class Inner {
  @IsInt() count!: number;
}
class Outer {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

describe('toFieldErrors', () => {
  it('flattens nested errors into dotted field paths with their messages', () => {
    const errors = validateSync(plainToInstance(Outer, { name: 5, inner: { count: 'x' } }));
    expect(toFieldErrors(errors)).toEqual([
      { field: 'name', messages: ['name must be a string'] },
      { field: 'inner.count', messages: ['count must be an integer number'] },
    ]);
  });
});

describe('unsafeInput', () => {
  it('finds a NUL character or a prototype key anywhere, and names where', () => {
    expect(unsafeInput({ a: { b: ['ok', 'x\u0000'] } })).toEqual({
      field: 'a.b.1',
      messages: ['a.b.1 must not contain NUL characters'],
    });
    expect(unsafeInput(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({
      field: 'a.__proto__',
      messages: ['Unknown field a.__proto__'],
    });
    expect(unsafeInput({ constructor: 1 })).toMatchObject({ field: 'constructor' });
    expect(unsafeInput('id\u0000', 'id')).toMatchObject({ field: 'id' });
    expect(unsafeInput({ name: 'Zoë 🎧', list: [1, null, { ok: true }] })).toBeNull();
  });

  it('finds a lone surrogate in a value or a key, and nesting deeper than the limit', () => {
    expect(unsafeInput({ name: 'a\ud800b' })).toEqual({
      field: 'name',
      messages: ['name must be valid Unicode text (it holds a lone surrogate)'],
    });
    expect(unsafeInput({ ['k\udc00']: 1 })).toMatchObject({ field: 'k\udc00' });
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) deep = [deep];
    expect(unsafeInput({ a: deep })).toMatchObject({
      messages: [expect.stringMatching(/nested too deeply/)],
    });
    expect(unsafeInput(deep)).toBeNull();
  });
});
