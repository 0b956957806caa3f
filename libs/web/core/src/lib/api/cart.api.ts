import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CartDto, GuestCartItem } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** `/cart`: the signed-in customer's cart. */
@Injectable({ providedIn: 'root' })
export class CartApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/cart';

  get(): Observable<CartDto> {
    return this.http.get<CartDto>(this.base);
  }

  add(productId: string, quantity = 1): Observable<CartDto> {
    return this.http.post<CartDto>(`${this.base}/items`, { productId, quantity });
  }

  setQuantity(productId: string, quantity: number): Observable<CartDto> {
    return this.http.put<CartDto>(`${this.base}/items/${encodeURIComponent(productId)}`, { quantity });
  }

  remove(productId: string): Observable<CartDto> {
    return this.http.delete<CartDto>(`${this.base}/items/${encodeURIComponent(productId)}`);
  }

  /** Adds the cart kept in the browser before sign-in. */
  merge(items: GuestCartItem[]): Observable<CartDto> {
    return this.http.post<CartDto>(`${this.base}/merge`, { items });
  }
}
