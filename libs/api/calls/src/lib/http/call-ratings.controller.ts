import { Body, Controller, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, type AuthUser } from '@callshop/api/auth';
import { CallRatings } from '../rating/call-ratings.service';
import { CallRatingResponseDto, RateCallDto } from './dto/call-rating.dto';

/** The customer's rating of a call; the shop reads it in its history (`GET /calls`, `rating`). */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
@UseGuards(JwtAuthGuard)
export class CallRatingsController {
  constructor(private readonly ratings: CallRatings) {}

  @Post(':id/rating')
  @ApiOperation({
    summary:
      'The customer rates a call that connected and ended, once: 1-5 stars and an optional comment. ' +
      '403 for the shop, 404 for anyone not a party, 409 a call that never connected, is live, or was rated',
  })
  @ApiCreatedResponse({ type: CallRatingResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  rate(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string, @Body() body: RateCallDto) {
    return this.ratings.rate(user, id, body);
  }
}
