import { Controller, Get, Query } from '@nestjs/common';
import type { ShopPresence } from '@callshop/contracts';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@callshop/api/core';
import { OpeningHoursService } from '../hours/opening-hours.service';
import { PresenceService } from '../presence/presence.service';
import { ShopPresenceQueryDto } from './dto/shop-presence-query.dto';
import { ShopPresenceResponseDto } from './dto/responses.dto';

/**
 * Shops' online status for anyone, signed in or not: what catalog cards and a logged-out
 * visitor's shop page show. Pages poll it (the socket's live `presence:shop` pushes need a
 * session, and the catalog does not load the call layer).
 */
@ApiTags('presence')
@Controller('presence')
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly hours: OpeningHoursService,
  ) {}

  @Get('shops')
  @ApiOperation({
    summary: 'Whether shops are online and taking calls now (public)',
    description:
      'One answer per distinct id, in the order given; an unknown id reads offline. `hours`: where the shop stands ' +
      'in its opening hours now (null when it set none: always open). Not cached: pages poll it ' +
      '(the storefront every 20 s while the page is visible).',
  })
  @ApiOkResponse({ type: ShopPresenceResponseDto, isArray: true })
  @ApiErrors(400)
  async shops(@Query() query: ShopPresenceQueryDto): Promise<ShopPresence[]> {
    const [presence, hours] = await Promise.all([
      this.presence.shopsPresence(query.ids),
      this.hours.states(query.ids),
    ]);
    return presence.map((p) => ({ ...p, hours: hours.get(p.shopId) ?? null }));
  }
}
