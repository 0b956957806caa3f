import type { IceServersResponse } from '@callshop/contracts';
import { createCachedIceServersLoader } from './ice-servers-cache';

const stun: IceServersResponse = {
  iceServers: [{ urls: ['stun:stun.example:3478'] }],
  ttl: null,
  relayOnly: false,
};
const turn: IceServersResponse = {
  iceServers: [{ urls: ['turn:turn.example'], username: '1:u', credential: 'x' }],
  ttl: 100,
  relayOnly: false,
};

describe('cached ICE servers', () => {
  it('fetches once, shares a request in flight and reuses the answer while fresh', async () => {
    let time = 0;
    const fetch = jest.fn().mockResolvedValue(stun);
    const loader = createCachedIceServersLoader(fetch, () => time);
    loader.warm();
    await expect(Promise.all([loader.load(), loader.load()])).resolves.toEqual([stun, stun]);
    time += 9 * 60_000;
    await expect(loader.load()).resolves.toBe(stun);
    expect(fetch).toHaveBeenCalledTimes(1);
    time += 2 * 60_000;
    await loader.load();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('renews TURN credentials before they expire', async () => {
    let time = 0;
    const fetch = jest.fn().mockResolvedValue(turn);
    const loader = createCachedIceServersLoader(fetch, () => time);
    await loader.load();
    time += 79_000;
    await loader.load();
    expect(fetch).toHaveBeenCalledTimes(1);
    time += 2_000; // past 80 % of 100 s
    await loader.load();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('falls back to the last answer, or none, when the request fails', async () => {
    let time = 0;
    const fetch = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce(stun);
    const loader = createCachedIceServersLoader(fetch, () => time);
    await expect(loader.load()).resolves.toEqual({ iceServers: [], ttl: null, relayOnly: false });
    await expect(loader.load()).resolves.toBe(stun);
    time += 11 * 60_000;
    fetch.mockRejectedValueOnce(new Error('down again'));
    await expect(loader.load()).resolves.toBe(stun);
  });
});
