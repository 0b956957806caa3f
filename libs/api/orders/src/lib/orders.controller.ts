import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import {
  CheckoutDto,
  CheckoutResponseDto,
  OrderPageDto,
  OrderQueryDto,
  OrderResponseDto,
  UpdateOrderStatusDto,
} from './dto/order.dto';
import { OrdersService } from './orders.service';

/** `/orders`: checkout, a customer's own orders and a shop's orders. */
@ApiTags('orders')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard, RolesGuard)
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary: 'Check out the cart: one order per shop',
    description:
      'Reserves the stock of every product or none: a product whose stock is short answers 409 naming it, and nothing is ordered. The cart is emptied on success.',
  })
  @ApiCreatedResponse({ type: CheckoutResponseDto })
  @ApiErrors(400, 401, 403, 409)
  checkout(@CurrentUser() user: AuthUser, @Body() dto: CheckoutDto) {
    return this.orders.checkout(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "A customer's own orders, or the seller's shop's orders (newest first)" })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: OrderQueryDto) {
    return this.orders.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order of the customer, or of the seller’s shop' })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    return this.orders.get(user, id);
  }

  @Patch(':id/status')
  @ApiOperation({
    summary: 'Move an order on: placed → confirmed → shipped → delivered, or cancelled before shipping',
    description:
      'The shop makes every change; a customer may cancel an order the shop has not confirmed. Cancelling returns the stock. 409 for a change the current status does not allow.',
  })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateOrderStatusDto,
  ) {
    return this.orders.changeStatus(user, id, dto.status);
  }
}
