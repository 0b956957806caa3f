import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CallbackQuery,
  CallbackRequestDto,
  CreateCallbackRequest,
  Page,
  UpdateCallbackRequest,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/callbacks`: "please call me back" requests. */
@Injectable({ providedIn: 'root' })
export class CallbacksApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/callbacks';

  create(body: CreateCallbackRequest): Observable<CallbackRequestDto> {
    return this.http.post<CallbackRequestDto>(this.base, body);
  }

  list(query: CallbackQuery = {}): Observable<Page<CallbackRequestDto>> {
    return this.http.get<Page<CallbackRequestDto>>(this.base, { params: toHttpParams(query) });
  }

  update(id: string, body: UpdateCallbackRequest): Observable<CallbackRequestDto> {
    return this.http.patch<CallbackRequestDto>(`${this.base}/${encodeURIComponent(id)}`, body);
  }
}
