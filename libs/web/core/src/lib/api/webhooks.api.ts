import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointRequest,
  Page,
  PageQuery,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryDto,
  WebhookEndpointDto,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/webhooks`: the shop owner's webhook endpoints and their delivery logs. */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);
  private readonly api = inject(API_BASE_URL);

  list(): Observable<WebhookEndpointDto[]> {
    return this.http.get<WebhookEndpointDto[]>(`${this.api}/webhooks`);
  }

  /** The answer holds the signing secret, shown only this once. */
  create(body: CreateWebhookEndpointRequest): Observable<CreatedWebhookEndpointDto> {
    return this.http.post<CreatedWebhookEndpointDto>(`${this.api}/webhooks`, body);
  }

  update(id: string, body: UpdateWebhookEndpointRequest): Observable<WebhookEndpointDto> {
    return this.http.patch<WebhookEndpointDto>(`${this.api}/webhooks/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.api}/webhooks/${encodeURIComponent(id)}`);
  }

  deliveries(id: string, query: PageQuery = {}): Observable<Page<WebhookDeliveryDto>> {
    return this.http.get<Page<WebhookDeliveryDto>>(
      `${this.api}/webhooks/${encodeURIComponent(id)}/deliveries`,
      { params: toHttpParams(query) },
    );
  }

  redeliver(id: string, deliveryId: string): Observable<WebhookDeliveryDto> {
    return this.http.post<WebhookDeliveryDto>(
      `${this.api}/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      {},
    );
  }
}
