import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AddStaffRequest,
  AuthResponse,
  LoginRequest,
  RegisterRequest,
  UserDto,
} from '@callshop/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../tokens';

/** `/auth`: sign-up, log-in, the current user, shop staff. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL) + '/auth';

  register(body: RegisterRequest): Observable<AuthResponse> {
    return this.http.post<AuthResponse>(`${this.base}/register`, body);
  }

  login(body: LoginRequest): Observable<AuthResponse> {
    return this.http.post<AuthResponse>(`${this.base}/login`, body);
  }

  me(): Observable<UserDto> {
    return this.http.get<UserDto>(`${this.base}/me`);
  }

  addStaff(body: AddStaffRequest): Observable<UserDto> {
    return this.http.post<UserDto>(`${this.base}/staff`, body);
  }

  listStaff(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>(`${this.base}/staff`);
  }
}
