import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AnalyticsQuery, ShopAnalytics } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `GET /analytics`: the signed-in seller's shop's figures for a period and time zone. */
@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/analytics';

  figures(query: AnalyticsQuery): Observable<ShopAnalytics> {
    return this.http.get<ShopAnalytics>(this.base, { params: toHttpParams(query) });
  }
}
