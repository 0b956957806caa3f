import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BlockedCustomerDto } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** `/shops/:shopId/blocked-customers`: customers a shop no longer takes calls from (its staff only). */
@Injectable({ providedIn: 'root' })
export class BlockedCustomersApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/shops';

  list(shopId: string): Observable<BlockedCustomerDto[]> {
    return this.http.get<BlockedCustomerDto[]>(this.path(shopId));
  }

  block(shopId: string, customerId: string): Observable<BlockedCustomerDto> {
    return this.http.put<BlockedCustomerDto>(this.path(shopId, customerId), null);
  }

  unblock(shopId: string, customerId: string): Observable<void> {
    return this.http.delete<void>(this.path(shopId, customerId));
  }

  private path(shopId: string, customerId?: string): string {
    const shop = `${this.base}/${encodeURIComponent(shopId)}/blocked-customers`;
    return customerId ? `${shop}/${encodeURIComponent(customerId)}` : shop;
  }
}
