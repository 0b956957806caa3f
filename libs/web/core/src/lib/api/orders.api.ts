import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CheckoutRequest,
  CheckoutResponse,
  OrderDto,
  OrderPage,
  OrderQuery,
  OrderStatus,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/orders`: checkout, a customer's orders, a shop's orders. */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/orders';

  checkout(body: CheckoutRequest): Observable<CheckoutResponse> {
    return this.http.post<CheckoutResponse>(this.base, body);
  }

  list(query: OrderQuery = {}): Observable<OrderPage> {
    return this.http.get<OrderPage>(this.base, { params: toHttpParams(query) });
  }

  get(id: string): Observable<OrderDto> {
    return this.http.get<OrderDto>(`${this.base}/${encodeURIComponent(id)}`);
  }

  changeStatus(id: string, status: OrderStatus): Observable<OrderDto> {
    return this.http.patch<OrderDto>(`${this.base}/${encodeURIComponent(id)}/status`, { status });
  }
}
