import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import type { CallNoteDto, CustomerTimeline } from '@callshop/contracts';
import { CustomerTimelineService } from './customer-timeline.service';
import { CreateCallNoteDto } from './dto/call-note.dto';
import { CallNoteResponseDto, CustomerTimelineDto } from './dto/timeline-response.dto';

/** A customer's timeline with the shop, and the shop's private notes on calls (staff only). */
@ApiTags('customers')
@ApiBearerAuth()
@Controller()
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('seller')
export class CustomerTimelineController {
  constructor(private readonly timelines: CustomerTimelineService) {}

  @Get('customers/:id/timeline')
  @ApiOperation({
    summary: "Everything between a customer and the seller's shop, newest first",
    description:
      "Calls (with the shop's private notes and tags), callback requests and orders, at most 200 of " +
      'each. 404 for a customer who never called, was called by or asked the shop for a callback.',
  })
  @ApiOkResponse({ type: CustomerTimelineDto })
  @ApiErrors(400, 401, 403, 404)
  timeline(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<CustomerTimeline> {
    return this.timelines.timeline(user, id);
  }

  @Post('calls/:id/notes')
  @ApiOperation({
    summary: "Adds a private note with tags to one of the shop's calls",
    description: "Only the shop's staff see notes (in the customer timeline); the customer never does.",
  })
  @ApiCreatedResponse({ type: CallNoteResponseDto })
  @ApiErrors(400, 401, 403, 404)
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateCallNoteDto,
  ): Promise<CallNoteDto> {
    return this.timelines.addNote(user, id, body);
  }
}
