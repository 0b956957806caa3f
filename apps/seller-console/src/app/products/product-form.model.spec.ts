import type { ProductDto } from '@callshop/contracts';
import { fromMinorUnits, toFormValue, toMinorUnits, toProductRequest } from './product-form.model';

describe('product form model', () => {
  it('converts prices to cents exactly (no floating-point drift)', () => {
    expect(toMinorUnits('12.5')).toBe(1250);
    expect(toMinorUnits('0.29')).toBe(29);
    expect(toMinorUnits('19,99')).toBe(1999);
    expect(toMinorUnits('100')).toBe(10000);
    expect(toMinorUnits('1.234')).toBeNaN();
    expect(toMinorUnits('-3')).toBeNaN();
    expect(toMinorUnits('abc')).toBeNaN();
    expect(fromMinorUnits(1999)).toBe('19.99');
  });

  it('builds the request body from the form', () => {
    expect(
      toProductRequest({
        name: '  Desk lamp ',
        description: 'Warm light',
        price: '24.90',
        currency: 'eur',
        stock: '7',
        category: '',
        images: 'https://img.example/a.jpg\n\n  https://img.example/b.jpg  \n',
      }),
    ).toEqual({
      name: 'Desk lamp',
      description: 'Warm light',
      price: 2490,
      currency: 'EUR',
      stock: 7,
      category: undefined,
      images: ['https://img.example/a.jpg', 'https://img.example/b.jpg'],
    });
  });

  it('fills the form from a product and round-trips', () => {
    const product = {
      id: 'p1',
      name: 'Lamp',
      description: 'd',
      price: 2490,
      currency: 'USD',
      stock: 3,
      category: 'Home',
      images: ['a', 'b'],
      shop: { id: 's', name: 'S', isPlatform: false },
      createdAt: '',
      updatedAt: '',
    } satisfies ProductDto;
    const value = toFormValue(product);
    expect(value).toMatchObject({ price: '24.90', stock: '3', images: 'a\nb' });
    expect(toProductRequest(value)).toMatchObject({
      price: 2490,
      stock: 3,
      category: 'Home',
      images: ['a', 'b'],
    });
  });
});
