import fs from 'node:fs';

type Writer = (...args: unknown[]) => unknown;

/**
 * Captures what the process writes to stdout and stderr, through `process.stdout` /
 * `process.stderr` or straight to file descriptors 1 and 2 (pino does either, depending on
 * whether something else already wrapped `process.stdout`), and keeps it out of the test
 * output. Other writes pass through.
 */
export function captureLogOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const realWrite = fs.write as unknown as Writer;
  const realWriteSync = fs.writeSync as unknown as Writer;
  const isLog = (fd: unknown) => fd === 1 || fd === 2;
  const keep = (data: unknown): number => {
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8');
    chunks.push(text);
    return Buffer.byteLength(text);
  };
  const mutable = fs as unknown as Record<'write' | 'writeSync', Writer>;
  mutable.write = (...args: unknown[]) => {
    if (!isLog(args[0])) return realWrite(...args);
    const n = keep(args[1]);
    const callback = args[args.length - 1];
    if (typeof callback === 'function') process.nextTick(() => callback(null, n));
    return undefined;
  };
  mutable.writeSync = (...args: unknown[]) => (isLog(args[0]) ? keep(args[1]) : realWriteSync(...args));
  const streams = [process.stdout, process.stderr];
  const realStreamWrites = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = ((data: unknown, ...rest: unknown[]) => {
      keep(data);
      const callback = rest[rest.length - 1];
      if (typeof callback === 'function') process.nextTick(() => callback());
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join(''),
    restore: () => {
      mutable.write = realWrite;
      mutable.writeSync = realWriteSync;
      streams.forEach((stream, i) => (stream.write = realStreamWrites[i]));
    },
  };
}
