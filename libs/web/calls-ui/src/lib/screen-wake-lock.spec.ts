import { ScreenWakeLock, type WakeLockHandle } from './screen-wake-lock';

class FakeLock implements WakeLockHandle {
  released = false;
  private listeners: (() => void)[] = [];
  async release() {
    if (this.released) return;
    this.released = true;
    this.listeners.forEach((l) => l());
  }
  addEventListener(_type: 'release', listener: () => void) {
    this.listeners.push(listener);
  }
}

function setup() {
  const locks: FakeLock[] = [];
  const api = { request: jest.fn(async () => locks[locks.push(new FakeLock()) - 1]) };
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const wakeLock = new ScreenWakeLock(api, doc as unknown as Document);
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const setVisible = (visible: boolean) => {
    doc.visibilityState = visible ? 'visible' : 'hidden';
    // The browser releases screen locks when the page is hidden.
    if (!visible) locks.forEach((l) => void l.release());
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { api, locks, wakeLock, flush, setVisible };
}

describe('ScreenWakeLock', () => {
  it('keeps the screen on while held and releases it at the end', async () => {
    const { api, locks, wakeLock, flush } = setup();
    wakeLock.hold(true);
    await flush();
    expect(api.request).toHaveBeenCalledWith('screen');
    expect(wakeLock.held).toBe(true);

    wakeLock.hold(false);
    await flush();
    expect(locks[0].released).toBe(true);
    expect(wakeLock.held).toBe(false);
  });

  it('asks again when the page comes back into view, not while it is hidden', async () => {
    const { api, wakeLock, flush, setVisible } = setup();
    wakeLock.hold(true);
    await flush();
    setVisible(false);
    await flush();
    expect(wakeLock.held).toBe(false);
    expect(api.request).toHaveBeenCalledTimes(1);

    setVisible(true);
    await flush();
    expect(api.request).toHaveBeenCalledTimes(2);
    expect(wakeLock.held).toBe(true);
  });

  it('stops listening once released: coming back into view after the call takes no lock', async () => {
    const { api, wakeLock, flush, setVisible } = setup();
    wakeLock.hold(true);
    await flush();
    wakeLock.hold(false);
    setVisible(false);
    setVisible(true);
    await flush();
    expect(api.request).toHaveBeenCalledTimes(1);
  });

  it('releases a lock granted after the call already ended', async () => {
    const { locks, wakeLock, flush } = setup();
    wakeLock.hold(true);
    wakeLock.hold(false);
    await flush();
    expect(locks[0].released).toBe(true);
    expect(wakeLock.held).toBe(false);
  });

  it('carries on without a lock when the browser refuses or has none', async () => {
    const { api, wakeLock, flush } = setup();
    api.request.mockRejectedValueOnce(new Error('NotAllowedError'));
    wakeLock.hold(true);
    await flush();
    expect(wakeLock.held).toBe(false);

    const none = new ScreenWakeLock(undefined, new EventTarget() as unknown as Document);
    expect(() => none.hold(true)).not.toThrow();
    expect(none.held).toBe(false);
  });
});
