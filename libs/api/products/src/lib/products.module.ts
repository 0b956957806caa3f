import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@callshop/api/auth';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { SeoController } from './seo.controller';
import { ShopsController } from './shops.controller';

/** Shops' public pages and their products: catalog search for everyone, management for the shop's staff. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([Product])],
  controllers: [ProductsController, ShopsController, SeoController],
  providers: [ProductsService],
  exports: [ProductsService, TypeOrmModule],
})
export class ProductsModule {}
