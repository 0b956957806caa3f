import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { OpeningHours, OpeningHoursDto, ShopDto, ShopPresence } from '@callshop/contracts';
import { Observable, map } from 'rxjs';
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

  /** A shop's opening hours and where it stands now; null when it set none (always open). */
  openingHours(shopId: string): Observable<OpeningHoursDto | null> {
    return this.http
      .get<OpeningHoursDto | null>(this.hoursUrl(shopId))
      .pipe(map((hours) => (hours && 'timeZone' in hours ? hours : null)));
  }

  /** The shop's staff set its opening hours. */
  setOpeningHours(shopId: string, hours: OpeningHours): Observable<OpeningHoursDto> {
    return this.http.put<OpeningHoursDto>(this.hoursUrl(shopId), hours);
  }

  /** The shop's staff remove its opening hours: always open again. */
  clearOpeningHours(shopId: string): Observable<void> {
    return this.http.delete<void>(this.hoursUrl(shopId));
  }

  private hoursUrl(shopId: string): string {
    return `${this.base}/${encodeURIComponent(shopId)}/opening-hours`;
  }

  /** `GET /presence/shops`: whether these shops are online and taking calls, for anyone (no socket needed). */
  presence(shopIds: readonly string[]): Observable<ShopPresence[]> {
    return this.http.get<ShopPresence[]>(`${this.base.replace(/\/shops$/, '')}/presence/shops`, {
      params: { ids: shopIds.join(',') },
    });
  }
}
