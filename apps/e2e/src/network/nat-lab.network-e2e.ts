import type { ChildProcess } from 'node:child_process';
import { HOMES, cutLink, restoreLink, setNat, setNats } from './lab';
import { ECHO_PORTS, probeMappings, startEchoServer, stopEchoServer } from './nat-probe';

/**
 * The lab itself: its NATs behave as the call scenarios assume (seen from a UDP echo server on
 * the public network), and a cut link carries nothing until it is restored.
 */
describe('network lab', () => {
  let echo: ChildProcess;
  let port = 45000;

  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(async () => {
    restoreLink('customer');
    setNats('cone');
    await stopEchoServer(echo);
  });

  it('a cone NAT keeps one public port for every destination', () => {
    setNat('customer', 'cone');
    const seen = probeMappings('customer', ++port);
    const mapping = `${HOMES.customer.wanIp}:${port}`;
    expect(seen).toEqual({ [ECHO_PORTS[0]]: mapping, [ECHO_PORTS[1]]: mapping });
  });

  it('a symmetric NAT gives each destination its own public port', () => {
    setNat('seller', 'symmetric');
    const seen = probeMappings('seller', ++port);
    const [a, b] = ECHO_PORTS.map((p) => seen[p]);
    expect(a).toMatch(new RegExp(`^${HOMES.seller.wanIp.replace(/\./g, '\\.')}:\\d+$`));
    expect(b).toMatch(new RegExp(`^${HOMES.seller.wanIp.replace(/\./g, '\\.')}:\\d+$`));
    expect(a).not.toBe(b);
  });

  it('a cut link carries nothing until it is restored', () => {
    cutLink('customer');
    expect(probeMappings('customer', ++port)).toEqual({});
    restoreLink('customer');
    expect(Object.keys(probeMappings('customer', ++port))).toHaveLength(2);
  });
});
