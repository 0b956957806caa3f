import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { assertPrivateNetworkNamespace, createLab, startTurn } from './lab';
import { prepareDatabaseTemplate, snapshotBuild } from './lab-api';

declare global {
  var __NETLAB_TURN__: ChildProcess | undefined;
}

/**
 * Builds the network lab (namespaces, NATs, coturn) once for the suite; each test file starts
 * the API it needs (`startLabApi`) and sets the NATs its scenario calls for.
 */
export default async function globalSetup(): Promise<void> {
  assertPrivateNetworkNamespace();
  createLab();
  process.env['NETLAB_DIST'] = await snapshotBuild();
  const turn = await startTurn(randomBytes(24).toString('hex'));
  globalThis.__NETLAB_TURN__ = turn.process;
  process.env['NETLAB_TURN_URLS'] = turn.urls.join(',');
  process.env['NETLAB_STUN_URLS'] = turn.stunUrls.join(',');
  process.env['NETLAB_TURN_SECRET'] = turn.secret;
  process.env['NETLAB_TURN_LOG'] = turn.logFile;
  await prepareDatabaseTemplate();
}
