import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CallsApi } from '@callshop/web/core';
import { of, throwError } from 'rxjs';
import { renderView } from '../testing/render';
import { CallRatingComponent } from './call-rating.component';

describe('CallRatingComponent', () => {
  function setup(rate: jest.Mock) {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), { provide: CallsApi, useValue: { rate } }],
    });
  }

  it('sends the chosen stars and the comment once, then shows the rating', async () => {
    const rate = jest.fn(() => of({ stars: 4, comment: 'Helpful', createdAt: '2026-11-27T10:00:00Z' }));
    setup(rate);
    const { el, fixture, button } = await renderView(CallRatingComponent, { callId: 'call-1' });
    expect(button('Send rating').disabled).toBe(true);
    const four = el.querySelector<HTMLInputElement>('input[aria-label="4 stars"]')!;
    four.click();
    const comment = el.querySelector('textarea')!;
    comment.value = '  Helpful  ';
    comment.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    button('Send rating').click();
    await fixture.whenStable();
    expect(rate).toHaveBeenCalledWith('call-1', { stars: 4, comment: 'Helpful' });
    expect(el.querySelector('[data-testid="call-rating-done"]')?.textContent).toContain(
      'You rated this call 4 of 5',
    );
    expect(el.querySelector('form')).toBeNull();
  });

  it('says why a rating was refused and keeps the form', async () => {
    const refusal = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'You rated this call already' },
    });
    setup(jest.fn(() => throwError(() => refusal)));
    const { el, fixture, button } = await renderView(CallRatingComponent, { callId: 'call-1' });
    el.querySelector<HTMLInputElement>('input[aria-label="1 star"]')!.click();
    await fixture.whenStable();
    button('Send rating').click();
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('You rated this call already');
    expect(el.querySelector('form')).not.toBeNull();
  });

  it('shows a rating the call already has instead of the form', async () => {
    setup(jest.fn());
    const { el } = await renderView(CallRatingComponent, {
      callId: 'call-1',
      rating: { stars: 5, comment: null, createdAt: '2026-11-27T10:00:00Z' },
    });
    expect(el.textContent).toContain('You rated this call 5 of 5');
    expect(el.querySelector('form')).toBeNull();
  });
});
