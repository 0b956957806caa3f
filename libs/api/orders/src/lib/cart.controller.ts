import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { CartService } from './cart.service';
import { AddToCartDto, CartResponseDto, MergeCartDto, SetCartQuantityDto } from './dto/cart.dto';

/** `/cart`: the signed-in customer's cart. */
@ApiTags('cart')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('customer')
@Controller('cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @ApiOperation({ summary: 'The cart, with current prices and stock' })
  @ApiOkResponse({ type: CartResponseDto })
  @ApiErrors(401, 403)
  get(@CurrentUser() user: AuthUser) {
    return this.cart.get(user);
  }

  @Post('items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add units of a product (409 naming it when the stock is short)' })
  @ApiOkResponse({ type: CartResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  add(@CurrentUser() user: AuthUser, @Body() dto: AddToCartDto) {
    return this.cart.add(user, dto.productId, dto.quantity ?? 1);
  }

  @Put('items/:productId')
  @ApiOperation({ summary: 'Set the quantity of a product in the cart' })
  @ApiOkResponse({ type: CartResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  set(
    @CurrentUser() user: AuthUser,
    @Param('productId', uuidParam('productId')) productId: string,
    @Body() dto: SetCartQuantityDto,
  ) {
    return this.cart.setQuantity(user, productId, dto.quantity);
  }

  @Delete('items/:productId')
  @ApiOperation({ summary: 'Take a product out of the cart' })
  @ApiOkResponse({ type: CartResponseDto })
  @ApiErrors(400, 401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @Param('productId', uuidParam('productId')) productId: string) {
    return this.cart.remove(user, productId);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add the cart kept in the browser before sign-in',
    description:
      'Quantities of a product already in the cart add up, capped at the stock; products no longer sold or sold out are left out.',
  })
  @ApiOkResponse({ type: CartResponseDto })
  @ApiErrors(400, 401, 403)
  merge(@CurrentUser() user: AuthUser, @Body() dto: MergeCartDto) {
    return this.cart.merge(user, dto.items);
  }
}
