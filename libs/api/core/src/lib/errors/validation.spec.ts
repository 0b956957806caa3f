import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { toFieldErrors, unsafeInput } from './validation';

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
});
