import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import {
  CreatedWebhookEndpointResponseDto,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDeliveryResponseDto,
  WebhookEndpointResponseDto,
} from './dto/webhook-endpoint.dto';
import { WebhooksService } from './webhooks.service';

/** A shop owner's webhook endpoints (docs/integrations.md, "Webhooks"). Owners only: staff get 403. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('seller')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: "The shop's webhook endpoints (without their secrets)" })
  @ApiOkResponse({ type: [WebhookEndpointResponseDto] })
  @ApiErrors(401, 403)
  list(@CurrentUser() user: AuthUser) {
    return this.webhooks.list(user);
  }

  @Post()
  @ApiOperation({
    summary:
      'Register an endpoint for some events; the answer holds its signing secret, shown only this once',
    description:
      'The URL must be https and, in production, resolve to public addresses only (400 otherwise). ' +
      'At most 10 endpoints per shop (409).',
  })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointResponseDto })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookEndpointDto) {
    return this.webhooks.create(user, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an endpoint's URL, events, description, or enable / disable it" })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ) {
    return this.webhooks.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its delivery log' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    await this.webhooks.remove(user, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "An endpoint's delivery log, newest first, each with its attempts' answers and times",
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiErrors(400, 401, 403, 404)
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ) {
    return this.webhooks.deliveriesOf(user, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a past delivery again now, as a new delivery (same event id and body, new signature)',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponseDto })
  @ApiErrors(400, 401, 403, 404)
  redeliver(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
  ) {
    return this.webhooks.redeliver(user, id, deliveryId);
  }
}
