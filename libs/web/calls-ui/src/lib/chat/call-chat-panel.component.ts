import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CALL_CHAT_LIMITS, type ProductDto } from '@callshop/contracts';
import { AuthSession, ProductsApi } from '@callshop/web/core';
import { Router } from '@angular/router';
import { PricePipe } from '@callshop/web/ui';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, switchMap } from 'rxjs';
import { CallManager } from '../call-manager.service';
import { CallChatStore } from './call-chat.store';
import { CallMessagesComponent } from './call-messages.component';

/** How many of the shop's products the search shows. */
const SEARCH_RESULTS = 6;

/**
 * The chat beside the call: the conversation, a box to write in (Enter sends, Shift+Enter a new
 * line), this device's messages on their way or refused (with Retry), and for the shop's staff
 * member a search of the shop's products as they type, each with "Send" to put it into the call
 * as a card.
 */
@Component({
  selector: 'cs-call-chat-panel',
  imports: [CallMessagesComponent, MatButton, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-chat-panel.component.html',
  styleUrl: './call-chat-panel.component.css',
})
export class CallChatPanelComponent {
  protected readonly chat = inject(CallChatStore);
  private readonly manager = inject(CallManager);
  private readonly router = inject(Router);
  private readonly products = inject(ProductsApi);
  private readonly session = inject(AuthSession);
  protected readonly textMax = CALL_CHAT_LIMITS.textMax;
  protected readonly draft = signal('');
  protected readonly isShop = computed(() => this.chat.viewer() === 'shop');

  protected readonly search = signal('');
  protected readonly results = signal<ProductDto[]>([]);
  protected readonly searching = signal(false);
  protected readonly sentProduct = signal<string | null>(null);
  private readonly queries = new Subject<string>();
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  constructor() {
    const sub = this.queries
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((search) => {
          const shopId = this.session.user()?.shopId;
          if (!shopId) return of([] as ProductDto[]);
          this.searching.set(true);
          return this.products
            .list({ shopId, search: search.trim() || undefined, limit: SEARCH_RESULTS })
            .pipe(
              switchMap((page) => of(page.items)),
              catchError(() => of([] as ProductDto[])),
            );
        }),
      )
      .subscribe((items) => {
        this.searching.set(false);
        this.results.set(items);
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    if (this.isShop()) this.queries.next('');
    // Keep the newest message in view.
    afterRenderEffect(() => {
      this.chat.messages();
      this.chat.pending();
      const el = this.scroller()?.nativeElement;
      if (el) el.scrollTop = el.scrollHeight;
    });
  }

  protected onSearch(value: string): void {
    this.search.set(value);
    this.queries.next(value);
  }

  protected async sendProduct(product: ProductDto): Promise<void> {
    this.sentProduct.set(null);
    if (await this.chat.sendProduct(product.id)) this.sentProduct.set(`${product.name} sent`);
  }

  protected send(event?: Event): void {
    event?.preventDefault();
    const text = this.draft().trim();
    if (!text) return;
    this.draft.set('');
    void this.chat.send(text);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) this.send(event);
  }

  /** A product card's page, opened in this app: the call goes on in the mini view meanwhile. */
  protected openProduct(path: string): void {
    this.manager.minimizeCall();
    void this.router.navigateByUrl(path);
  }
}
