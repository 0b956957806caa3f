import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { applyFieldErrors, controlError, mapApiErrors, touchedControlError } from './api-form-errors';

const badRequest = (details: { field: string; messages: string[] }[]) =>
  new HttpErrorResponse({
    status: 400,
    error: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details },
  });

describe('mapping API errors onto forms', () => {
  it('puts each message on the field it names', () => {
    const mapped = mapApiErrors(
      badRequest([
        { field: 'price', messages: ['price must be a positive integer'] },
        { field: 'name', messages: ['name must be shorter than or equal to 200 characters'] },
      ]),
      ['name', 'price'],
    );
    expect(mapped).toEqual({
      fields: {
        price: 'price must be a positive integer',
        name: 'name must be shorter than or equal to 200 characters',
      },
      form: null,
    });
  });

  it('attaches nested fields to their control and keeps unknown ones for the form', () => {
    const mapped = mapApiErrors(
      badRequest([
        { field: 'images.1', messages: ['each value in images must be a URL address'] },
        { field: 'shopId', messages: ['not your shop'] },
      ]),
      ['images'],
    );
    expect(mapped.fields).toEqual({ images: 'each value in images must be a URL address' });
    expect(mapped.form).toBe('not your shop');
  });

  it('uses the API message when there are no field details', () => {
    const conflict = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'This email is already registered.' },
    });
    expect(mapApiErrors(conflict, ['email'])).toEqual({
      fields: {},
      form: 'This email is already registered.',
    });
    expect(mapApiErrors(new HttpErrorResponse({ status: 0 }), []).form).toMatch(/could not reach/i);
  });

  it('shows server messages on the controls before client-side ones', () => {
    const form = new FormGroup({ price: new FormControl(''), name: new FormControl('') });
    applyFieldErrors(form, { price: 'price must be a positive integer', missing: 'ignored' });
    expect(form.controls.price.touched).toBe(true);
    expect(controlError(form.controls.price, 'Price')).toBe('price must be a positive integer');
    expect(controlError(form.controls.name, 'Name')).toBeNull();
    form.controls.price.setValue('3');
    expect(controlError(form.controls.price, 'Price')).toBeNull();
  });

  it('keeps a message back until the user has been in the control', () => {
    const name = new FormControl('', Validators.required);
    expect(touchedControlError(name, 'Name')).toBeNull();
    name.markAsTouched();
    expect(touchedControlError(name, 'Name')).toBe('Name is required.');
  });
});
