import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * Browser notifications for incoming calls when the tab is in the background. Permission must
 * be asked from a click ({@link requestPermission}); without it nothing is shown.
 */
@Injectable({ providedIn: 'root' })
export class CallNotifier {
  private readonly document = inject(DOCUMENT);
  private current: Notification | null = null;

  get supported(): boolean {
    return typeof Notification !== 'undefined';
  }

  get permission(): NotificationPermission | 'unsupported' {
    return this.supported ? Notification.permission : 'unsupported';
  }

  async requestPermission(): Promise<NotificationPermission | 'unsupported'> {
    if (!this.supported) return 'unsupported';
    if (Notification.permission !== 'default') return Notification.permission;
    return Notification.requestPermission();
  }

  /** Shows a notification if the page is hidden and notifications are allowed. */
  notify(tag: string, title: string, body: string): void {
    if (!this.supported || !this.document.hidden || Notification.permission !== 'granted') return;
    this.close();
    const notification = new Notification(title, { body, tag, requireInteraction: true });
    notification.onclick = () => {
      this.document.defaultView?.focus();
      notification.close();
    };
    this.current = notification;
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }
}
