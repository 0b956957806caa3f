import { HttpErrorResponse } from '@angular/common/http';
import { describeError, errorStatus } from './api-error';

describe('describeError', () => {
  it('uses the API message and field details', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid',
        details: [{ field: 'email', messages: ['email must be an email'] }],
      },
    });
    expect(describeError(err)).toBe('email must be an email');
    expect(
      describeError(
        new HttpErrorResponse({
          status: 403,
          error: { statusCode: 403, error: 'Forbidden', message: 'Not your shop' },
        }),
      ),
    ).toBe('Not your shop');
  });

  it('explains a network failure', () => {
    expect(describeError(new HttpErrorResponse({ status: 0 }))).toContain('could not reach');
  });

  it('unwraps errors wrapped by Angular resources', () => {
    const wrapped = new Error('wrapped', { cause: new HttpErrorResponse({ status: 404 }) });
    expect(errorStatus(wrapped)).toBe(404);
    expect(describeError(wrapped)).toBe('We could not find that.');
  });
});
