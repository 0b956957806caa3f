import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { CallMessageDto, CallProductCard } from '@callshop/contracts';
import { PricePipe } from '@callshop/web/ui';
import type { CallViewer } from '../call-outcome';
import { PRODUCT_URL } from '../product-url';
import { CALL_ADD_TO_CART } from './call-add-to-cart';
import { chatSegments, type ChatSegment } from './chat-text';

interface MessageView {
  message: CallMessageDto;
  mine: boolean;
  segments: ChatSegment[];
}

/**
 * A call's conversation as a list: who wrote, when, the text with its http(s) links as anchors
 * (text nodes and `<a>` elements only, never HTML from the message), and product cards with
 * image, name, price and stock. Where the app provides {@link CALL_ADD_TO_CART} (the
 * storefront), the customer's cards offer "Add to cart". Used in the call and in history.
 */
@Component({
  selector: 'cs-call-messages',
  imports: [DatePipe, MatButton, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-messages.component.html',
  styleUrl: './call-messages.component.css',
})
export class CallMessagesComponent {
  private readonly addToCart = inject(CALL_ADD_TO_CART, { optional: true });
  protected readonly productUrl = inject(PRODUCT_URL);
  readonly messages = input.required<CallMessageDto[]>();
  /**
   * Set in a live call where the product page opens in this app (the storefront): "View
   * product" emits {@link productOpened} with the page's path instead of leaving (the call
   * shrinks to the mini view and the app shows the page). Otherwise it opens in a new tab.
   */
  readonly opensHere = input(false);
  readonly productOpened = output<string>();
  /** Whose list this is: their own messages read "You". */
  readonly viewer = input.required<CallViewer>();

  protected readonly views = computed<MessageView[]>(() =>
    this.messages().map((message) => ({
      message,
      mine: message.sender === this.viewer(),
      segments: message.kind === 'text' ? chatSegments(message.text ?? '') : [],
    })),
  );
  protected readonly canAddToCart = computed(() => !!this.addToCart && this.viewer() === 'customer');
  /** Per card (message id): adding, added, or why it failed. */
  protected readonly cartState = signal<
    Record<string, { busy: boolean; done: boolean; error: string | null }>
  >({});

  protected view(event: MouseEvent, productId: string): void {
    if (!this.opensHere() || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    this.productOpened.emit(this.productUrl(productId));
  }

  protected async add(messageId: string, product: CallProductCard): Promise<void> {
    if (!this.addToCart) return;
    this.setCart(messageId, { busy: true, done: false, error: null });
    try {
      await this.addToCart(product);
      this.setCart(messageId, { busy: false, done: true, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error || 'It could not be added.');
      this.setCart(messageId, { busy: false, done: false, error: message });
    }
  }

  private setCart(id: string, state: { busy: boolean; done: boolean; error: string | null }): void {
    this.cartState.update((all) => ({ ...all, [id]: state }));
  }
}
