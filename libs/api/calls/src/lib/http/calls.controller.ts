import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { CallHistory } from '../history/call-history.service';
import { CallLifecycle } from '../lifecycle/call-lifecycle.service';
import { IceServersService } from '../ice/ice-servers.service';
import { CallRatings } from '../rating/call-ratings.service';
import { CallHistoryQueryDto } from './dto/call-history-query.dto';
import {
  ActiveCallDto,
  CallHistoryPageDto,
  CallResponseDto,
  CallSummaryResponseDto,
  IceServersResponseDto,
  ShopContactResponseDto,
} from './dto/responses.dto';

/** Call history and the REST forms of the call actions (the same service methods as the socket events). */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
@UseGuards(JwtAuthGuard, RolesGuard)
export class CallsController {
  constructor(
    private readonly calls: CallLifecycle,
    private readonly callHistory: CallHistory,
    private readonly ice: IceServersService,
    private readonly ratings: CallRatings,
  ) {}

  @Get()
  @ApiOperation({ summary: "The user's calls, newest first (a seller sees every call of their shop)" })
  @ApiOkResponse({ type: CallHistoryPageDto })
  @ApiErrors(400, 401)
  async history(@CurrentUser() user: AuthUser, @Query() query: CallHistoryQueryDto) {
    return this.ratings.withRatings(await this.callHistory.list(user, query));
  }

  @Get('active')
  @ApiOperation({ summary: 'The live call of this user (to resume after a reload), or null' })
  @ApiOkResponse({ type: ActiveCallDto })
  @ApiErrors(401)
  async active(@CurrentUser() user: AuthUser) {
    return { call: (await this.callHistory.liveCallOf(user))?.call ?? null };
  }

  @Get('summary')
  @Roles('seller')
  @ApiOperation({
    summary: "Badges for the seller console: missed calls and open callbacks of the seller's shop",
  })
  @ApiOkResponse({ type: CallSummaryResponseDto })
  @ApiErrors(401, 403)
  summary(@CurrentUser() user: AuthUser) {
    return this.callHistory.summary(user);
  }

  @Get('ice-servers')
  @ApiOperation({
    summary: 'STUN/TURN servers for WebRTC, with short-lived TURN credentials when configured',
  })
  @ApiOkResponse({ type: IceServersResponseDto })
  @ApiErrors(401)
  iceServers(@CurrentUser() user: AuthUser) {
    return this.ice.forUser(user.id);
  }

  @Get('contacts')
  @Roles('seller')
  @ApiOperation({
    summary: 'Customers who contacted the shop (whom its staff may call back), with phone numbers',
  })
  @ApiOkResponse({ type: [ShopContactResponseDto] })
  @ApiErrors(401, 403)
  contacts(@CurrentUser() user: AuthUser) {
    return this.callHistory.contacts(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One call; only its parties see it (404 for everyone else)' })
  @ApiOkResponse({ type: CallResponseDto })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.callHistory.get(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'The caller cancels a ringing call' })
  @ApiOkResponse({ type: CallResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.calls.cancel(user, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'The called side declines a ringing call' })
  @ApiOkResponse({ type: CallResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  decline(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.calls.decline(user, id);
  }

  @Post(':id/hangup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End an answered call (on a ringing call: cancel for the caller, decline for the callee)',
  })
  @ApiOkResponse({ type: CallResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  hangup(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.calls.hangup(user, id);
  }
}
