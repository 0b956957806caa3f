import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  WEBHOOK_LIMITS,
  type CreatedWebhookEndpointDto,
  type Page,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
} from '@callshop/contracts';
import { integrationsConfig } from '@callshop/api/core';
import { User, type AuthUser } from '@callshop/api/auth';
import type {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryQueryDto,
} from './dto/webhook-endpoint.dto';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookPublisher } from './webhook-publisher';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookUrl, WebhookTargetError } from './webhook-target';

const toEndpointDto = (e: WebhookEndpoint): WebhookEndpointDto => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  createdAt: e.createdAt.toISOString(),
});

const toDeliveryDto = (d: WebhookDelivery): WebhookDeliveryDto => ({
  id: d.id,
  eventId: d.eventId,
  event: d.event,
  status: d.status,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  redeliveryOf: d.redeliveryOf,
  attempts: [...(d.attempts ?? [])]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((a) => ({
      at: a.createdAt.toISOString(),
      responseStatus: a.responseStatus,
      durationMs: a.durationMs,
      error: a.error,
    })),
});

/**
 * A shop owner's webhook endpoints and their delivery logs. Only the owner manages them (staff
 * get 403); everything is looked up within the owner's shop, so another shop's endpoint is a
 * 404 like one that does not exist.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @Inject(integrationsConfig.KEY) private readonly config: ConfigType<typeof integrationsConfig>,
    private readonly publisher: WebhookPublisher,
  ) {}

  async list(user: AuthUser): Promise<WebhookEndpointDto[]> {
    const shopId = await this.ownedShop(user);
    const rows = await this.endpoints.find({ where: { shopId }, order: { createdAt: 'ASC' } });
    return rows.map(toEndpointDto);
  }

  async create(user: AuthUser, dto: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointDto> {
    const shopId = await this.ownedShop(user);
    const url = await this.checkedUrl(dto.url);
    if ((await this.endpoints.countBy({ shopId })) >= WEBHOOK_LIMITS.endpointsPerShop) {
      throw new ConflictException(`A shop has at most ${WEBHOOK_LIMITS.endpointsPerShop} webhook endpoints`);
    }
    const saved = await this.endpoints.save(
      this.endpoints.create({
        shopId,
        url,
        events: dto.events,
        description: dto.description || null,
        secret: newWebhookSecret(),
        enabled: true,
      }),
    );
    return { ...toEndpointDto(saved), secret: saved.secret };
  }

  async update(user: AuthUser, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const endpoint = await this.find(user, id);
    if (dto.url !== undefined) endpoint.url = await this.checkedUrl(dto.url);
    if (dto.events !== undefined) endpoint.events = dto.events;
    if (dto.description !== undefined) endpoint.description = dto.description || null;
    if (dto.enabled !== undefined) endpoint.enabled = dto.enabled;
    return toEndpointDto(await this.endpoints.save(endpoint));
  }

  /** Deletes the endpoint and its delivery log; queued deliveries are dropped. */
  async remove(user: AuthUser, id: string): Promise<void> {
    const endpoint = await this.find(user, id);
    await this.endpoints.delete({ id: endpoint.id });
  }

  async deliveriesOf(
    user: AuthUser,
    id: string,
    q: WebhookDeliveryQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    const endpoint = await this.find(user, id);
    const page = q.page ?? 1;
    const limit = q.limit ?? 20;
    const [rows, total] = await this.deliveries.findAndCount({
      where: { endpointId: endpoint.id },
      relations: { attempts: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * limit,
      take: limit,
    });
    return { items: rows.map(toDeliveryDto), total, page, limit };
  }

  /** Sends a past delivery's event again, now, as a new delivery (same event id, new signature). */
  async redeliver(user: AuthUser, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.find(user, id);
    const original = await this.deliveries.findOneBy({ id: deliveryId, endpointId: endpoint.id });
    if (!original) throw new NotFoundException(`Delivery ${deliveryId} not found`);
    const copy = await this.publisher.redeliver(original);
    return toDeliveryDto({ ...copy, attempts: [] } as WebhookDelivery);
  }

  private async find(user: AuthUser, id: string): Promise<WebhookEndpoint> {
    const shopId = await this.ownedShop(user);
    const endpoint = await this.endpoints.findOneBy({ id, shopId });
    if (!endpoint) throw new NotFoundException(`Webhook endpoint ${id} not found`);
    return endpoint;
  }

  private async checkedUrl(raw: string): Promise<string> {
    try {
      return (await checkWebhookUrl(raw, this.config.webhooks.allowPrivateTargets)).toString();
    } catch (error) {
      if (error instanceof WebhookTargetError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  /** The shop whose owner `user` is; staff and customers are refused. */
  private async ownedShop(user: AuthUser): Promise<string> {
    if (!user.shopId) throw new ForbiddenException("Only a shop's owner manages its webhooks");
    const row = await this.users.findOneBy({ id: user.id });
    if (!row?.shopId || row.shopId !== user.shopId || row.staffRole !== 'owner') {
      throw new ForbiddenException("Only a shop's owner manages its webhooks");
    }
    return row.shopId;
  }
}
