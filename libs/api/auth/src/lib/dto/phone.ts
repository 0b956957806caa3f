/** A dialable phone number: digits with optional leading +, spaces, dashes and parentheses. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,30}$/;
export const PHONE_MESSAGE = 'phoneNumber must be a phone number such as +1 555 010 2030';
