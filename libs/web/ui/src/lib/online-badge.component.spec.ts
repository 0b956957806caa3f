import { TestBed } from '@angular/core/testing';
import { OnlineBadgeComponent, presenceLabel } from './online-badge.component';

describe('OnlineBadgeComponent', () => {
  it('says what the presence means', () => {
    expect(presenceLabel(null, null)).toBe('Checking…');
    expect(presenceLabel(false, false)).toBe('Offline');
    expect(presenceLabel(true, false)).toBe('Online, not taking calls');
    expect(presenceLabel(true, true)).toBe('Online now');
  });

  it('renders the label for its inputs', async () => {
    const fixture = TestBed.createComponent(OnlineBadgeComponent);
    fixture.componentRef.setInput('online', true);
    fixture.componentRef.setInput('available', true);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement.querySelector('[data-testid="online-status"]');
    expect(el.textContent?.trim()).toBe('Online now');
    expect(el.classList).toContain('cs-badge--online');

    fixture.componentRef.setInput('online', false);
    await fixture.whenStable();
    expect(el.textContent?.trim()).toBe('Offline');
  });
});
