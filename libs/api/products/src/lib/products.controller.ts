import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import {
  CreateProductDto,
  ProductPageDto,
  ProductQueryDto,
  ProductResponseDto,
  UpdateProductDto,
} from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiOperation({ summary: 'Search and page through products (newest first)' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiErrors(400)
  list(@Query() query: ProductQueryDto) {
    return this.products.list(query);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Every category in use' })
  @ApiOkResponse({ type: [String] })
  categories() {
    return this.products.categories();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A product with its shop' })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrors(400, 404)
  get(@Param('id', uuidParam('id')) id: string) {
    return this.products.get(id);
  }

  @Post()
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Add a product to the seller's own shop" })
  @ApiCreatedResponse({ type: ProductResponseDto })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProductDto) {
    return this.products.create(user, dto);
  }

  @Patch(':id')
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change a product of the seller's own shop" })
  @ApiOkResponse({ type: ProductResponseDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateProductDto,
  ) {
    return this.products.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('seller')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Remove a product of the seller's own shop (call history keeps it)" })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam('id')) id: string) {
    await this.products.remove(user, id);
  }
}
