import { TestBed } from '@angular/core/testing';
import type { WaitingLineEntryDto } from '@callshop/contracts';
import { flush, makeCall, request, setup } from '../testing/call-fixtures';
import { WaitingLineClient, placeInLine, waitWords } from './waiting-line-client';

const entry = (overrides: Partial<WaitingLineEntryDto> = {}): WaitingLineEntryDto => ({
  id: 'entry-1',
  shopId: 'shop-1',
  shopName: 'Lamp Shop',
  product: null,
  type: 'video',
  status: 'waiting',
  endReason: null,
  position: 2,
  estimatedWaitSeconds: 200,
  joinedAt: '2026-11-28T10:00:00.000Z',
  callId: null,
  ...overrides,
});

describe('the waiting line (customer)', () => {
  it('words the place and the wait', () => {
    expect(placeInLine({ position: 2, estimatedWaitSeconds: 200 })).toBe(
      'You are number 2 in line · about 3 min',
    );
    expect(placeInLine({ position: 1, estimatedWaitSeconds: 20 })).toBe(
      'You are number 1 in line · less than a minute',
    );
    expect(waitWords(null)).toBe('');
  });

  it('joins with the busy call’s shop, product and type, follows its place, and leaves in one message', async () => {
    const { socket } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.acks['line:join'] = { ok: true, entry: entry() };
    expect(await line.join(request)).toBe(true);
    expect(socket.request).toHaveBeenCalledWith('line:join', {
      sellerId: 'shop-1',
      productId: 'p1',
      type: 'video',
    });
    expect(line.entry()?.position).toBe(2);

    socket.push('line:updated', { entry: entry({ position: 1, estimatedWaitSeconds: 100 }) });
    expect(line.entry()?.position).toBe(1);
    // Someone else's entry is not ours.
    socket.push('line:updated', { entry: entry({ id: 'other', position: 7 }) });
    expect(line.entry()?.position).toBe(1);

    socket.acks['line:leave'] = { ok: true, entry: entry({ status: 'left', position: null }) };
    await line.leave();
    expect(socket.request).toHaveBeenCalledWith('line:leave', { shopId: 'shop-1' });
    expect(line.entry()).toBeNull();
  });

  it('says why joining failed', async () => {
    const { socket } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.acks['line:join'] = {
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Nobody at this shop takes calls right now: ask for a callback instead',
      },
    };
    expect(await line.join(request)).toBe(false);
    expect(line.error()).toBe('Nobody at this shop takes calls right now: ask for a callback instead');
    expect(line.entry()).toBeNull();
  });

  it('rings the dispatched call as one this device placed: media, then the outgoing card, negotiating while it rings', async () => {
    const { socket, manager, rtc } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.acks['line:join'] = { ok: true, entry: entry() };
    await line.join(request);
    const call = makeCall();
    socket.push('line:dispatched', {
      entry: entry({ status: 'rung', position: null, callId: call.id }),
      call,
    });
    await flush();
    await flush();
    expect(rtc.prepareMedia).toHaveBeenCalledWith('video');
    expect(manager.phase()).toBe('outgoing');
    expect(manager.call()?.id).toBe(call.id);
    expect(socket.tracked).toBe(call.id);
    expect(line.entry()).toBeNull();
  });

  it('after a reload, shows the place the server tells it and rings the call it binds here', async () => {
    const { socket, manager } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.push('line:updated', { entry: entry({ position: 3 }) });
    expect(line.entry()?.position).toBe(3);
    expect(line.target()).toMatchObject({ sellerId: 'shop-1', displayName: 'Lamp Shop' });
    const call = makeCall();
    socket.push('line:dispatched', {
      entry: entry({ status: 'rung', position: null, callId: call.id }),
      call,
    });
    await flush();
    await flush();
    expect(manager.phase()).toBe('outgoing');
  });

  it('a place pushed just before leaving does not bring the card back', async () => {
    const { socket } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.acks['line:join'] = { ok: true, entry: entry() };
    socket.acks['line:leave'] = { ok: true, entry: entry({ status: 'left', position: null }) };
    await line.join(request);
    await line.leave();
    socket.push('line:updated', { entry: entry({ position: 1 }) });
    expect(line.entry()).toBeNull();
  });

  it('a dropped entry is gone, with the reason', async () => {
    const { socket } = setup();
    const line = TestBed.inject(WaitingLineClient);
    socket.acks['line:join'] = { ok: true, entry: entry() };
    await line.join(request);
    socket.push('line:updated', {
      entry: entry({ status: 'dropped', endReason: 'devices_gone', position: null }),
    });
    expect(line.entry()).toBeNull();
    expect(line.error()).toBe('You left the line while you were away.');
  });
});
