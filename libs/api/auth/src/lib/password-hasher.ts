import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id password hashing. */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password, checked when there is no account, so that takes as long. */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /**
   * Checks `password` against `hash`; with no hash (no such account) it checks against a
   * dummy one and answers false, so a login takes the same time whether or not the email exists.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    try {
      const ok = await argon2.verify(hash ?? (await this.dummy), password);
      return hash !== null && ok;
    } catch {
      return false;
    }
  }
}
