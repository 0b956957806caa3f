import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import {
  ORDER_ASSIST_WINDOW_HOURS,
  type CheckoutResponse,
  type OrderDto,
  type OrderPage,
  type OrderStatus,
  stockMessage,
} from '@callshop/contracts';
import { PAGE_LIMITS } from '@callshop/api/core';
import type { AuthUser } from '@callshop/api/auth';
import { Call } from '@callshop/api/calls';
import type { CheckoutDto, OrderQueryDto } from './dto/order.dto';
import { OrderItem } from './order-item.entity';
import { toOrderDto } from './order.mapper';
import { assertOrderTransition } from './order-state';
import { Order } from './order.entity';
import { PaymentsService } from './payments/payments.service';

/** Published after a checkout commits, once per order. */
export class OrderPlacedEvent {
  static readonly NAME = 'order.placed';
  constructor(readonly order: OrderDto) {}
}

/** Published after an order's status change commits. */
export class OrderStatusChangedEvent {
  static readonly NAME = 'order.status-changed';
  constructor(
    readonly order: OrderDto,
    readonly from: OrderStatus,
  ) {}
}

const noLongerSold = (name: string) => `"${name}" is no longer sold: remove it from your cart`;

interface CartRow {
  product_id: string;
  quantity: number;
  name: string;
  price: number;
  currency: string;
  images: string[];
  shop_id: string;
  deleted_at: Date | null;
}

