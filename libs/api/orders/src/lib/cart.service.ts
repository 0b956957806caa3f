import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CART_LIMITS, stockMessage, type CartDto, type GuestCartItem } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { Product } from '@callshop/api/products';
import { CartItem } from './cart-item.entity';
import { toCartDto, toCartLine } from './order.mapper';

/**
 * The customer's cart, kept with their account. Quantities are checked against the stock when
 * they change; stock is only reserved at checkout, so a cart can hold more than is left by then
 * (the cart shows the current stock and checkout refuses).
 */
@Injectable()
export class CartService {
  constructor(
    @InjectRepository(CartItem) private readonly items: Repository<CartItem>,
    @InjectRepository(Product) private readonly products: Repository<Product>,
  ) {}

  async get(user: AuthUser): Promise<CartDto> {
    const rows = await this.items
      .createQueryBuilder('ci')
      .withDeleted() // before the join: a removed product shows as unavailable
      .innerJoinAndSelect('ci.product', 'p')
      .innerJoinAndSelect('p.shop', 's')
      .where('ci.customer_id = :customerId', { customerId: user.id })
      .orderBy('ci.created_at', 'ASC')
      .addOrderBy('ci.id', 'ASC')
      .getMany();
    return toCartDto(rows.map((r) => toCartLine(r as CartItem & { product: Product })));
  }

  /** Adds `quantity` units (1 by default) to what the cart already holds. */
  async add(user: AuthUser, productId: string, quantity = 1): Promise<CartDto> {
    const product = await this.findProduct(productId);
    const existing = await this.items.findOneBy({ customerId: user.id, productId });
    if (!existing) await this.assertRoomForLine(user);
    await this.upsert(user, product, (existing?.quantity ?? 0) + quantity);
    return this.get(user);
  }

  /** Sets the quantity of a product already in the cart. */
  async setQuantity(user: AuthUser, productId: string, quantity: number): Promise<CartDto> {
    const existing = await this.items.findOneBy({ customerId: user.id, productId });
    if (!existing) throw new NotFoundException(`Product ${productId} is not in your cart`);
    await this.upsert(user, await this.findProduct(productId), quantity);
    return this.get(user);
  }

  async remove(user: AuthUser, productId: string): Promise<CartDto> {
    const res = await this.items.delete({ customerId: user.id, productId });
    if (!res.affected) throw new NotFoundException(`Product ${productId} is not in your cart`);
    return this.get(user);
  }

  /**
   * Adds a guest cart (kept in the browser before sign-in) to the account's cart: quantities of
   * the same product add up, capped at the stock and the per-product limit; products that no
   * longer exist or are sold out are left out. Never refuses for stock, so signing in never fails.
   */
  async merge(user: AuthUser, guest: GuestCartItem[]): Promise<CartDto> {
    const wanted = new Map<string, number>();
    for (const g of guest) wanted.set(g.productId, (wanted.get(g.productId) ?? 0) + g.quantity);
    if (wanted.size) {
      const [products, existing] = await Promise.all([
        this.products.findBy({ id: In([...wanted.keys()]) }),
        this.items.findBy({ customerId: user.id }),
      ]);
      const inCart = new Map(existing.map((e) => [e.productId, e.quantity]));
      let lines = existing.length;
      for (const product of products) {
        const had = inCart.get(product.id);
        if (had === undefined && lines >= CART_LIMITS.linesMax) continue;
        const quantity = Math.min(
          (had ?? 0) + (wanted.get(product.id) ?? 0),
          product.stock,
          CART_LIMITS.quantityMax,
        );
        if (quantity < 1 || quantity === had) continue;
        if (had === undefined) lines++;
        await this.write(user, product.id, quantity);
      }
    }
    return this.get(user);
  }

  private async upsert(user: AuthUser, product: Product, quantity: number): Promise<void> {
    if (quantity > CART_LIMITS.quantityMax)
      throw new BadRequestException(`At most ${CART_LIMITS.quantityMax} of one product per order`);
    if (quantity > product.stock) throw new ConflictException(stockMessage(product.name, product.stock));
    await this.write(user, product.id, quantity);
  }

  private async write(user: AuthUser, productId: string, quantity: number): Promise<void> {
    await this.items
      .createQueryBuilder()
      .insert()
      .values({ customerId: user.id, productId, quantity })
      .orUpdate(['quantity', 'updated_at'], ['customer_id', 'product_id'])
      .execute();
  }

  private async assertRoomForLine(user: AuthUser): Promise<void> {
    if ((await this.items.countBy({ customerId: user.id })) >= CART_LIMITS.linesMax)
      throw new BadRequestException(`A cart holds at most ${CART_LIMITS.linesMax} different products`);
  }

  /** A product on sale; 404 for an unknown or removed one. */
  private async findProduct(id: string): Promise<Product> {
    const product = await this.products.findOneBy({ id });
    if (!product) throw new NotFoundException(`Product ${id} not found`);
    return product;
  }
}
