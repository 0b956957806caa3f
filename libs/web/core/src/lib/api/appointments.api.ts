import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AppointmentDto,
  AppointmentSettings,
  AppointmentSlotsDto,
  BookAppointmentRequest,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';
import { toHttpParams } from './http-params';

/** `/appointments` and a shop's appointment slots and rules: booked video calls. */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);
  private readonly apiBase = inject(API_BASE_URL);
  private readonly base = this.apiBase + '/appointments';

  slots(shopId: string, range: { from?: string; to?: string } = {}): Observable<AppointmentSlotsDto> {
    return this.http.get<AppointmentSlotsDto>(
      `${this.apiBase}/shops/${encodeURIComponent(shopId)}/appointment-slots`,
      { params: toHttpParams(range) },
    );
  }

  settings(shopId: string): Observable<AppointmentSettings> {
    return this.http.get<AppointmentSettings>(
      `${this.apiBase}/shops/${encodeURIComponent(shopId)}/appointment-settings`,
    );
  }

  setSettings(shopId: string, settings: AppointmentSettings): Observable<AppointmentSettings> {
    return this.http.put<AppointmentSettings>(
      `${this.apiBase}/shops/${encodeURIComponent(shopId)}/appointment-settings`,
      settings,
    );
  }

  book(body: BookAppointmentRequest): Observable<AppointmentDto> {
    return this.http.post<AppointmentDto>(this.base, body);
  }

  list(when: 'upcoming' | 'past' = 'upcoming'): Observable<AppointmentDto[]> {
    return this.http.get<AppointmentDto[]>(this.base, { params: toHttpParams({ when }) });
  }

  reschedule(id: string, startsAt: string): Observable<AppointmentDto> {
    return this.http.patch<AppointmentDto>(`${this.base}/${encodeURIComponent(id)}`, { startsAt });
  }

  cancel(id: string, reason?: string): Observable<AppointmentDto> {
    return this.http.post<AppointmentDto>(
      `${this.base}/${encodeURIComponent(id)}/cancel`,
      reason ? { reason } : {},
    );
  }

  /** The calendar file (authorized: fetched with the session, then saved by the page). */
  calendar(id: string): Observable<Blob> {
    return this.http.get(`${this.base}/${encodeURIComponent(id)}/calendar.ics`, { responseType: 'blob' });
  }
}
