import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ShopDto, ShopPresence } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** `/shops`: every shop, and one shop (its phone number only for signed-in users); shops' presence. */
@Injectable({ providedIn: 'root' })
export class ShopsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/shops';

  list(): Observable<ShopDto[]> {
    return this.http.get<ShopDto[]>(this.base);
  }

  get(id: string): Observable<ShopDto> {
    return this.http.get<ShopDto>(`${this.base}/${encodeURIComponent(id)}`);
  }

  /** `GET /presence/shops`: whether these shops are online and taking calls, for anyone (no socket needed). */
  presence(shopIds: readonly string[]): Observable<ShopPresence[]> {
    return this.http.get<ShopPresence[]>(`${this.base.replace(/\/shops$/, '')}/presence/shops`, {
      params: { ids: shopIds.join(',') },
    });
  }
}
