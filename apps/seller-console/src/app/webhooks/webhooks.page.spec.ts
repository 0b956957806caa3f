import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { WebhookDeliveryDto, WebhookEndpointDto } from '@callshop/contracts';
import { SESSION_STORAGE_KEY } from '@callshop/web/core';
import { WebhooksPage } from './webhooks.page';

const endpoint: WebhookEndpointDto = {
  id: 'w1',
  url: 'https://crm.example.com/hooks',
  description: 'CRM',
  events: ['call.missed'],
  enabled: true,
  createdAt: '2026-11-27T10:00:00Z',
};

const delivery = (id: string, status: WebhookDeliveryDto['status']): WebhookDeliveryDto => ({
  id,
  eventId: 'e1',
  event: 'call.missed',
  status,
  createdAt: '2026-11-27T10:05:00Z',
  deliveredAt: null,
  redeliveryOf: null,
  attempts: [
    { at: '2026-11-27T10:05:00Z', responseStatus: 500, durationMs: 31, error: 'answered 500' },
    {
      at: '2026-11-27T10:06:00Z',
      responseStatus: null,
      durationMs: 10000,
      error: 'no answer within 10000 ms',
    },
  ],
});

async function setup(list: WebhookEndpointDto[]) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
    ],
  });
  const fixture = TestBed.createComponent(WebhooksPage);
  const http = TestBed.inject(HttpTestingController);
  fixture.detectChanges();
  http.expectOne('/api/v2/webhooks').flush(list);
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

describe('WebhooksPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('adds an endpoint with the picked events and shows its secret once', async () => {
    const t = await setup([]);
    expect(t.el.textContent).toContain('No webhooks yet.');
    const input = t.el.querySelector<HTMLInputElement>('input[type="url"]');
    if (!input) throw new Error('no url field');
    input.value = 'https://crm.example.com/hooks';
    input.dispatchEvent(new Event('input'));
    t.el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    const req = t.http.expectOne((r) => r.method === 'POST' && r.url === '/api/v2/webhooks');
    expect(req.request.body).toEqual({
      url: 'https://crm.example.com/hooks',
      events: ['call.missed', 'callback.requested'],
    });
    req.flush({ ...endpoint, events: ['call.missed', 'callback.requested'], secret: 'whsec_abc' });
    await t.fixture.whenStable();
    t.http.expectOne('/api/v2/webhooks').flush([endpoint]);
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.el.querySelector('[data-testid="webhook-secret"]')?.textContent).toContain('whsec_abc');
    expect(t.el.querySelectorAll('[data-testid="webhook-endpoint"]')).toHaveLength(1);
  });

  it('shows the server’s reason when an endpoint is refused', async () => {
    const t = await setup([]);
    const input = t.el.querySelector<HTMLInputElement>('input[type="url"]');
    if (!input) throw new Error('no url field');
    input.value = 'https://10.0.0.1/h';
    input.dispatchEvent(new Event('input'));
    t.el.querySelector<HTMLFormElement>('form')?.dispatchEvent(new Event('submit'));
    t.http
      .expectOne((r) => r.method === 'POST')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'url host 10.0.0.1 resolves to a private address' },
        { status: 400, statusText: 'Bad Request' },
      );
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.el.querySelector('[role="alert"]')?.textContent).toContain('private address');
    expect(t.el.querySelector('[data-testid="webhook-secret"]')).toBeNull();
  });

  it('lists deliveries with their last answer, and redelivers one', async () => {
    const t = await setup([endpoint]);
    const deliveriesButton = [...t.el.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Deliveries',
    );
    deliveriesButton?.click();
    t.http
      .expectOne((r) => r.url === '/api/v2/webhooks/w1/deliveries')
      .flush({
        items: [delivery('d1', 'failed')],
        total: 1,
        page: 1,
        limit: 20,
      });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    const row = t.el.querySelector('[data-testid="webhook-delivery"]');
    expect(row?.textContent).toContain('failed');
    expect(row?.textContent).toContain('no answer within 10000 ms in 10000 ms');
    [...(row?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('Redeliver'))?.click();
    t.http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/v2/webhooks/w1/deliveries/d1/redeliver')
      .flush({ ...delivery('d2', 'pending'), attempts: [], redeliveryOf: 'd1' });
    await t.fixture.whenStable();
    t.http
      .expectOne((r) => r.url === '/api/v2/webhooks/w1/deliveries')
      .flush({
        items: [{ ...delivery('d2', 'pending'), attempts: [], redeliveryOf: 'd1' }, delivery('d1', 'failed')],
        total: 2,
        page: 1,
        limit: 20,
      });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    const rows = t.el.querySelectorAll('[data-testid="webhook-delivery"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('not tried yet');
  });
});
