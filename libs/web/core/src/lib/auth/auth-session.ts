import { Injectable, computed, inject, signal } from '@angular/core';
import type { AuthResponse, UserDto } from '@callshop/contracts';
import { NOW, SESSION_STORAGE, SESSION_STORAGE_KEY } from '../tokens';
import { tokenExpiry } from './jwt';

interface StoredSession {
  token: string;
  user: UserDto;
  /** Epoch milliseconds; null when the token carries no expiry. */
  expiresAt: number | null;
}

/** Why a session ended, so the UI can say "your session expired" rather than nothing. */
export type SessionEndReason = 'logout' | 'expired' | 'unauthorized';

/**
 * The signed-in user and their access token, kept across reloads in localStorage under the
 * key the app provides ({@link SESSION_STORAGE_KEY}). Everything else (HTTP, socket, guards)
 * reads it through signals.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly key = inject(SESSION_STORAGE_KEY);
  private readonly now = inject(NOW);
  private readonly state = signal<StoredSession | null>(this.restore());
  private readonly ended = signal<SessionEndReason | null>(null);

  readonly user = computed(() => this.state()?.user ?? null);
  readonly token = computed(() => this.state()?.token ?? null);
  readonly expiresAt = computed(() => this.state()?.expiresAt ?? null);
  readonly isAuthenticated = computed(() => this.state() !== null);
  readonly role = computed(() => this.state()?.user.role ?? null);
  /** Why the last session ended; cleared by the next sign-in. */
  readonly endReason = this.ended.asReadonly();

  /** Starts a session from a login or sign-up answer. */
  start(auth: AuthResponse): void {
    const session: StoredSession = {
      token: auth.accessToken,
      user: auth.user,
      expiresAt: tokenExpiry(auth.accessToken, this.now(), auth.expiresIn),
    };
    this.ended.set(null);
    this.state.set(session);
    this.persist(session);
  }

  /** Replaces the cached user (after `GET /auth/me`). */
  updateUser(user: UserDto): void {
    const current = this.state();
    if (!current) return;
    const next = { ...current, user };
    this.state.set(next);
    this.persist(next);
  }

  /** The token if it is still valid; an expired one ends the session on the spot. */
  validToken(): string | null {
    const current = this.state();
    if (!current) return null;
    if (this.isExpired(current)) {
      this.end('expired');
      return null;
    }
    return current.token;
  }

  end(reason: SessionEndReason = 'logout'): void {
    if (!this.state()) return;
    this.ended.set(reason);
    this.state.set(null);
    this.persist(null);
  }

  private isExpired(session: StoredSession): boolean {
    return session.expiresAt !== null && session.expiresAt <= this.now();
  }

  private restore(): StoredSession | null {
    const raw = this.storage?.getItem(this.key);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as StoredSession;
      if (!parsed?.token || !parsed.user) return null;
      if (this.isExpired(parsed)) {
        this.storage?.removeItem(this.key);
        return null;
      }
      return parsed;
    } catch {
      this.storage?.removeItem(this.key);
      return null;
    }
  }

  private persist(session: StoredSession | null): void {
    if (!this.storage) return;
    if (session) this.storage.setItem(this.key, JSON.stringify(session));
    else this.storage.removeItem(this.key);
  }
}
