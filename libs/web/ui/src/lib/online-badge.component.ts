import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** What a presence badge says. Pure so it can be tested without a DOM. */
export function presenceLabel(online: boolean | null, available: boolean | null): string {
  if (online === null) return 'Checking…';
  if (!online) return 'Offline';
  return available === false ? 'Online, not taking calls' : 'Online now';
}

/** A small dot and text for a shop's (or customer's) live status. */
@Component({
  selector: 'cs-online-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="cs-badge" [class]="'cs-badge cs-badge--' + tone()" data-testid="online-status" role="status">
      <span class="cs-badge__dot" aria-hidden="true"></span>{{ label() }}
    </span>
  `,
  styles: `
    .cs-badge {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.875rem;
    }
    .cs-badge__dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #9e9e9e;
    }
    .cs-badge--online .cs-badge__dot {
      background: #2e7d32;
    }
    .cs-badge--away .cs-badge__dot {
      background: #f9a825;
    }
  `,
})
export class OnlineBadgeComponent {
  /** `null` while unknown. */
  readonly online = input<boolean | null>(null);
  readonly available = input<boolean | null>(null);
  protected readonly label = computed(() => presenceLabel(this.online(), this.available()));
  protected readonly tone = computed(() =>
    !this.online() ? 'offline' : this.available() === false ? 'away' : 'online',
  );
}
