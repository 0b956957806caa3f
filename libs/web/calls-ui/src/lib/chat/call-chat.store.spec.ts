import { LiveAnnouncer } from '@angular/cdk/a11y';
import { TestBed } from '@angular/core/testing';
import type { CallMessageDto } from '@callshop/contracts';
import { of } from 'rxjs';
import { acceptHere, connect, flush, makeCall, request, setup } from '../testing/call-fixtures';
import { CallChatStore, mergeMessages } from './call-chat.store';

const message = (id: string, sender: 'customer' | 'shop', text: string, clientId = id): CallMessageDto => ({
  id,
  callId: 'call-1',
  kind: 'text',
  sender,
  senderName: sender === 'shop' ? 'Sam' : 'Casey',
  clientId,
  text,
  product: null,
  createdAt: `2026-11-27T10:00:0${id.slice(-1)}.000Z`,
});

/** A customer's answered call with the chat store following it; `earlier` is what the server holds. */
async function liveChat(earlier: CallMessageDto[] = []) {
  const fixture = setup();
  const messages = jest.fn(() => of(earlier));
  Object.assign(fixture.api, { messages });
  const store = TestBed.inject(CallChatStore);
  const announce = jest.spyOn(TestBed.inject(LiveAnnouncer), 'announce').mockResolvedValue();
  await fixture.manager.placeCall(request);
  acceptHere(fixture.socket);
  TestBed.tick();
  await flush();
  connect(fixture.socket, fixture.rtc);
  await flush();
  return { ...fixture, store, messages, announce };
}

const sent = (emit: jest.Mock) =>
  emit.mock.calls.filter(([event]) => event === 'call:message').map(([, payload]) => payload);

describe('CallChatStore', () => {
  it('loads nothing while the answered call is being set up, the conversation once it connects', async () => {
    const fixture = setup();
    const messages = jest.fn(() => of([message('m1', 'shop', 'Hello')]));
    Object.assign(fixture.api, { messages });
    const store = TestBed.inject(CallChatStore);
    await fixture.manager.placeCall(request);
    acceptHere(fixture.socket);
    TestBed.tick();
    await flush();
    fixture.socket.push('call:message', { message: message('m2', 'shop', 'Early') });
    expect(messages).not.toHaveBeenCalled();
    connect(fixture.socket, fixture.rtc);
    await flush();
    expect(messages).toHaveBeenCalledTimes(1);
    expect(store.messages().map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('loads the conversation when the call has connected, then adds pushed messages once each', async () => {
    const { store, socket, messages } = await liveChat([message('m1', 'shop', 'Hello')]);
    expect(messages).toHaveBeenCalledWith('call-1');
    expect(store.messages().map((m) => m.id)).toEqual(['m1']);
    socket.push('call:message', { message: message('m2', 'shop', 'Still there?') });
    socket.push('call:message', { message: message('m2', 'shop', 'Still there?') });
    socket.push('call:message', { message: { ...message('m3', 'shop', 'Other call'), callId: 'call-9' } });
    expect(store.messages().map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('counts and announces the other side’s messages while the panel is closed, not its own', async () => {
    const { store, socket, announce } = await liveChat();
    socket.push('call:message', { message: message('m1', 'shop', 'Look at this') });
    socket.push('call:message', {
      message: {
        ...message('m2', 'shop', ''),
        kind: 'product',
        text: null,
        product: { id: 'p', name: 'Fern', price: 100, currency: 'USD', image: null, stock: 1 },
      },
    });
    socket.push('call:message', { message: message('m3', 'customer', 'Mine') });
    expect(store.unread()).toBe(2);
    expect(announce.mock.calls.map(([text]) => text)).toEqual([
      'Message from Sam: Look at this',
      'Sam sent a product: Fern',
    ]);
    store.setOpen(true);
    expect(store.unread()).toBe(0);
    socket.push('call:message', { message: message('m4', 'shop', 'Read at once') });
    expect(store.unread()).toBe(0);
  });

  it('keeps a message without an answer pending and sends it again, with the same client id, after the call resumes', async () => {
    const { store, socket, messages } = await liveChat();
    socket.acks['call:message'] = { ok: false, error: { code: 'INTERNAL', message: 'Not connected' } };
    await store.send('  Hello after the tunnel  ');
    expect(store.pending()).toEqual([
      expect.objectContaining({ text: 'Hello after the tunnel', error: null }),
    ]);
    const clientId = store.pending()[0].clientId;

    // Back on a new connection: the server stored the first attempt already and says so.
    const stored = message('m1', 'customer', 'Hello after the tunnel', clientId);
    socket.acks['call:message'] = { ok: true, message: stored, duplicate: true };
    messages.mockReturnValue(of([stored]));
    socket.resumed$.next({
      callId: 'call-1',
      result: { ok: true, call: makeCall({ status: 'accepted' }), role: 'caller', polite: false },
    });
    await flush();
    expect(sent(socket.emitWithAck)).toEqual([
      { callId: 'call-1', clientId, text: 'Hello after the tunnel' },
      { callId: 'call-1', clientId, text: 'Hello after the tunnel' },
    ]);
    expect(store.pending()).toEqual([]);
    expect(store.messages().map((m) => m.id)).toEqual(['m1']);
  });

  it('shows a refusal with the server’s words and lets the sender retry', async () => {
    const { store, socket } = await liveChat();
    socket.acks['call:message'] = {
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many messages: try again in 4 s' },
    };
    await store.send('Quick');
    expect(store.pending()[0].error).toBe('Too many messages: try again in 4 s');
    socket.acks['call:message'] = { ok: true, message: message('m1', 'customer', 'Quick'), duplicate: false };
    await store.retry(store.pending()[0].clientId);
    expect(store.pending()).toEqual([]);
    expect(store.messages().map((m) => m.text)).toEqual(['Quick']);
  });

  it('mergeMessages orders by time and never doubles a message', () => {
    const a = message('m1', 'shop', 'a');
    const b = message('m2', 'customer', 'b');
    expect(mergeMessages([b], [a, b]).map((m) => m.id)).toEqual(['m1', 'm2']);
  });
});
