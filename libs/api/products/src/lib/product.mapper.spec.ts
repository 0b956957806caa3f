import { toProductSummary } from './product.mapper';

describe('toProductSummary', () => {
  it('uses the first image and keeps the price in minor units', () => {
    expect(
      toProductSummary({
        id: 'p1',
        name: 'Lamp',
        price: 1999,
        currency: 'USD',
        images: ['/a.svg', '/b.svg'],
      }),
    ).toEqual({ id: 'p1', name: 'Lamp', price: 1999, currency: 'USD', image: '/a.svg' });
    expect(
      toProductSummary({ id: 'p2', name: 'Bare', price: 0, currency: 'EUR', images: [] }).image,
    ).toBeNull();
  });
});
