import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * zxcvbn's score a new password needs (0-4): 3 means "safely unguessable", at least 10^8
 * guesses, which the argon2 hash and the login rate limit put far out of reach.
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: loading the dictionaries takes about a second. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return estimator;
}

/** Lower case letters and digits only, to compare a password with a name or an email. */
const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why `password` may not be a new password, or null when it may: one that is mostly the
 * person's own name or email (`personal`) or their current password, a common (leaked-list)
 * password, or one a guesser finds in fewer than 10^8 tries. The message names the problem and
 * what to add.
 */
export function passwordProblem(
  password: string,
  personal: readonly string[] = [],
  current?: string,
): string | null {
  const plain = bare(password);
  const covers = (text: string) =>
    text.length >= 4 && text.length * 2 >= plain.length && plain.includes(text);
  if (personal.flatMap((p) => [p, ...p.split('@')]).some((p) => covers(bare(p)))) {
    return 'This password is too easy to guess: it contains your name or email. Add a few uncommon words';
  }
  if (current && covers(bare(current))) {
    return 'This password is too close to the current one: choose a new one';
  }
  const result = zxcvbn().check(password.slice(0, 128), [...personal]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const common = result.sequence.some(
    (m) =>
      m.pattern === 'dictionary' &&
      m.dictionaryName === 'passwords-common' &&
      m.token.length * 2 >= password.length,
  );
  if (common) {
    return 'This password is too common: it is on lists of leaked passwords. Add a few uncommon words';
  }
  const warning = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
  return `This password is too weak${warning}: add another word or two, or more characters that are less common`;
}

/**
 * For a NEW password (sign-up, staff accounts, a change): refuses what {@link passwordProblem}
 * refuses, checking it against the `email`, `name` and `shopName` of the same body. Existing
 * passwords (logins, the demo accounts) are never checked.
 */
export function StrongPassword(): PropertyDecorator {
  return (target, propertyName) => {
    // validate() and defaultMessage() ask in turn about the same value: estimate it once.
    let last: { key: string; problem: string | null } | null = null;
    const problem = (args: ValidationArguments) => {
      if (typeof args.value !== 'string') return null;
      const body = args.object as Record<string, unknown>;
      const personal = ['email', 'name', 'shopName']
        .map((k) => body[k])
        .filter((v): v is string => typeof v === 'string');
      const current = typeof body['currentPassword'] === 'string' ? body['currentPassword'] : undefined;
      const key = JSON.stringify([args.value, personal, current]);
      if (last?.key !== key) last = { key, problem: passwordProblem(args.value, personal, current) };
      return last.problem;
    };
    registerDecorator({
      name: 'strongPassword',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problem(args) === null,
        defaultMessage: (args?: ValidationArguments) =>
          (args && problem(args)) ?? 'This password is too weak',
      },
    });
  };
}
