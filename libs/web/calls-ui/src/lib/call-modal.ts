import type { CallPhase } from './call-state-machine';
import type { CallOutcome } from './call-outcome';

/**
 * What a screen reader hears when the call changes phase (one polite announcement each);
 * null for phases that say nothing new. The in-call timer is not a live region, so this is the
 * only voice of ringing, connected, reconnecting and ended.
 */
export function phaseAnnouncement(
  phase: CallPhase,
  counterpart: string,
  outcome: CallOutcome | null,
): string | null {
  switch (phase) {
    case 'incoming':
      return `${counterpart} is calling`;
    case 'outgoing':
      return `Calling ${counterpart}, ringing`;
    case 'connecting':
      return `Connecting to ${counterpart}`;
    case 'in-call':
      return `Connected with ${counterpart}`;
    case 'reconnecting':
      return 'Connection lost, reconnecting';
    case 'rejoin':
      return `Your call with ${counterpart} is still on`;
    case 'ended':
      return outcome ? [outcome.title, outcome.detail].filter(Boolean).join(' ') : 'Call ended';
    default:
      return null;
  }
}

/**
 * Makes everything on the page but the call view `inert` (not focusable, not clickable, hidden
 * from assistive technology) while a call view is open, and gives focus back to where it was
 * when the call view closes. Walks up from the call view to `<body>` and marks the siblings
 * of each ancestor; overlays (Material dialogs, tooltips) live in the CDK overlay container
 * and are left alone, as are elements that were inert already.
 */
export class PageBehindCall {
  private isOpen = false;
  private hidden: Element[] = [];
  private returnFocusTo: HTMLElement | null = null;

  /** The call view `host` is open: make the rest of the page inert and remember the focus. */
  open(host: HTMLElement): void {
    if (this.isOpen) return;
    this.isOpen = true;
    const doc = host.ownerDocument;
    const active = doc.activeElement as HTMLElement | null;
    this.returnFocusTo = active && active !== doc.body && !host.contains(active) ? active : null;
    for (let node: HTMLElement | null = host; node && node !== doc.body; node = node.parentElement) {
      for (const sibling of Array.from(node.parentElement?.children ?? [])) {
        if (sibling === node || sibling.hasAttribute('inert')) continue;
        if (sibling.classList.contains('cdk-overlay-container')) continue;
        if (/^(SCRIPT|STYLE|LINK|TEMPLATE)$/.test(sibling.tagName)) continue;
        sibling.setAttribute('inert', '');
        this.hidden.push(sibling);
      }
    }
  }

  /** The call view closed: the page is usable again and focus goes back where it was. */
  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.hidden.forEach((el) => el.removeAttribute('inert'));
    this.hidden = [];
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }
}
