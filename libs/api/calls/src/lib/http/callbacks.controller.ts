import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiRateLimited, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { CallbacksService } from '../callbacks/callbacks.service';
import { CallbackQueryDto } from './dto/call-history-query.dto';
import { CreateCallbackDto, UpdateCallbackDto } from './dto/callback.dto';
import { CallbackPageDto, CallbackResponseDto } from './dto/responses.dto';

@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('callbacks')
@UseGuards(JwtAuthGuard, RolesGuard)
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary: 'Ask a shop to call back (phone or video), optionally about one of its products',
    description: 'A customer the shop blocked gets `403` "This shop is not taking your calls".',
  })
  @ApiCreatedResponse({ type: CallbackResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiRateLimited(
    'A customer started more than CUSTOMER_CALLS_PER_MINUTE calls and callback requests in a minute',
  )
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallbackDto) {
    return this.callbacks.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "A customer's own requests, or a seller's shop's requests, newest first" })
  @ApiOkResponse({ type: CallbackPageDto })
  @ApiErrors(400, 401)
  list(@CurrentUser() user: AuthUser, @Query() query: CallbackQueryDto) {
    return this.callbacks.list(user, query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Close a request: the shop's staff mark it done or cancelled; the customer may cancel their own",
  })
  @ApiOkResponse({ type: CallbackResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateCallbackDto,
  ) {
    return this.callbacks.update(user, id, dto);
  }
}
