import { RtcMediaError } from '@callshop/web/rtc';
import { acceptHere, customer, flush, makeCall, request, setup } from './testing/call-fixtures';

describe('CallManager: outgoing calls (customer)', () => {
  it('gets media first, then initiates over the connected socket and rings', async () => {
    const { manager, socket, rtc, initiate } = setup();
    await manager.placeCall(request);
    expect(rtc.prepareMedia).toHaveBeenCalledWith('video');
    expect(socket.whenConnected).toHaveBeenCalled();
    expect(socket.request).toHaveBeenCalledWith('call:initiate', {
      sellerId: 'shop-1',
      productId: 'p1',
      customerId: undefined,
      type: 'video',
    });
    expect(initiate).toHaveBeenCalledTimes(1);
    expect(manager.phase()).toBe('outgoing');
    expect(manager.counterpart()).toBe('Lamp Shop');
    expect(socket.tracked).toBe('call-1');
  });

  it('with the camera already allowed, rings the seller while the camera opens', async () => {
    const { manager, socket, rtc, initiate } = setup();
    rtc.mediaAllowedWithoutPrompt.mockReturnValue(true);
    let opened: (v: object) => void = () => undefined;
    rtc.prepareMedia.mockReturnValue(new Promise<object>((r) => (opened = r)));
    const placing = manager.placeCall(request);
    await flush();
    expect(initiate).toHaveBeenCalledTimes(1);
    expect(manager.phase()).toBe('preparing');
    opened({});
    await placing;
    expect(manager.phase()).toBe('outgoing');
    expect(socket.emitWithAck).not.toHaveBeenCalledWith('call:cancel', expect.anything());
  });

  it('with the camera already allowed, cancels the ringing call when the camera fails after all', async () => {
    const { manager, socket, rtc, initiate } = setup();
    rtc.mediaAllowedWithoutPrompt.mockReturnValue(true);
    let failed: (e: unknown) => void = () => undefined;
    rtc.prepareMedia.mockReturnValue(new Promise((_r, reject) => (failed = reject)));
    const placing = manager.placeCall(request);
    await flush();
    expect(initiate).toHaveBeenCalledTimes(1);
    failed(new RtcMediaError('no-device', 'No camera or microphone was found.'));
    await placing;
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:cancel', { callId: 'call-1' });
    expect(manager.phase()).toBe('ended');
  });

  it('says the seller is offline when initiate answers missed/offline, and offers a callback', async () => {
    const { manager, rtc } = setup(
      customer,
      jest.fn(async () => ({ ok: true, call: makeCall({ status: 'missed', endReason: 'offline' }) })),
    );
    await manager.placeCall(request);
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()).toMatchObject({
      title: 'Lamp Shop is offline right now.',
      suggestCallback: true,
    });
    expect(rtc.close).toHaveBeenCalled();
  });

  it.each([
    [{ status: 'declined', endReason: 'declined' }, 'Lamp Shop declined the call.'],
    [{ status: 'missed', endReason: 'timeout' }, 'No answer from Lamp Shop.'],
    [{ status: 'busy', endReason: 'busy' }, 'Lamp Shop is on another call.'],
  ] as const)('ends with a plain outcome for %p', async (ending, title) => {
    const { manager, socket, rtc } = setup();
    await manager.placeCall(request);
    socket.push('call:ended', { call: makeCall(ending) });
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.title).toBe(title);
    expect(rtc.close).toHaveBeenCalled();
    expect(socket.tracked).toBeNull();
  });

  it('explains a blocked camera and does not ring the seller', async () => {
    const { manager, rtc, initiate } = setup();
    rtc.prepareMedia.mockRejectedValueOnce(new RtcMediaError('permission-denied', 'blocked'));
    await manager.placeCall(request);
    expect(initiate).not.toHaveBeenCalled();
    expect(manager.outcome()).toMatchObject({ mediaError: 'permission-denied', suggestCallback: true });
    expect(manager.outcome()?.detail).toContain('allow');

    await manager.retryAudioOnly();
    expect(rtc.prepareMedia).toHaveBeenLastCalledWith('audio');
    expect(manager.phase()).toBe('outgoing');
  });

  it('tells the caller about a conflict in plain words, and passes other refusals on', async () => {
    const conflict = jest.fn(async () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'You already have a live call: end it first' },
    }));
    const { manager, socket } = setup(customer, conflict);
    await manager.placeCall(request);
    expect(manager.phase()).toBe('ended');
    expect(manager.outcome()?.detail).toBe('You are already in a call. Finish it before starting another.');

    manager.dismiss();
    socket.initiate.mockResolvedValueOnce({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Product p1 not found' },
    });
    await manager.placeCall(request);
    expect(manager.outcome()?.detail).toBe('Product p1 not found');
  });

  it('cancels a ringing call', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    socket.acks['call:cancel'] = {
      ok: true,
      call: makeCall({ status: 'cancelled', endReason: 'cancelled' }),
    };
    await manager.cancel();
    expect(socket.emitWithAck).toHaveBeenCalledWith('call:cancel', { callId: 'call-1' });
    expect(manager.outcome()?.title).toBe('Call cancelled.');
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.phase()).toBe('idle');
  });

  it('handles call:accepted that overtakes the initiate answer', async () => {
    let answer: (ack: unknown) => void = () => undefined;
    const { manager, socket, rtc } = setup(
      customer,
      jest.fn(() => new Promise((r) => (answer = r))),
    );
    const placing = manager.placeCall(request);
    await flush();
    acceptHere(socket);
    answer({ ok: true, call: makeCall() });
    await placing;
    expect(rtc.start).toHaveBeenCalled();
    expect(manager.phase()).toBe('connecting');
  });
});

describe('CallManager auto-dismiss', () => {
  it('closes the panel by itself when call:ended for our own cancel overtakes the ack', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    let release: (v: unknown) => void = () => undefined;
    socket.emitWithAck.mockImplementationOnce(
      () => new Promise<unknown>((r) => (release = r as (v: unknown) => void)) as Promise<never>,
    );
    const cancelling = manager.cancel();
    socket.push('call:ended', { call: makeCall({ status: 'cancelled', endReason: 'cancelled' }) });
    release({ ok: true, call: makeCall({ status: 'cancelled', endReason: 'cancelled' }) });
    await cancelling;
    expect(manager.phase()).toBe('ended');
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.phase()).toBe('idle');
  });

  it('keeps a declined call on screen until the caller closes it', async () => {
    const { manager, socket } = setup();
    await manager.placeCall(request);
    socket.push('call:ended', { call: makeCall({ status: 'declined', endReason: 'declined' }) });
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.phase()).toBe('ended');
  });
});
