import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CallDto,
  CallHistoryItem,
  CallHistoryQuery,
  CallMessageDto,
  CallRatingDto,
  CallSummaryDto,
  IceServersResponse,
  InitiateCallRequest,
  Page,
  ProductSellerDto,
  RateCallRequest,
  SellerInfoDto,
  ShopContactDto,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/video-call` (the seed's public endpoints) and `/calls`. */
@Injectable({ providedIn: 'root' })
export class CallsApi {
  private readonly http = inject(HttpClient);
  private readonly api = inject(API_BASE_URL);

  sellerInfo(sellerId: string): Observable<SellerInfoDto> {
    return this.http.get<SellerInfoDto>(`${this.api}/video-call/seller-info/${encodeURIComponent(sellerId)}`);
  }

  productSeller(productId: string): Observable<ProductSellerDto> {
    return this.http.get<ProductSellerDto>(
      `${this.api}/video-call/product-seller/${encodeURIComponent(productId)}`,
    );
  }

  /** Starts a call; the answer is `ringing`, or already final (`missed`/offline, `busy`). */
  initiate(body: InitiateCallRequest): Observable<CallDto> {
    return this.http.post<CallDto>(`${this.api}/video-call/initiate`, body);
  }

  history(query: CallHistoryQuery = {}): Observable<Page<CallHistoryItem>> {
    return this.http.get<Page<CallHistoryItem>>(`${this.api}/calls`, { params: toHttpParams(query) });
  }

  active(): Observable<{ call: CallDto | null }> {
    return this.http.get<{ call: CallDto | null }>(`${this.api}/calls/active`);
  }

  summary(): Observable<CallSummaryDto> {
    return this.http.get<CallSummaryDto>(`${this.api}/calls/summary`);
  }

  iceServers(): Observable<IceServersResponse> {
    return this.http.get<IceServersResponse>(`${this.api}/calls/ice-servers`);
  }

  contacts(): Observable<ShopContactDto[]> {
    return this.http.get<ShopContactDto[]>(`${this.api}/calls/contacts`);
  }

  get(id: string): Observable<CallDto> {
    return this.http.get<CallDto>(`${this.api}/calls/${encodeURIComponent(id)}`);
  }

  /** The call's chat messages and product cards, oldest first (its parties only). */
  messages(id: string): Observable<CallMessageDto[]> {
    return this.http.get<CallMessageDto[]>(`${this.api}/calls/${encodeURIComponent(id)}/messages`);
  }

  /** The customer rates a call that connected and ended, once. */
  rate(id: string, body: RateCallRequest): Observable<CallRatingDto> {
    return this.http.post<CallRatingDto>(`${this.api}/calls/${encodeURIComponent(id)}/rating`, body);
  }

  cancel(id: string): Observable<CallDto> {
    return this.http.post<CallDto>(`${this.api}/calls/${encodeURIComponent(id)}/cancel`, {});
  }

  decline(id: string): Observable<CallDto> {
    return this.http.post<CallDto>(`${this.api}/calls/${encodeURIComponent(id)}/decline`, {});
  }

  hangup(id: string): Observable<CallDto> {
    return this.http.post<CallDto>(`${this.api}/calls/${encodeURIComponent(id)}/hangup`, {});
  }
}
