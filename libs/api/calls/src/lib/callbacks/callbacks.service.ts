import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import type { CallbackRequestDto, Page } from '@callshop/contracts';
import { Shop, User, type AuthUser } from '@callshop/api/auth';
import { ProductsService, toProductSummary, toShopSummary } from '@callshop/api/products';
import { CustomerGate } from '../limits/customer-gate';
import { CallbackRequestedEvent, CallbackUpdatedEvent, CallEndedEvent } from '../model/call-events';
import { productSnapshot } from '../model/call.mapper';
import { CallbackRequest } from './callback-request.entity';
import { DEFAULT_PAGE_SIZE, type CallbackQueryDto } from '../http/dto/call-history-query.dto';
import type { CreateCallbackDto, UpdateCallbackDto } from '../http/dto/callback.dto';

/** As the shop's staff see it (with the customer's phone number), or as the customer sees it. */
export function toCallbackDto(r: CallbackRequest, forShop: boolean): CallbackRequestDto {
  return {
    id: r.id,
    customer: { id: r.customerId, name: r.customer?.name ?? '' },
    ...(forShop ? { customerPhone: r.phoneNumber } : {}),
    shop: r.shop ? toShopSummary(r.shop) : { id: r.shopId, name: '', isPlatform: false },
    product: productSnapshot({
      id: r.productId,
      name: r.productName,
      price: r.productPrice,
      currency: r.productCurrency,
      image: r.productImage,
    }),
    note: r.note,
    preference: r.preference,
    status: r.status,
    handledBy: r.handledBy ? { id: r.handledBy.id, name: r.handledBy.name } : null,
    createdAt: r.createdAt.toISOString(),
    handledAt: r.handledAt ? r.handledAt.toISOString() : null,
    callId: r.callId ?? null,
  };
}

