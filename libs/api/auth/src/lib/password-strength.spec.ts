import { passwordProblem } from './password-strength';

describe('passwordProblem (the rule for new passwords)', () => {
  it.each(['password-123', 'demo-password', 'qwerty123', '12345678', 'iloveyou1'])(
    'calls %s too common',
    (password) => {
      expect(passwordProblem(password)).toMatch(/^This password is too common/);
    },
  );

  it('calls a password built from the email or name too easy to guess', () => {
    expect(passwordProblem('ada.lovelace1815', ['ada.lovelace@example.com', 'Ada Lovelace'])).toMatch(
      /contains your name or email/,
    );
  });

  it('calls a short pattern too weak and says what to add', () => {
    expect(passwordProblem('abcdefgh1')).toMatch(/^This password is too weak.*: add another word or two/);
    expect(passwordProblem('summer2024')).toMatch(/^This password is too weak: add/);
  });

  it('accepts passphrases and long random passwords', () => {
    for (const password of ['kettle-violin-harbour-7', 'correct-horse-42', 'Tr0ub4dor&3', 'xK9#mQ2$vLp']) {
      expect([password, passwordProblem(password)]).toEqual([password, null]);
    }
  });
});
