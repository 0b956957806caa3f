export * from './lib/products.module';
export * from './lib/products.service';
export * from './lib/product.entity';
export * from './lib/product.mapper';