/**
 * Callback requests: the customer asks, the shop's staff see them live, call back from them
 * (a completed call placed from a request closes it as `called_back`) or mark them done.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger('CallbacksService');

  constructor(
    @InjectRepository(CallbackRequest) private readonly requests: Repository<CallbackRequest>,
    @InjectRepository(Shop) private readonly shops: Repository<Shop>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly products: ProductsService,
    private readonly events: EventEmitter2,
    private readonly gate: CustomerGate,
  ) {}

  async create(user: AuthUser, dto: CreateCallbackDto): Promise<CallbackRequestDto> {
    if (user.role !== 'customer') throw new ForbiddenException('Only customers ask for callbacks');
    await this.gate.callback(user.id, dto.sellerId);
    const shop = await this.shops.findOneBy({ id: dto.sellerId });
    if (!shop) throw new NotFoundException(`Shop ${dto.sellerId} not found`);
    const product = dto.productId ? await this.products.findOrFail(dto.productId) : null;
    if (product && product.shopId !== shop.id) {
      throw new BadRequestException(`Product ${product.id} is not sold by shop ${shop.id}`);
    }
    const preference = dto.preference ?? 'phone';
    const account = await this.users.findOneBy({ id: user.id });
    const phoneNumber = dto.phoneNumber ?? account?.phoneNumber ?? null;
    if (preference === 'phone' && !phoneNumber) {
      throw new BadRequestException('A phone callback needs a phoneNumber: your account has none');
    }
    const openAlready = () =>
      new ConflictException('You already have an open callback request with this shop');
    if (await this.requests.existsBy({ customerId: user.id, shopId: shop.id, status: 'open' }))
      throw openAlready();
    const summary = product ? toProductSummary(product) : null;
    let saved: CallbackRequest;
    try {
      saved = await this.requests.save(
        this.requests.create({
          customerId: user.id,
          shopId: shop.id,
          productId: summary?.id ?? null,
          productName: summary?.name ?? null,
          productPrice: summary?.price ?? null,
          productCurrency: summary?.currency ?? null,
          productImage: summary?.image ?? null,
          note: dto.note || null,
          preference,
          phoneNumber,
          status: 'open',
          handledById: null,
          handledAt: null,
        }),
      );
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw openAlready();
      }
      throw e;
    }
    const record = await this.load(saved.id);
    this.events.emit(
      CallbackRequestedEvent.NAME,
      new CallbackRequestedEvent(toCallbackDto(record, true), record.customerId, record.shopId),
    );
    return toCallbackDto(record, false);
  }

  async list(user: AuthUser, q: CallbackQueryDto): Promise<Page<CallbackRequestDto>> {
    const page = q.page ?? 1;
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const forShop = user.role === 'seller';
    if (forShop && !user.shopId) throw new ForbiddenException('Only staff of a shop see its callbacks');
    const qb = this.requests
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.customer', 'customer')
      .leftJoinAndSelect('r.shop', 'shop')
      .leftJoinAndSelect('r.handledBy', 'handledBy')
      .where(forShop ? 'r.shop_id = :owner' : 'r.customer_id = :owner', {
        owner: forShop ? user.shopId : user.id,
      });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    const [rows, total] = await qb
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { items: rows.map((r) => toCallbackDto(r, forShop)), total, page, limit };
  }

  /** The shop's staff mark a request done or cancelled; the customer may cancel their own open request. */
  async update(user: AuthUser, id: string, dto: UpdateCallbackDto): Promise<CallbackRequestDto> {
    const current = await this.requests.findOneBy({ id });
    const isStaff = !!user.shopId && current?.shopId === user.shopId;
    const isOwner = user.role === 'customer' && current?.customerId === user.id;
    if (!current || (!isStaff && !isOwner)) throw new NotFoundException(`Callback request ${id} not found`);
    if (isOwner && dto.status !== 'cancelled')
      throw new ForbiddenException('You can only cancel your own request');
    const result = await this.requests
      .createQueryBuilder()
      .update(CallbackRequest)
      .set({
        status: dto.status,
        handledById: isStaff ? user.id : null,
        handledAt: () => 'now()',
      })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    if (!result.affected) {
      const now = await this.requests.findOneBy({ id });
      throw new ConflictException(`The callback request is already ${now?.status ?? 'closed'}`);
    }
    const record = await this.load(id);
    this.events.emit(
      CallbackUpdatedEvent.NAME,
      new CallbackUpdatedEvent(toCallbackDto(record, true), record.customerId, record.shopId),
    );
    return toCallbackDto(record, isStaff);
  }

  /**
   * Staff of `shopId` call `customerId` back from request `id`: it must be that customer's
   * open request to this shop (404 for another shop's, never revealing it exists).
   */
  async assertCanCallBack(shopId: string, customerId: string, id: string): Promise<void> {
    const request = await this.requests.findOneBy({ id });
    if (!request || request.shopId !== shopId)
      throw new NotFoundException(`Callback request ${id} not found`);
    if (request.customerId !== customerId) {
      throw new BadRequestException(`Callback request ${id} is not from customer ${customerId}`);
    }
    if (request.status !== 'open') {
      throw new ConflictException(`The callback request is already ${request.status}`);
    }
  }

  /** Remembers the call placed from an open request (the latest attempt). */
  async linkCall(id: string, callId: string): Promise<void> {
    await this.requests.update({ id, status: 'open' }, { callId });
  }

  /**
   * A call placed from a callback request was completed (it connected, then ended): the
   * request closes itself as `called_back`, handled by the staff member who called. Calls that
   * were declined, missed or never connected leave it open. One conditional UPDATE, so only
   * the first completed call closes it.
   */
  @OnEvent(CallEndedEvent.NAME)
  async onCallEnded({ record }: CallEndedEvent): Promise<void> {
    const { call } = record;
    if (call.initiatedBy !== 'shop' || call.status !== 'ended' || !call.connectedAt) return;
    try {
      // An UPDATE through TypeORM's query() answers [rows, count].
      const [closed]: [{ id: string }[], number] = await this.requests.query(
        `UPDATE callback_requests SET status = 'called_back', handled_by_id = $2, handled_at = now(),
           updated_at = now()
         WHERE call_id = $1 AND status = 'open' RETURNING id`,
        [call.id, record.staffId],
      );
      for (const { id } of closed) {
        const request = await this.load(id);
        this.events.emit(
          CallbackUpdatedEvent.NAME,
          new CallbackUpdatedEvent(toCallbackDto(request, true), request.customerId, request.shopId),
        );
      }
    } catch (e) {
      this.logger.warn(`Closing the callback request of call ${call.id} failed: ${(e as Error).message}`);
    }
  }

  private async load(id: string): Promise<CallbackRequest> {
    return this.requests.findOneOrFail({
      where: { id },
      relations: { customer: true, shop: true, handledBy: true },
    });
  }
}
