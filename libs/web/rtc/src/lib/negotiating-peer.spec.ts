import type { SignalPayload } from '@callshop/contracts';
import { NegotiatingPeer } from './negotiating-peer';
import { FakePeerConnection, settle } from './testing/fakes';

function pair() {
  const a = new FakePeerConnection({}, 'caller');
  const b = new FakePeerConnection({}, 'callee');
  const sent: { from: string; signal: SignalPayload }[] = [];
  // Messages travel through a macrotask, like a socket would carry them.
  const relay = (from: string, to: () => NegotiatingPeer) => (signal: SignalPayload) => {
    sent.push({ from, signal });
    setTimeout(() => void to().handle(signal), 0);
  };
  const hooks = { track: () => undefined, connectionState: () => undefined };
  const impolite: NegotiatingPeer = new NegotiatingPeer(a as unknown as RTCPeerConnection, false, {
    ...hooks,
    send: relay('caller', () => polite),
  });
  const polite: NegotiatingPeer = new NegotiatingPeer(b as unknown as RTCPeerConnection, true, {
    ...hooks,
    send: relay('callee', () => impolite),
  });
  return { a, b, sent, impolite, polite };
}

describe('NegotiatingPeer (perfect negotiation)', () => {
  it('completes a plain offer/answer exchange', async () => {
    const { a, b } = pair();
    a.needNegotiation();
    await settle();
    expect(a.signalingState).toBe('stable');
    expect(b.signalingState).toBe('stable');
    expect(b.remoteDescription?.sdp).toBe('offer-from-caller-1');
    expect(a.remoteDescription?.sdp).toBe('answer-from-callee');
  });

  it('resolves glare: the polite peer rolls back, the impolite peer ignores the other offer', async () => {
    const { a, b } = pair();
    a.needNegotiation();
    b.needNegotiation();
    await settle(20);

    expect(b.log).toContain('rollback');
    expect(a.log).not.toContain('rollback');
    // The impolite side never took the polite side's offer.
    expect(a.log).not.toContain('remote:offer');
    expect(a.signalingState).toBe('stable');
    expect(b.signalingState).toBe('stable');
    expect(b.remoteDescription?.sdp).toBe('offer-from-caller-1');
    expect(a.remoteDescription?.sdp).toBe('answer-from-callee');
  });

  it('buffers candidates that arrive before the remote description, then applies them in order', async () => {
    const pc = new FakePeerConnection({}, 'callee');
    const sent: SignalPayload[] = [];
    let answered = 0;
    const peer = new NegotiatingPeer(pc as unknown as RTCPeerConnection, true, {
      send: (s) => sent.push(s),
      track: () => undefined,
      connectionState: () => undefined,
      beforeAnswer: () => answered++,
    });
    const candidate = (n: number): SignalPayload => ({
      kind: 'candidate',
      candidate: { candidate: `candidate:${n}`, sdpMid: '0', sdpMLineIndex: 0 },
    });

    await peer.handle(candidate(1));
    await peer.handle(candidate(2));
    expect(peer.bufferedCandidates).toBe(2);
    expect(pc.candidates).toHaveLength(0);

    await peer.handle({ kind: 'description', description: { type: 'offer', sdp: 'remote-offer' } });
    expect(peer.bufferedCandidates).toBe(0);
    expect(pc.candidates.map((c) => c.candidate)).toEqual(['candidate:1', 'candidate:2']);
    expect(pc.log.indexOf('remote:offer')).toBeLessThan(pc.log.indexOf('candidate'));
    expect(answered).toBe(1);
    expect(sent).toContainEqual({
      kind: 'description',
      description: { type: 'answer', sdp: 'answer-from-callee' },
    });

    await peer.handle(candidate(3));
    expect(pc.candidates).toHaveLength(3);
  });

  it('sends its own candidates and forwards media state', async () => {
    const pc = new FakePeerConnection();
    const sent: SignalPayload[] = [];
    const media: unknown[] = [];
    const peer = new NegotiatingPeer(pc as unknown as RTCPeerConnection, false, {
      send: (s) => sent.push(s),
      track: () => undefined,
      connectionState: () => undefined,
      media: (m) => media.push(m),
    });
    pc.emitCandidate('candidate:host');
    expect(sent[0]).toEqual({
      kind: 'candidate',
      candidate: { candidate: 'candidate:host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null },
    });
    await peer.handle({ kind: 'media', audio: false, video: true });
    await peer.handle({ kind: 'media', audio: true, video: true, screen: true });
    expect(media).toEqual([
      { audio: false, video: true },
      { audio: true, video: true, screen: true },
    ]);
  });

  it('after the other device returns, rolls back an offer it never answered and offers again', async () => {
    const a = new FakePeerConnection({}, 'caller');
    const sent: SignalPayload[] = [];
    const peer = new NegotiatingPeer(a as unknown as RTCPeerConnection, false, {
      send: (s) => sent.push(s),
      track: () => undefined,
      connectionState: () => undefined,
    });
    // The offer went out while the other device was away: nobody will answer it.
    a.needNegotiation();
    await settle();
    expect(a.signalingState).toBe('have-local-offer');

    // A new page on the other side: a fresh connection that answers our new offer.
    const b = new FakePeerConnection({}, 'callee-reloaded');
    const fresh: NegotiatingPeer = new NegotiatingPeer(b as unknown as RTCPeerConnection, true, {
      send: (s) => setTimeout(() => void peer.handle(s), 0),
      track: () => undefined,
      connectionState: () => undefined,
    });
    sent.length = 0;
    await peer.renegotiate();
    await settle();
    expect(a.log).toEqual(['offer', 'rollback', 'restartIce', 'offer']);
    const offer = sent.find((s) => s.kind === 'description');
    expect(offer).toEqual({
      kind: 'description',
      description: { type: 'offer', sdp: 'offer-from-caller-2' },
    });
    await fresh.handle(offer as SignalPayload);
    await settle();
    expect(a.signalingState).toBe('stable');
    expect(a.remoteDescription?.sdp).toBe('answer-from-callee-reloaded');
  });

  it('removes its listeners and closes the connection, once', () => {
    const pc = new FakePeerConnection();
    const sent: SignalPayload[] = [];
    const peer = new NegotiatingPeer(pc as unknown as RTCPeerConnection, false, {
      send: (s) => sent.push(s),
      track: () => undefined,
      connectionState: () => undefined,
    });
    expect(pc.activeListeners()).toBe(4);
    peer.close();
    peer.close();
    expect(pc.activeListeners()).toBe(0);
    expect(pc.closed).toBe(true);
    pc.emitCandidate('candidate:late');
    expect(sent).toHaveLength(0);
  });
});
