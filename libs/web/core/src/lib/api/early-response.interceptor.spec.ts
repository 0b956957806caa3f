import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import {
  EARLY_RESPONSES_KEY,
  EARLY_RESPONSE_MAX_AGE_MS,
  type EarlyResponse,
  earlyResponseInterceptor,
} from './early-response.interceptor';

const URL = '/api/v2/products?page=1&limit=12';
const globals = globalThis as Record<string, unknown>;

function setup(early: Record<string, EarlyResponse>) {
  globals[EARLY_RESPONSES_KEY] = early;
  TestBed.configureTestingModule({
    providers: [provideHttpClient(withInterceptors([earlyResponseInterceptor])), provideHttpClientTesting()],
  });
  return { http: TestBed.inject(HttpClient), ctrl: TestBed.inject(HttpTestingController) };
}

const started = (body: unknown, agoMs = 0): EarlyResponse => ({
  startedAt: performance.now() - agoMs,
  response: Promise.resolve(body === null ? null : { status: 200, body }),
});

describe('earlyResponseInterceptor', () => {
  afterEach(() => delete globals[EARLY_RESPONSES_KEY]);

  it('answers the first request for that URL from the early response, without a second request', async () => {
    const { http, ctrl } = setup({ [URL]: started({ items: ['lamp'] }) });
    const body = await firstValueFrom(http.get(URL));
    expect(body).toEqual({ items: ['lamp'] });
    ctrl.verify();
  });

  it('uses it once: the next request for the same URL goes to the network', async () => {
    const { http, ctrl } = setup({ [URL]: started({ items: ['lamp'] }) });
    await firstValueFrom(http.get(URL));
    const again = firstValueFrom(http.get(URL));
    ctrl.expectOne(URL).flush({ items: ['lamp', 'chair'] });
    await expect(again).resolves.toEqual({ items: ['lamp', 'chair'] });
  });

  it('asks the network when the early request failed', async () => {
    const { http, ctrl } = setup({ [URL]: started(null) });
    const body = firstValueFrom(http.get(URL));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the early answer settles first
    ctrl.expectOne(URL).flush({ items: [] });
    await expect(body).resolves.toEqual({ items: [] });
  });

  it('ignores a stale early response and other URLs', async () => {
    const { http, ctrl } = setup({
      [URL]: started({ items: ['old'] }, EARLY_RESPONSE_MAX_AGE_MS + 1),
      '/api/v2/products/p1': started({ id: 'p1' }),
    });
    const list = firstValueFrom(http.get(URL));
    const other = firstValueFrom(http.get('/api/v2/products/p2'));
    ctrl.expectOne(URL).flush({ items: ['new'] });
    ctrl.expectOne('/api/v2/products/p2').flush({ id: 'p2' });
    await expect(list).resolves.toEqual({ items: ['new'] });
    await expect(other).resolves.toEqual({ id: 'p2' });
  });
});