/**
 * Checkout and the orders that come out of it. Stock is reserved with one conditional UPDATE per
 * product (`stock >= quantity`) inside the checkout's transaction, so when two customers buy the
 * last unit PostgreSQL's row lock lets exactly one through; the other gets a 409 naming the
 * product and nothing of their checkout is kept.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly payments: PaymentsService,
    private readonly events: EventEmitter2,
  ) {}

  async checkout(user: AuthUser, dto: CheckoutDto): Promise<CheckoutResponse> {
    const provider = this.payments.provider(dto.paymentMethod);
    const ids = await this.dataSource.transaction(async (em) => {
      // Locks the cart: a second checkout of the same cart (another tab) waits, then finds it empty.
      const rows: CartRow[] = await em.query(
        `SELECT ci.product_id, ci.quantity, p.name, p.price, p.currency, p.images, p.shop_id, p.deleted_at
           FROM cart_items ci JOIN products p ON p.id = ci.product_id
          WHERE ci.customer_id = $1
          ORDER BY ci.product_id
          FOR UPDATE OF ci`,
        [user.id],
      );
      if (!rows.length) throw new BadRequestException('Your cart is empty');
      const gone = rows.find((r) => r.deleted_at);
      if (gone) throw new ConflictException(noLongerSold(gone.name));
      for (const row of rows) await this.reserve(em, row); // in product id order: no deadlocks

      const groups = new Map<string, CartRow[]>();
      for (const row of rows) {
        const key = `${row.shop_id}:${row.currency}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      const created: string[] = [];
      for (const lines of groups.values()) {
        const order = em.create(Order, {
          customerId: user.id,
          shopId: lines[0].shop_id,
          status: 'placed',
          currency: lines[0].currency,
          total: lines.reduce((sum, l) => sum + l.price * l.quantity, 0),
          shippingAddress: {
            ...dto.shippingAddress,
            line2: dto.shippingAddress.line2 || null,
            phone: dto.shippingAddress.phone || null,
          },
          paymentMethod: dto.paymentMethod,
          paymentStatus: 'due',
          assistedByCallId: await this.assistingCall(em, user.id, lines[0].shop_id),
          items: lines.map((l) =>
            em.create(OrderItem, {
              productId: l.product_id,
              name: l.name,
              price: l.price,
              currency: l.currency,
              image: l.images?.[0] ?? null,
              quantity: l.quantity,
            }),
          ),
        });
        const saved = await em.save(order);
        saved.paymentStatus = await provider.start({
          orderId: saved.id,
          customerId: user.id,
          shopId: saved.shopId,
          amount: saved.total,
          currency: saved.currency,
        });
        await em.update(Order, { id: saved.id }, { paymentStatus: saved.paymentStatus });
        created.push(saved.id);
      }
      await em.query(`DELETE FROM cart_items WHERE customer_id = $1`, [user.id]);
      return created;
    });
    const orders = await this.load(ids);
    for (const order of orders) this.events.emit(OrderPlacedEvent.NAME, new OrderPlacedEvent(order));
    return { orders };
  }

  /** The customer's own orders, or the seller's shop's orders; newest first. */
  async list(user: AuthUser, query: OrderQueryDto): Promise<OrderPage> {
    const page = query.page ?? 1;
    const limit = query.limit ?? PAGE_LIMITS.defaultPageSize;
    const qb = this.orders.createQueryBuilder('o');
    this.scope(qb, user);
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    const [rows, total] = await qb
      .select(['o.id'])
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { items: await this.load(rows.map((r) => r.id)), total, page, limit };
  }

  async get(user: AuthUser, id: string): Promise<OrderDto> {
    return toOrderDto(await this.findVisible(user, id));
  }

  /**
   * Moves an order to `status` if `ORDER_TRANSITIONS` allows it from where it is: one conditional
   * UPDATE decides a race between two staff members (the loser gets a 409). Cancelling returns
   * the units to stock in the same transaction.
   */
  async changeStatus(user: AuthUser, id: string, status: OrderStatus): Promise<OrderDto> {
    const order = await this.findVisible(user, id);
    const from = order.status;
    if (from === status) throw new ConflictException(`The order is already ${status}`);
    assertOrderTransition(from, status, user.role);
    const provider = this.payments.provider(order.paymentMethod);
    const paymentStatus =
      (await provider.onOrderStatus(
        {
          orderId: order.id,
          customerId: order.customerId,
          shopId: order.shopId,
          amount: order.total,
          currency: order.currency,
        },
        status,
        order.paymentStatus,
      )) ?? order.paymentStatus;
    await this.dataSource.transaction(async (em) => {
      const res: [unknown[], number] = await em.query(
        `UPDATE orders SET status = $3, payment_status = $4, updated_at = now()
          WHERE id = $1 AND status = $2 RETURNING id`,
        [id, from, status, paymentStatus],
      );
      if (res[1] !== 1) {
        const now = await em.findOneBy(Order, { id });
        throw new ConflictException(`The order changed meanwhile: it is ${now?.status ?? 'gone'}`);
      }
      if (status === 'cancelled')
        await em.query(
          `UPDATE products p SET stock = p.stock + oi.quantity, updated_at = now()
             FROM order_items oi WHERE oi.order_id = $1 AND p.id = oi.product_id`,
          [id],
        );
    });
    const [changed] = await this.load([id]);
    this.events.emit(OrderStatusChangedEvent.NAME, new OrderStatusChangedEvent(changed, from));
    return changed;
  }

  /**
   * The call an order placed now is assisted by: the most recent call between the customer and
   * the shop that connected (media flowed both ways) and is still going or ended within
   * `ORDER_ASSIST_WINDOW_HOURS`. A call that was answered but never connected does not count.
   */
  private async assistingCall(em: EntityManager, customerId: string, shopId: string): Promise<string | null> {
    const call = await em
      .getRepository(Call)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.customer_id = :customerId AND c.shop_id = :shopId', { customerId, shopId })
      .andWhere('c.connected_at IS NOT NULL AND c.connected_at <= now()')
      .andWhere(`coalesce(c.ended_at, now()) >= now() - make_interval(hours => :hours)`, {
        hours: ORDER_ASSIST_WINDOW_HOURS,
      })
      .orderBy('c.connected_at', 'DESC')
      .getOne();
    return call?.id ?? null;
  }

  /** Takes the units from stock, or refuses the whole checkout naming the product. */
  private async reserve(em: EntityManager, row: CartRow): Promise<void> {
    const res: [unknown[], number] = await em.query(
      `UPDATE products SET stock = stock - $2, updated_at = now()
        WHERE id = $1 AND deleted_at IS NULL AND stock >= $2 RETURNING id`,
      [row.product_id, row.quantity],
    );
    if (res[1] === 1) return;
    const [now] = await em.query(`SELECT stock, deleted_at FROM products WHERE id = $1`, [row.product_id]);
    if (!now || now.deleted_at) throw new ConflictException(noLongerSold(row.name));
    throw new ConflictException(stockMessage(row.name, now.stock));
  }

  private scope(qb: ReturnType<Repository<Order>['createQueryBuilder']>, user: AuthUser): void {
    if (user.role === 'seller') {
      if (!user.shopId) throw new ForbiddenException('Only shop staff see orders');
      qb.where('o.shop_id = :shopId', { shopId: user.shopId });
    } else qb.where('o.customer_id = :customerId', { customerId: user.id });
  }

  /** The order if it is the user's own (customer) or their shop's (seller); 404 otherwise. */
  private async findVisible(user: AuthUser, id: string): Promise<Order> {
    const qb = this.orders.createQueryBuilder('o');
    this.scope(qb, user);
    const found = await qb.andWhere('o.id = :id', { id }).getOne();
    if (!found) throw new NotFoundException(`Order ${id} not found`);
    const [order] = await this.loadEntities([id]);
    return order;
  }

  private async loadEntities(ids: string[]): Promise<Order[]> {
    if (!ids.length) return [];
    const rows = await this.orders
      .createQueryBuilder('o')
      .innerJoinAndSelect('o.shop', 's')
      .innerJoinAndSelect('o.customer', 'c')
      .leftJoinAndSelect('o.items', 'i')
      .leftJoin('o.assistedByCall', 'ac')
      .addSelect(['ac.id', 'ac.connectedAt'])
      .where('o.id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((o): o is Order => !!o);
  }

  private async load(ids: string[]): Promise<OrderDto[]> {
    return (await this.loadEntities(ids)).map(toOrderDto);
  }
}
