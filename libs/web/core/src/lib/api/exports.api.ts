import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CallbackQuery, CallHistoryQuery } from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** The filters of a list without its paging: an export holds every matching row. */
type Unpaged<Q> = Omit<Q, 'page' | 'limit'>;

/** `/exports`: a shop's records as CSV files, for its staff. */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);
  private readonly api = inject(API_BASE_URL);

  /** The shop's call history with the history's filters, as a CSV file. */
  callsCsv(query: Unpaged<CallHistoryQuery> = {}): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.api}/exports/calls.csv`, {
      params: toHttpParams(query),
      responseType: 'blob',
      observe: 'response',
    });
  }

  /** The shop's callback requests with the list's status filter, as a CSV file. */
  callbacksCsv(query: Unpaged<CallbackQuery> = {}): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.api}/exports/callbacks.csv`, {
      params: toHttpParams(query),
      responseType: 'blob',
      observe: 'response',
    });
  }
}

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, or `fallback`. */
export function attachmentName(response: HttpResponse<unknown>, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/** Hands a downloaded file to the browser, which saves it as `name`. */
export function saveFile(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers start the download after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
