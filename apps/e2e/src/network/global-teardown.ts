import { destroyLab, stopProcess } from './lab';

export default async function globalTeardown(): Promise<void> {
  if (process.env['NETLAB_KEEP'] === '1') {
    // For a look around after a run: `ip netns`, `ip netns exec csnet-home1-router iptables -S`,
    // tmp/network-lab/turn/turnserver.log. The next run removes it all.
    console.log('NETLAB_KEEP=1: the lab and coturn are left running.');
    return;
  }
  await stopProcess(globalThis.__NETLAB_TURN__, 5_000);
  // Anything still running in the lab (an API that did not stop, a browser) goes with it.
  destroyLab();
}
