import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, RolesGuard, type AuthUser } from '@callshop/api/auth';
import {
  JoinWaitingLineDto,
  WaitingLineEntryResponseDto,
  WaitingLineViewResponseDto,
} from './waiting-line.dto';
import { WaitingLine } from './waiting-line.service';

/** A shop's waiting line: customers join and leave it, the shop's staff watch it. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('shops/:shopId/waiting-line')
@UseGuards(JwtAuthGuard, RolesGuard)
export class WaitingLineController {
  constructor(private readonly line: WaitingLine) {}

  @Get()
  @ApiOperation({
    summary: "The shop's waiting line",
    description:
      "The shop's staff get every waiting customer, head first; a customer gets the length and their own entry " +
      '(`mine`: their place and estimated wait). Staff of other shops are refused.',
  })
  @ApiOkResponse({ type: WaitingLineViewResponseDto })
  @ApiErrors(400, 401, 403, 404)
  view(@CurrentUser() user: AuthUser, @Param('shopId', uuidParam('shopId')) shopId: string) {
    return this.line.view(user, shopId);
  }

  @Post()
  @ApiOperation({
    summary: 'Wait in line for the next free staff member (customers)',
    description:
      'For when every staff member taking calls is in a call (the call was `busy`). When one frees up, the ' +
      'customer at the head of the line gets a call started on their behalf, bound to `deviceId` (or another ' +
      'connected tab), which rings as their own call would (`line:dispatched`, then the usual `call:*` events). ' +
      'One line at a time per customer; joining the same line again keeps the place and moves the device. ' +
      "`409` while in a live call, waiting in another shop's line, or when nobody at the shop takes calls.",
  })
  @ApiCreatedResponse({ type: WaitingLineEntryResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  join(
    @CurrentUser() user: AuthUser,
    @Param('shopId', uuidParam('shopId')) shopId: string,
    @Body() body: JoinWaitingLineDto,
  ) {
    return this.line.join(user, shopId, { ...body, type: body.type ?? 'video' });
  }

  @Delete('me')
  @HttpCode(200)
  @ApiOperation({ summary: "Leave the shop's line (customers); the customers behind move up" })
  @ApiOkResponse({ type: WaitingLineEntryResponseDto })
  @ApiErrors(400, 401, 403, 404)
  leave(@CurrentUser() user: AuthUser, @Param('shopId', uuidParam('shopId')) shopId: string) {
    return this.line.leave(user, shopId);
  }
}
