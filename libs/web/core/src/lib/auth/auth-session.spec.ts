import { TestBed } from '@angular/core/testing';
import type { AuthResponse, UserDto } from '@callshop/contracts';
import { NOW, SESSION_STORAGE, SESSION_STORAGE_KEY } from '../tokens';
import { AuthSession } from './auth-session';
import { decodeJwt } from './jwt';

const user: UserDto = {
  id: 'u1',
  role: 'customer',
  name: 'Ada',
  email: 'ada@example.com',
  phoneNumber: null,
  createdAt: '2026-01-01T00:00:00Z',
};

/** An unsigned JWT with the given claims (the client never verifies signatures). */
function fakeJwt(claims: object): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`;
}

function setup(initial: Record<string, string> = {}) {
  const store = new Map(Object.entries(initial));
  let now = 1_000_000_000_000;
  TestBed.configureTestingModule({
    providers: [
      { provide: SESSION_STORAGE_KEY, useValue: 'app.session' },
      { provide: NOW, useValue: () => now },
      {
        provide: SESSION_STORAGE,
        useValue: {
          getItem: (k: string) => store.get(k) ?? null,
          setItem: (k: string, v: string) => store.set(k, v),
          removeItem: (k: string) => store.delete(k),
        },
      },
    ],
  });
  return {
    session: TestBed.inject(AuthSession),
    store,
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

describe('AuthSession', () => {
  it('reads the expiry from the JWT exp claim and stores the session under the app key', () => {
    const { session, store, now } = setup();
    const exp = Math.floor(now() / 1000) + 600;
    const auth: AuthResponse = { accessToken: fakeJwt({ sub: 'u1', exp }), expiresIn: 99999, user };
    session.start(auth);
    expect(session.isAuthenticated()).toBe(true);
    expect(session.expiresAt()).toBe(exp * 1000);
    expect(JSON.parse(store.get('app.session') ?? '{}').user.name).toBe('Ada');
  });

  it('restores a stored session after a reload', () => {
    const token = fakeJwt({ sub: 'u1', exp: 2_000_000_000 });
    const stored = JSON.stringify({ token, user, expiresAt: 2_000_000_000_000 });
    const { session } = setup({ 'app.session': stored });
    expect(session.user()?.id).toBe('u1');
    expect(session.validToken()).toBe(token);
  });

  it('drops an expired stored session', () => {
    const stored = JSON.stringify({ token: 'x.y.z', user, expiresAt: 1 });
    const { session, store } = setup({ 'app.session': stored });
    expect(session.isAuthenticated()).toBe(false);
    expect(store.has('app.session')).toBe(false);
  });

  it('ends the session when the token expires while in use', () => {
    const { session, advance, store } = setup();
    session.start({ accessToken: 'opaque', expiresIn: 60, user });
    expect(session.validToken()).toBe('opaque');
    advance(61_000);
    expect(session.validToken()).toBeNull();
    expect(session.isAuthenticated()).toBe(false);
    expect(session.endReason()).toBe('expired');
    expect(store.has('app.session')).toBe(false);
  });

  it('decodes unicode names in claims', () => {
    const token = fakeJwt({ name: 'Zoë' });
    expect(decodeJwt(token)?.name).toBe('Zoë');
    expect(decodeJwt('not-a-jwt')).toBeNull();
  });
});
