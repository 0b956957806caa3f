import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { appConfig } from '@callshop/api/core';
import { ProductsService } from './products.service';

/** The sitemap lists at most this many products and shops (the sitemap protocol's limit is 50,000 URLs). */
const SITEMAP_LIMIT = 20_000;

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/**
 * What search engines read: `robots.txt` (the storefront may be crawled, the seller console,
 * the API and the call pages may not) and `sitemap.xml` with every product and shop page.
 * Served at the site's root, outside the `/api/v2` prefix.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class SeoController {
  constructor(
    private readonly products: ProductsService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** The public base URL: `PUBLIC_URL`, else the host the request came to. */
  private base(req: Request): string {
    return (this.app.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
  }

  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  robots(@Req() req: Request): string {
    return [
      'User-agent: *',
      'Allow: /',
      'Disallow: /seller/',
      'Disallow: /api/',
      'Disallow: /calls',
      'Disallow: /login',
      'Disallow: /register',
      `Sitemap: ${this.base(req)}/sitemap.xml`,
      '',
    ].join('\n');
  }

  @Get('sitemap.xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  async sitemap(@Req() req: Request): Promise<string> {
    const base = this.base(req);
    const { products, shops } = await this.products.sitemapEntries(SITEMAP_LIMIT);
    const url = (path: string, updatedAt?: Date) =>
      `  <url><loc>${xml(base + path)}</loc>${updatedAt ? `<lastmod>${updatedAt.toISOString()}</lastmod>` : ''}</url>`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      url('/'),
      ...products.map((p) => url(`/products/${p.id}`, p.updatedAt)),
      ...shops.map((s) => url(`/shops/${s.id}`, s.updatedAt)),
      '</urlset>',
      '',
    ].join('\n');
  }
}
