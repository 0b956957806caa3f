import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { CallbackRequestDto, CallHistoryItem, Page, ShopContactDto } from '@callshop/contracts';
import { CallSocket, SESSION_STORAGE_KEY, SocketState } from '@callshop/web/core';
import { Subject } from 'rxjs';
import { CallManager } from '@callshop/web/calls-ui';
import { CallSummaryStore } from './call-summary.store';
import { CallsPage } from './calls.page';

const shop = { id: 'shop-1', name: 'Northwind Audio', isPlatform: false };
const product = { id: 'p1', name: 'Studio Headphones', price: 12999, currency: 'USD', image: null };

function call(
  id: string,
  customer: { id: string; name: string },
  status: CallHistoryItem['status'],
): CallHistoryItem {
  return {
    id,
    type: 'video',
    status,
    endReason: null,
    initiatedBy: 'customer',
    direction: 'incoming',
    customer,
    shop,
    staff: null,
    product,
    createdAt: '2026-11-24T10:00:00Z',
    ringDeadlineAt: null,
    answeredAt: null,
    endedAt: null,
    connectedAt: null,
    durationSeconds: status === 'ended' ? 75 : null,
    quality: null,
  };
}

const page = <T>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, limit: 20 });
const casey = { id: 'c1', name: 'Casey Customer' };
const stranger = { id: 'c9', name: 'Someone Else' };

function setup(socket?: { on: (event: string) => Subject<unknown> }) {
  const placeCall = jest.fn().mockResolvedValue(undefined);
  const refresh = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE_KEY, useValue: 'test.session' },
      { provide: CallManager, useValue: { busy: signal(false), placeCall } },
      // A scripted socket is connected to nothing: the page's reads on connecting stay off.
      ...(socket
        ? [{ provide: CallSocket, useValue: { state: signal(SocketState.Disconnected), ...socket } }]
        : []),
      {
        provide: CallSummaryStore,
        useValue: {
          summary: signal({ missedToday: 2, missedTotal: 5, openCallbacks: 1 }),
          changes: signal(0),
          refresh,
        },
      },
    ],
  });
  const fixture = TestBed.createComponent(CallsPage);
  const http = TestBed.inject(HttpTestingController);
  return { fixture, http, placeCall, refresh, el: fixture.nativeElement as HTMLElement };
}

async function respond(
  { fixture, http }: ReturnType<typeof setup>,
  data: { calls: CallHistoryItem[]; callbacks: CallbackRequestDto[]; contacts: ShopContactDto[] },
) {
  fixture.detectChanges();
  await fixture.whenStable();
  http.expectOne((r) => r.url === '/api/v2/calls').flush(page(data.calls));
  http.expectOne((r) => r.url === '/api/v2/callbacks').flush(page(data.callbacks));
  http.expectOne('/api/v2/calls/contacts').flush(data.contacts);
  // The appointments panel's list (its own tests cover it): none.
  http.match((r) => r.url === '/api/v2/appointments').forEach((r) => r.flush([]));
  await fixture.whenStable();
  fixture.detectChanges();
}

const caseyContact: ShopContactDto = {
  customer: casey,
  phoneNumber: '+1 555 010 4455',
  lastContactAt: '2026-11-24T10:00:00Z',
  online: true,
};

