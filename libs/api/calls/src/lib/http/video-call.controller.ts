import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiRateLimited, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, OptionalJwtAuthGuard, type AuthUser } from '@callshop/api/auth';
import { callRequestFrom } from '../lifecycle/call-request';
import { CallStarter } from '../lifecycle/call-starter.service';
import { SellerInfoService } from '../presence/seller-info.service';
import { InitiateCallDto } from './dto/initiate-call.dto';
import { CallResponseDto, ProductSellerResponseDto, SellerInfoResponseDto } from './dto/responses.dto';

/** The seed's public contract, kept as it was: seller info, a product's seller, and starting a call. */
@ApiTags('video-call')
@Controller('video-call')
export class VideoCallController {
  constructor(
    private readonly starter: CallStarter,
    private readonly sellers: SellerInfoService,
  ) {}

  @Get('seller-info/:sellerId')
  @UseGuards(JwtAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The shop (seller) to call: name, phone number, online and available' })
  @ApiOkResponse({ type: SellerInfoResponseDto })
  @ApiErrors(400, 401, 404)
  sellerInfo(@Param('sellerId', uuidParam('sellerId')) sellerId: string) {
    return this.sellers.shop(sellerId, true);
  }

  @Get('product-seller/:productId')
  @UseGuards(OptionalJwtAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A product and its seller; the seller's phone number only for authenticated users",
  })
  @ApiOkResponse({ type: ProductSellerResponseDto })
  @ApiErrors(400, 401, 404)
  productSeller(
    @Param('productId', uuidParam('productId')) productId: string,
    @CurrentUser() user?: AuthUser,
  ) {
    return this.sellers.productAndShop(productId, !!user);
  }

  @Post('initiate')
  @UseGuards(JwtAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Start a call',
    description:
      'A customer names `sellerId` (the shop) and `productId` (sold by that shop); a seller names `customerId` ' +
      '(a customer who called the shop or asked for a callback) and optionally `productId`. Answers the call ' +
      'record: `ringing`; `missed` (endReason `offline`) when nobody on the other side is online and available; ' +
      '`busy` when the other side is in a call. `deviceId` binds the call to the caller socket. A customer ' +
      'the shop blocked gets `403` "This shop is not taking your calls" and nothing is recorded.',
  })
  @ApiCreatedResponse({ type: CallResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiRateLimited(
    'A customer started more than CUSTOMER_CALLS_PER_MINUTE calls and callback requests, or called this shop more than SHOP_RINGS_PER_CUSTOMER_PER_MINUTE times, in a minute',
  )
  initiate(@CurrentUser() user: AuthUser, @Body() dto: InitiateCallDto) {
    return this.starter.start(user, callRequestFrom(user, dto));
  }
}
