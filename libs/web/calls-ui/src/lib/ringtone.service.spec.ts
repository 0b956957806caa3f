import { TestBed } from '@angular/core/testing';
import { AUDIO_CONTEXT_FACTORY, Ringtone } from './ringtone.service';

class FakeAudioContext {
  state: AudioContextState = 'suspended';
  currentTime = 0;
  destination = {};
  oscillators = 0;
  allowResume = false;
  async resume() {
    if (this.allowResume) this.state = 'running';
  }
  async close() {
    this.state = 'closed';
  }
  createOscillator() {
    this.oscillators++;
    const noop = () => undefined;
    return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start: noop, stop: noop };
  }
  createGain() {
    const noop = () => undefined;
    const gain = { setValueAtTime: noop, exponentialRampToValueAtTime: noop };
    return { gain, connect: (n: unknown) => n };
  }
}

function setup() {
  const ctx = new FakeAudioContext();
  TestBed.configureTestingModule({ providers: [{ provide: AUDIO_CONTEXT_FACTORY, useValue: () => ctx }] });
  return { ringtone: TestBed.inject(Ringtone), ctx };
}

describe('Ringtone', () => {
  afterEach(() => TestBed.inject(Ringtone).stop());

  it('reports blocked sound until a click unlocks it, then rings', async () => {
    const { ringtone, ctx } = setup();
    ringtone.start();
    await Promise.resolve();
    expect(ringtone.blocked()).toBe(true);
    expect(ctx.oscillators).toBe(0);

    ctx.allowResume = true;
    await ringtone.unlock();
    expect(ringtone.blocked()).toBe(false);
  });

  it('rings at once when sound is allowed and stops cleanly', () => {
    const { ringtone, ctx } = setup();
    ctx.state = 'running';
    ringtone.start();
    expect(ringtone.blocked()).toBe(false);
    expect(ctx.oscillators).toBe(2);
    ringtone.stop();
    expect(ringtone.ringing()).toBe(false);
  });
});