describe('CallsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the counts, highlights missed calls and offers call-backs only to contacts', async () => {
    const t = setup();
    await respond(t, {
      calls: [call('k1', casey, 'missed'), call('k2', stranger, 'ended')],
      callbacks: [],
      contacts: [caseyContact],
    });
    expect(t.el.querySelector('[data-testid="missed-today"]')?.textContent).toBe('2');
    expect(t.el.querySelector('[data-testid="open-callbacks"]')?.textContent).toBe('1');
    const rows = [...t.el.querySelectorAll<HTMLElement>('[data-testid="call-row"]')];
    expect(rows.map((r) => r.classList.contains('row--missed'))).toEqual([true, false]);
    expect(rows[0].querySelector('[data-testid="call-status"]')?.textContent?.trim()).toBe('Missed');
    expect(rows[1].querySelector('[data-testid="call-duration"]')?.textContent?.trim()).toBe('1:15');

    const [caseyButton] = [...rows[0].querySelectorAll('button')].filter((b) =>
      b.textContent?.includes('Call back'),
    );
    expect(caseyButton.getAttribute('aria-label')).toBe('Call back Casey Customer by video');
    expect(rows[0].querySelector('[data-testid="phone-link"]')?.getAttribute('href')).toBe(
      'tel:+15550104455',
    );
    // Talk time only for calls that connected.
    expect(rows[0].querySelector('[data-testid="call-duration"]')).toBeNull();
    // Never contacted the shop: no way to call them.
    expect(rows[1].textContent).not.toContain('Call back');
    expect(rows[1].querySelector('[data-testid="phone-link"]')).toBeNull();

    caseyButton.click();
    expect(t.placeCall).toHaveBeenCalledWith({
      type: 'video',
      customerId: 'c1',
      productId: 'p1',
      displayName: 'Casey Customer',
    });
  });

  it('marks a callback request done and takes it off the open list', async () => {
    const t = setup();
    const request: CallbackRequestDto = {
      id: 'cb1',
      customer: casey,
      customerPhone: '+1 555 010 4455',
      shop,
      product,
      note: 'After 5 pm',
      preference: 'phone',
      status: 'open',
      handledBy: null,
      createdAt: '2026-11-24T10:00:00Z',
      handledAt: null,
      callId: null,
    };
    await respond(t, { calls: [], callbacks: [request], contacts: [] });
    const item = t.el.querySelector<HTMLElement>('[data-testid="callback-request"]');
    expect(item?.textContent).toContain('After 5 pm');
    // The request itself makes Casey a contact: the number is offered even before the list reloads.
    expect(item?.querySelector('[data-testid="phone-link"]')?.getAttribute('href')).toBe('tel:+15550104455');

    const done = [...(item?.querySelectorAll('button') ?? [])].find((b) =>
      b.textContent?.includes('Mark done'),
    );
    done?.click();
    const patch = t.http.expectOne('/api/v2/callbacks/cb1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ status: 'done' });
    patch.flush({ ...request, status: 'done', handledBy: { id: 's1', name: 'Nora' } });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.el.querySelector('[data-testid="callback-request"]')).toBeNull();
    expect(t.refresh).toHaveBeenCalled();
  });

  it("offers the customer's preferred way first, links a call back to the request, and shows whether they are online, live", async () => {
    const pushes = new Subject<unknown>();
    const t = setup({ on: (event) => (event === 'presence:customer' ? pushes : new Subject()) });
    const request = (id: string, preference: 'phone' | 'video'): CallbackRequestDto => ({
      id,
      customer: casey,
      customerPhone: '+1 555 010 4455',
      shop,
      product,
      note: null,
      preference,
      status: 'open',
      handledBy: null,
      createdAt: '2026-11-24T10:00:00Z',
      handledAt: null,
      callId: null,
    });
    await respond(t, {
      calls: [],
      callbacks: [request('cb1', 'phone'), request('cb2', 'video')],
      contacts: [caseyContact],
    });
    const [byPhone, byVideo] = [...t.el.querySelectorAll<HTMLElement>('[data-testid="callback-request"]')];
    const firstAction = (row: HTMLElement) =>
      row.querySelector('.row__actions')?.firstElementChild?.getAttribute('data-testid');
    expect(firstAction(byPhone)).toBe('phone-link');
    expect(firstAction(byVideo)).toBe('call-back-video');
    expect(byPhone.querySelector('[data-testid="customer-online"]')?.textContent?.trim()).toBe('Online now');

    pushes.next({ customerId: 'c1', online: false });
    t.fixture.detectChanges();
    expect(byPhone.querySelector('[data-testid="customer-online"]')?.textContent?.trim()).toBe('Offline');

    byVideo.querySelector<HTMLButtonElement>('[data-testid="call-back-video"]')?.click();
    expect(t.placeCall).toHaveBeenCalledWith({
      type: 'video',
      customerId: 'c1',
      productId: 'p1',
      displayName: 'Casey Customer',
      callbackRequestId: 'cb2',
    });
  });

  it('names calls the network broke, and folds a connected call’s quality summary into its row', async () => {
    const t = setup();
    const sample = {
      rttMs: 45,
      lossPct: 0.2,
      jitterMs: 4,
      bitrateKbps: 1200,
      fps: 30,
      width: 1280,
      height: 720,
      relayed: true,
    };
    const talked: CallHistoryItem = {
      ...call('k1', casey, 'ended'),
      quality: {
        caller: { samples: 12, median: sample, worst: { ...sample, rttMs: 140 }, relayed: true },
        callee: null,
      },
    };
    const never: CallHistoryItem = { ...call('k2', casey, 'failed'), endReason: 'media_failed' };
    const lost: CallHistoryItem = {
      ...call('k3', casey, 'failed'),
      endReason: 'connection_lost',
      durationSeconds: 30,
    };
    await respond(t, { calls: [talked, never, lost], callbacks: [], contacts: [] });
    const rows = [...t.el.querySelectorAll<HTMLElement>('[data-testid="call-row"]')];
    expect(rows.map((r) => r.querySelector('[data-testid="call-status"]')?.textContent?.trim())).toEqual([
      'Answered',
      "Couldn't connect",
      'Connection lost',
    ]);
    expect(
      rows.map((r) => r.querySelector('[data-testid="call-duration"]')?.textContent?.trim() ?? null),
    ).toEqual(['1:15', null, '0:30']);
    const summary = rows[0].querySelector('[data-testid="call-quality-summary"]');
    expect(summary?.querySelector('summary')?.textContent?.trim()).toBe('Connection: Good · relayed');
    expect(summary?.textContent).toContain(
      'Customer received (relayed, 12 samples): Round trip 45 ms (worst 140 ms)',
    );
    expect(rows[1].querySelector('[data-testid="call-quality-summary"]')).toBeNull();
  });
  it('exports the history as CSV with the filters on screen, without paging, and saves the file', async () => {
    const created = jest.fn().mockReturnValue('blob:calls');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const t = setup();
    await TestBed.inject(Router).navigate([], {
      queryParams: { status: 'missed', direction: 'incoming', page: '3' },
    });
    await respond(t, { calls: [call('k1', casey, 'missed')], callbacks: [], contacts: [] });
    const button = t.el.querySelector<HTMLButtonElement>('[data-testid="export-calls"]');
    expect(button?.textContent?.trim()).toBe('Export CSV');
    button?.click();
    t.fixture.detectChanges();
    expect(button?.textContent?.trim()).toBe('Exporting…');
    const req = t.http.expectOne((r) => r.url === '/api/v2/exports/calls.csv');
    expect(req.request.params.keys().sort()).toEqual(['direction', 'status']);
    expect(req.request.params.get('status')).toBe('missed');
    req.flush(new Blob(['\uFEFFid\r\n']), {
      headers: { 'Content-Disposition': 'attachment; filename="calls-2026-11-27.csv"' },
    });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(created).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('calls-2026-11-27.csv');
    expect(button?.textContent?.trim()).toBe('Export CSV');
    click.mockRestore();
  });

  it('exports the callback requests with the status shown as CSV', async () => {
    Object.assign(URL, { createObjectURL: jest.fn().mockReturnValue('blob:cb'), revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const t = setup();
    await respond(t, { calls: [], callbacks: [], contacts: [] });
    t.el.querySelector<HTMLButtonElement>('[data-testid="export-callbacks"]')?.click();
    const req = t.http.expectOne((r) => r.url === '/api/v2/exports/callbacks.csv');
    expect(req.request.params.keys()).toEqual(['status']);
    expect(req.request.params.get('status')).toBe('open');
    req.flush(new Blob(['\uFEFFid\r\n']), {
      headers: { 'Content-Disposition': 'attachment; filename="callbacks-2026-11-27.csv"' },
    });
    await t.fixture.whenStable();
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('callbacks-2026-11-27.csv');
    click.mockRestore();
  });

  it('says so when the export fails', async () => {
    const t = setup();
    await respond(t, { calls: [], callbacks: [], contacts: [] });
    t.el.querySelector<HTMLButtonElement>('[data-testid="export-calls"]')?.click();
    t.http
      .expectOne((r) => r.url === '/api/v2/exports/calls.csv')
      .flush(new Blob(['{}']), { status: 403, statusText: 'Forbidden' });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.el.textContent).toContain('Export failed');
  });
});
