import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, type AuthUser } from '@callshop/api/auth';
import { CallChat } from '../chat/call-chat.service';
import { CallMessageResponseDto } from './dto/call-message.dto';

/** A call's conversation (chat and product cards) for its history; sending is over the socket. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
@UseGuards(JwtAuthGuard)
export class CallMessagesController {
  constructor(private readonly chat: CallChat) {}

  @Get(':id/messages')
  @ApiOperation({
    summary:
      "A call's chat messages and product cards, oldest first; for its parties only (the customer, the shop's staff), 404 for everyone else",
  })
  @ApiOkResponse({ type: [CallMessageResponseDto] })
  @ApiErrors(400, 401, 404)
  messages(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.chat.list(user, id);
  }
}
