import { convertToParamMap } from '@angular/router';
import { catalogQueryParams, readCatalogQuery, toProductQuery } from './catalog-query';

describe('catalog query', () => {
  it('reads filters and the page from the URL', () => {
    const query = readCatalogQuery(
      convertToParamMap({ search: ' lamp ', category: 'Home', shopId: 's1', page: '3' }),
    );
    expect(query).toEqual({ search: 'lamp', category: 'Home', shopId: 's1', page: 3 });
  });

  it('falls back to page 1 for nonsense', () => {
    expect(readCatalogQuery(convertToParamMap({ page: '-2' })).page).toBe(1);
    expect(readCatalogQuery(convertToParamMap({ page: 'abc' })).page).toBe(1);
  });

  it('keeps empty filters and page 1 out of the URL', () => {
    expect(catalogQueryParams({ search: '', category: 'Home', shopId: '', page: 1 })).toEqual({
      search: null,
      category: 'Home',
      shopId: null,
      page: null,
    });
  });

  it('asks the API only for set filters', () => {
    expect(toProductQuery({ search: 'lamp', category: '', shopId: '', page: 2 })).toEqual({
      search: 'lamp',
      category: undefined,
      shopId: undefined,
      page: 2,
      limit: 12,
    });
  });
});
