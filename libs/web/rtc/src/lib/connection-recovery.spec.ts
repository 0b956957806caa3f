import { type RecoveryActions, ConnectionRecovery } from './connection-recovery';
import { DefaultRecoveryPolicy } from './recovery-policy';
import { FakeTimers } from './testing/fakes';

function setup(polite = false) {
  const timers = new FakeTimers();
  let connected = false;
  const log: string[] = [];
  const actions: RecoveryActions = {
    restartIce: () => log.push(`${timers.now()} ice-restart`),
    newConnection: () => log.push(`${timers.now()} new-connection`),
    isConnected: () => connected,
    outage: (active) => log.push(`${timers.now()} outage ${active ? 'begins' : 'ends'}`),
  };
  const recovery = new ConnectionRecovery(
    {
      timers,
      policy: new DefaultRecoveryPolicy(),
      polite,
      disconnectedGraceMs: 2500,
      connectTimeoutMs: 10_000,
    },
    actions,
  );
  return { recovery, timers, log, connect: (up: boolean) => (connected = up) };
}

describe('ConnectionRecovery', () => {
  it('escalates on a fake clock: ICE restarts, then new connections, and keeps going', () => {
    const { recovery, timers, log } = setup();
    recovery.onState('failed');
    timers.advance(40_000);
    expect(log).toEqual([
      '0 outage begins',
      '0 ice-restart',
      '5000 ice-restart',
      '9000 new-connection',
      '17000 new-connection',
      '25000 new-connection',
      '33000 new-connection',
    ]);
    expect(recovery.recovering).toBe(true);
  });

  it('waits out a short "disconnected" before the first step', () => {
    const { recovery, timers, log, connect } = setup();
    recovery.onState('disconnected');
    timers.advance(2000);
    expect(log).toEqual(['0 outage begins']);
    connect(true);
    recovery.onState('connected');
    timers.advance(60_000);
    expect(log).toEqual(['0 outage begins', '2000 outage ends']);
  });

  it('stops as soon as the connection is back, and starts over on the next drop', () => {
    const { recovery, timers, log, connect } = setup();
    recovery.onState('failed');
    timers.advance(6000); // two ICE restarts
    connect(true);
    recovery.onState('connected');
    expect(recovery.recovering).toBe(false);
    timers.advance(60_000);
    connect(false);
    recovery.onState('failed');
    timers.advance(0);
    expect(log.slice(-2)).toEqual(['66000 outage begins', '66000 ice-restart']);
  });

  it('judges each step after its time, not on every failure the browser reports meanwhile', () => {
    const { recovery, timers, log } = setup();
    recovery.onState('failed');
    recovery.onState('failed');
    timers.advance(1000);
    recovery.onState('failed');
    expect(log.filter((l) => l.endsWith('ice-restart'))).toHaveLength(1);
  });

  it('gives the callee’s new connections 4 s more, so the caller normally goes first', () => {
    const { recovery, timers, log } = setup(true);
    recovery.onState('failed');
    timers.advance(30_000);
    expect(log.filter((l) => l.endsWith('new-connection'))).toEqual([
      '13000 new-connection',
      '25000 new-connection',
    ]);
  });

  it('starts when an expected connection does not come up in time', () => {
    const { recovery, timers, log } = setup();
    recovery.expect();
    timers.advance(9999);
    expect(log).toEqual([]);
    timers.advance(1);
    expect(log).toEqual(['10000 outage begins', '10000 ice-restart']);

    const other = setup();
    other.recovery.expect();
    other.connect(true);
    other.recovery.onState('connected');
    other.timers.advance(20_000);
    expect(other.log).toEqual([]);
  });

  it('holds still while the other device is away, and starts afresh when it is back', () => {
    const { recovery, timers, log } = setup();
    recovery.onState('failed');
    timers.advance(3000);
    recovery.suspend();
    timers.advance(30_000);
    expect(log).toEqual(['0 outage begins', '0 ice-restart']);
    recovery.restart(5000);
    timers.advance(5000);
    // A new outage: the steps start from the first again.
    expect(log.slice(2)).toEqual(['38000 ice-restart']);
  });
});
