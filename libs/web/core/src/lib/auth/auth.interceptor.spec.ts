import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { UserDto } from '@callshop/contracts';
import { SESSION_STORAGE, SESSION_STORAGE_KEY } from '../tokens';
import { AuthSession } from './auth-session';
import { authGuard, safeReturnUrl } from './auth.guard';
import { authInterceptor } from './auth.interceptor';

const user = { id: 'u1', role: 'customer', name: 'Ada' } as UserDto;

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      { provide: SESSION_STORAGE, useValue: null },
    ],
  });
  return {
    http: TestBed.inject(HttpClient),
    ctrl: TestBed.inject(HttpTestingController),
    session: TestBed.inject(AuthSession),
    router: TestBed.inject(Router),
  };
}

describe('authInterceptor', () => {
  it('adds the Bearer token to API requests only', () => {
    const { http, ctrl, session } = setup();
    session.start({ accessToken: 'tok', expiresIn: 3600, user });
    http.get('/api/v2/auth/me').subscribe();
    http.get('https://cdn.example.com/image.png').subscribe();
    expect(ctrl.expectOne('/api/v2/auth/me').request.headers.get('Authorization')).toBe('Bearer tok');
    expect(ctrl.expectOne('https://cdn.example.com/image.png').request.headers.has('Authorization')).toBe(
      false,
    );
  });

  it('sends no header without a session', () => {
    const { http, ctrl } = setup();
    http.get('/api/v2/products').subscribe();
    expect(ctrl.expectOne('/api/v2/products').request.headers.has('Authorization')).toBe(false);
  });

  it('ends the session on a 401 and routes to log in with the return URL', async () => {
    const { http, ctrl, session, router } = setup();
    session.start({ accessToken: 'tok', expiresIn: 3600, user });
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/calls?page=2');
    const errors: unknown[] = [];
    http.get('/api/v2/calls').subscribe({ error: (e) => errors.push(e) });
    ctrl
      .expectOne('/api/v2/calls')
      .flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });

    expect(session.isAuthenticated()).toBe(false);
    expect(session.endReason()).toBe('unauthorized');
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/calls?page=2' } });
    expect(errors).toHaveLength(1);
  });

  it('leaves a wrong password to the login form', () => {
    const { http, ctrl, router } = setup();
    const navigate = jest.spyOn(router, 'navigate');
    http.post('/api/v2/auth/login', {}).subscribe({ error: () => undefined });
    ctrl
      .expectOne('/api/v2/auth/login')
      .flush({ message: 'bad' }, { status: 401, statusText: 'Unauthorized' });
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('authGuard', () => {
  it('sends a visitor to log in with the URL they wanted', () => {
    const { router } = setup();
    const result = TestBed.runInInjectionContext(() => authGuard({} as never, { url: '/calls' } as never));
    expect(router.serializeUrl(result as never)).toBe('/login?returnUrl=%2Fcalls');
  });

  it('lets a signed-in user through', () => {
    const { session } = setup();
    session.start({ accessToken: 'tok', expiresIn: 3600, user });
    expect(TestBed.runInInjectionContext(() => authGuard({} as never, { url: '/calls' } as never))).toBe(
      true,
    );
  });

  it('only accepts return URLs inside the app', () => {
    expect(safeReturnUrl('/products/1')).toBe('/products/1');
    expect(safeReturnUrl('//evil.example.com')).toBe('/');
    expect(safeReturnUrl('https://evil.example.com')).toBe('/');
    expect(safeReturnUrl(null)).toBe('/');
  });
});
