import { performance } from 'node:perf_hooks';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('accepts the right password only', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'wrong')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });

  it('does the same work for an account that does not exist, and refuses it', async () => {
    const hash = await hasher.hash('correct horse battery');
    await hasher.verify(null, 'warm-up');
    const time = async (run: () => Promise<boolean>) => {
      const start = performance.now();
      expect(await run()).toBe(false);
      return performance.now() - start;
    };
    const wrong = [];
    const missing = [];
    for (let i = 0; i < 2; i++) {
      wrong.push(await time(() => hasher.verify(hash, 'guess')));
      missing.push(await time(() => hasher.verify(null, 'guess')));
    }
    // A missing account costs a full hash check too (not a fast "no such user").
    expect(Math.min(...missing)).toBeGreaterThan(Math.min(...wrong) * 0.5);
    // argon2 is slow on purpose, and slower still on busy cores.
  }, 30_000);
});
