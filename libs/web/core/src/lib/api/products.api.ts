import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateProductRequest,
  ProductDto,
  ProductPage,
  ProductQuery,
  UpdateProductRequest,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/products`: the catalog, and a seller's own products. */
@Injectable({ providedIn: 'root' })
export class ProductsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/products';

  list(query: ProductQuery = {}): Observable<ProductPage> {
    return this.http.get<ProductPage>(this.base, { params: toHttpParams(query) });
  }

  categories(): Observable<string[]> {
    return this.http.get<string[]>(`${this.base}/categories`);
  }

  get(id: string): Observable<ProductDto> {
    return this.http.get<ProductDto>(`${this.base}/${encodeURIComponent(id)}`);
  }

  create(body: CreateProductRequest): Observable<ProductDto> {
    return this.http.post<ProductDto>(this.base, body);
  }

  update(id: string, body: UpdateProductRequest): Observable<ProductDto> {
    return this.http.patch<ProductDto>(`${this.base}/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(id)}`);
  }
}
