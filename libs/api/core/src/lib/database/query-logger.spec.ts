import { Logger } from '@nestjs/common';
import { QueryLogger } from './query-logger';

describe('QueryLogger', () => {
  it('logs a failed query with its code and statement, never its parameters', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = Object.assign(
      new Error('duplicate key value violates unique constraint "users_email_key"'),
      {
        code: '23505',
      },
    );
    new QueryLogger().logQueryError(
      error,
      'INSERT INTO "users"("email", "password_hash", "phone_number")\n  VALUES ($1, $2, $3)',
      ['ada@example.com', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', '+1 555 0100'],
    );
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0][0]);
    expect(line).toContain('(23505)');
    expect(line).toContain(
      'INSERT INTO "users"("email", "password_hash", "phone_number") VALUES ($1, $2, $3)',
    );
    for (const secret of ['ada@example.com', '$argon2id', '+1 555 0100']) expect(line).not.toContain(secret);
    warn.mockRestore();
  });

  it('leaves out the value PostgreSQL quotes in a data error', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = Object.assign(new Error('invalid input syntax for type uuid: "+1 555 0100"'), {
      code: '22P02',
    });
    new QueryLogger().logQueryError(error, 'SELECT id FROM users WHERE id = $1', ['+1 555 0100']);
    const line = String(warn.mock.calls[0][0]);
    expect(line).toContain('invalid input syntax for type uuid: "…"');
    expect(line).not.toContain('555');
    warn.mockRestore();
  });
});
