import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { toFieldErrors } from './validation';

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
