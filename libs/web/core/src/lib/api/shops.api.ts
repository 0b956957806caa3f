import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ShopDto } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** `/shops`: every shop, and one shop (its phone number only for signed-in users). */
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
}
