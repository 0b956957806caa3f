import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CallNoteDto, CreateCallNoteRequest, CustomerTimeline } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** A customer's timeline with the signed-in seller's shop, and the shop's notes on calls. */
@Injectable({ providedIn: 'root' })
export class CustomersApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  timeline(customerId: string): Observable<CustomerTimeline> {
    return this.http.get<CustomerTimeline>(
      `${this.base}/customers/${encodeURIComponent(customerId)}/timeline`,
    );
  }

  addNote(callId: string, body: CreateCallNoteRequest): Observable<CallNoteDto> {
    return this.http.post<CallNoteDto>(`${this.base}/calls/${encodeURIComponent(callId)}/notes`, body);
  }
}
