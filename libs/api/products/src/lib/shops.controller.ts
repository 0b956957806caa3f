import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, OptionalJwtAuthGuard, type AuthUser } from '@callshop/api/auth';
import { ShopResponseDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('shops')
@Controller('shops')
@UseGuards(OptionalJwtAuthGuard)
@ApiBearerAuth()
export class ShopsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ summary: 'Every shop; phone numbers only for authenticated users' })
  @ApiOkResponse({ type: [ShopResponseDto] })
  list(@CurrentUser() user?: AuthUser) {
    return this.products.listShops(!!user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A shop; its phone number only for authenticated users' })
  @ApiOkResponse({ type: ShopResponseDto })
  @ApiErrors(400, 401, 404)
  get(@Param('id', uuidParam('id')) id: string, @CurrentUser() user?: AuthUser) {
    return this.products.getShop(id, !!user);
  }
}
