import { Body, Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { OpeningHoursService } from '../hours/opening-hours.service';
import { OpeningHoursResponseDto, SetOpeningHoursDto } from './dto/opening-hours.dto';

/** A shop's opening hours: anyone reads them, the shop's staff set or remove them. */
@ApiTags('opening-hours')
@Controller('shops/:shopId/opening-hours')
export class OpeningHoursController {
  constructor(private readonly hours: OpeningHoursService) {}

  @Get()
  @ApiOperation({
    summary: "A shop's opening hours and whether it is open now (public)",
    description: 'An empty answer (no body) when the shop set none: it is always open.',
  })
  @ApiOkResponse({ type: OpeningHoursResponseDto })
  @ApiErrors(400)
  get(@Param('shopId', uuidParam('shopId')) shopId: string) {
    return this.hours.get(shopId);
  }

  @Put()
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Set the shop's weekly hours (wall-clock times in its time zone) and closure dates",
    description:
      "Only the shop's staff. Outside these hours a customer's call does not ring: `409`, ask for a callback.",
  })
  @ApiOkResponse({ type: OpeningHoursResponseDto })
  @ApiErrors(400, 401, 403)
  set(
    @CurrentUser() user: AuthUser,
    @Param('shopId', uuidParam('shopId')) shopId: string,
    @Body() dto: SetOpeningHoursDto,
  ) {
    return this.hours.set(user, shopId, dto);
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove the opening hours: the shop is always open again' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 401, 403)
  async clear(@CurrentUser() user: AuthUser, @Param('shopId', uuidParam('shopId')) shopId: string) {
    await this.hours.clear(user, shopId);
  }
}
