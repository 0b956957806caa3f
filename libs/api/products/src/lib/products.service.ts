import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PRODUCT_LIMITS, type ProductDto, type ProductPage, type ShopDto } from '@callshop/contracts';
import { Shop, type AuthUser } from '@callshop/api/auth';
import type { CreateProductDto, ProductQueryDto, UpdateProductDto } from './dto/product.dto';
import { Product } from './product.entity';
import { toProductDto, toShopDto } from './product.mapper';

/** Published after a product changes, for subscribers such as caches or search indexes. */
export class ProductChangedEvent {
  static readonly NAME = 'product.changed';
  constructor(
    readonly productId: string,
    readonly shopId: string,
    readonly change: 'created' | 'updated' | 'deleted',
  ) {}
}

export interface SitemapEntry {
  id: string;
  updatedAt: Date;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectRepository(Shop) private readonly shops: Repository<Shop>,
    private readonly events: EventEmitter2,
  ) {}

  async list(query: ProductQueryDto): Promise<ProductPage> {
    const page = query.page ?? 1;
    const limit = query.limit ?? PRODUCT_LIMITS.defaultPageSize;
    const qb = this.products.createQueryBuilder('p').innerJoinAndSelect('p.shop', 's');
    const words = (query.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
    words.forEach((word, i) => {
      qb.andWhere(
        `(p.name || ' ' || p.description || ' ' || coalesce(p.category, '') || ' ' || s.name) ILIKE :w${i}`,
        {
          [`w${i}`]: `%${escapeLike(word)}%`,
        },
      );
    });
    if (query.shopId) qb.andWhere('p.shop_id = :shopId', { shopId: query.shopId });
    if (query.category) qb.andWhere('lower(p.category) = lower(:category)', { category: query.category });
    const [rows, total] = await qb
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { items: rows.map(toProductDto), total, page, limit };
  }

  /** Every listed product and shop with when it last changed, for the sitemap (newest first). */
  async sitemapEntries(limit: number): Promise<{ products: SitemapEntry[]; shops: SitemapEntry[] }> {
    const [products, shops] = await Promise.all([
      this.products.find({
        select: { id: true, updatedAt: true },
        order: { updatedAt: 'DESC' },
        take: limit,
      }),
      this.shops.find({ select: { id: true, updatedAt: true }, order: { updatedAt: 'DESC' }, take: limit }),
    ]);
    const entry = (r: { id: string; updatedAt: Date }) => ({ id: r.id, updatedAt: r.updatedAt });
    return { products: products.map(entry), shops: shops.map(entry) };
  }

  async categories(): Promise<string[]> {
    const rows: { category: string }[] = await this.products
      .createQueryBuilder('p')
      .select('DISTINCT p.category', 'category')
      .where('p.category IS NOT NULL')
      .orderBy('p.category')
      .getRawMany();
    return rows.map((r) => r.category);
  }

  async get(id: string): Promise<ProductDto> {
    return toProductDto(await this.findOrFail(id));
  }

  /** The product with its shop; 404 when unknown or deleted. */
  async findOrFail(id: string): Promise<Product> {
    const product = await this.products.findOne({ where: { id }, relations: { shop: true } });
    if (!product) throw new NotFoundException(`Product ${id} not found`);
    return product;
  }

  async create(user: AuthUser, dto: CreateProductDto): Promise<ProductDto> {
    const shopId = this.requireShop(user);
    const saved = await this.products.save(
      this.products.create({
        ...dto,
        currency: dto.currency ?? 'USD',
        category: dto.category ?? null,
        images: dto.images ?? [],
        shopId,
      }),
    );
    this.events.emit(ProductChangedEvent.NAME, new ProductChangedEvent(saved.id, shopId, 'created'));
    return this.get(saved.id);
  }

  async update(user: AuthUser, id: string, dto: UpdateProductDto): Promise<ProductDto> {
    const product = await this.findOwned(user, id);
    await this.products.update({ id: product.id }, { ...dto });
    this.events.emit(ProductChangedEvent.NAME, new ProductChangedEvent(id, product.shopId, 'updated'));
    return this.get(id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const product = await this.findOwned(user, id);
    await this.products.softDelete({ id: product.id });
    this.events.emit(ProductChangedEvent.NAME, new ProductChangedEvent(id, product.shopId, 'deleted'));
  }

  async listShops(showPhone: boolean): Promise<ShopDto[]> {
    const shops = await this.shops.find({ order: { isPlatform: 'DESC', name: 'ASC' } });
    const counts = await this.productCounts();
    return shops.map((s) => toShopDto(s, counts.get(s.id) ?? 0, showPhone));
  }

  async getShop(id: string, showPhone: boolean): Promise<ShopDto> {
    const shop = await this.shops.findOneBy({ id });
    if (!shop) throw new NotFoundException(`Shop ${id} not found`);
    const count = await this.products.countBy({ shopId: id });
    return toShopDto(shop, count, showPhone);
  }

  private async productCounts(): Promise<Map<string, number>> {
    const rows: { shopId: string; count: string }[] = await this.products
      .createQueryBuilder('p')
      .select('p.shop_id', 'shopId')
      .addSelect('count(*)', 'count')
      .groupBy('p.shop_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.shopId, Number(r.count)]));
  }

  private requireShop(user: AuthUser): string {
    if (user.role !== 'seller' || !user.shopId)
      throw new ForbiddenException('Only sellers can manage products');
    return user.shopId;
  }

  private async findOwned(user: AuthUser, id: string): Promise<Product> {
    const shopId = this.requireShop(user);
    const product = await this.findOrFail(id);
    if (product.shopId !== shopId)
      throw new ForbiddenException("You can only change your own shop's products");
    return product;
  }
}
