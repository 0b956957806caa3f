import { Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { ShopBlocks } from '../blocking/shop-blocks.service';
import { BlockedCustomerResponseDto } from './dto/blocked-customer.dto';

/** A shop's blocked customers, managed by the shop's owner and staff. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('shops/:shopId/blocked-customers')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('seller')
export class BlockedCustomersController {
  constructor(private readonly blocks: ShopBlocks) {}

  @Get()
  @ApiOperation({
    summary: "The shop's blocked customers, most recently blocked first (the shop's staff only)",
  })
  @ApiOkResponse({ type: [BlockedCustomerResponseDto] })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Param('shopId', uuidParam('shopId')) shopId: string) {
    return this.blocks.list(user, shopId);
  }

  @Put(':customerId')
  @ApiOperation({
    summary: 'Block a customer who contacted the shop',
    description:
      "The customer is named by the customer id of one of the shop's calls or callback requests. From then on " +
      'their calls and callback requests to this shop are refused (`403` "This shop is not taking your calls"): ' +
      "nothing rings and nothing is recorded. Blocking again changes nothing. The shop's owner and staff only.",
  })
  @ApiOkResponse({ type: BlockedCustomerResponseDto })
  @ApiErrors(400, 401, 403, 404)
  block(
    @CurrentUser() user: AuthUser,
    @Param('shopId', uuidParam('shopId')) shopId: string,
    @Param('customerId', uuidParam('customerId')) customerId: string,
  ) {
    return this.blocks.block(user, shopId, customerId);
  }

  @Delete(':customerId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unblock a customer: their calls and callback requests reach the shop again' })
  @ApiNoContentResponse({ description: 'Unblocked' })
  @ApiErrors(400, 401, 403, 404)
  async unblock(
    @CurrentUser() user: AuthUser,
    @Param('shopId', uuidParam('shopId')) shopId: string,
    @Param('customerId', uuidParam('customerId')) customerId: string,
  ): Promise<void> {
    await this.blocks.unblock(user, shopId, customerId);
  }
}
