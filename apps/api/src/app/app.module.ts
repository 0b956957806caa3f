import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ServeStaticModule } from '@nestjs/serve-static';
import { CoreModule, appConfig } from '@callshop/api/core';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { CallsModule } from '@callshop/api/calls';
import { OrdersModule } from '@callshop/api/orders';
import {
  AnalyticsModule,
  CustomerTimelineModule,
  ExportsModule,
  MetricsModule,
  WebhooksModule,
} from '@callshop/api/integrations';
import { DemoImagesController } from '../demo/demo-images.controller';

/** What Angular's build names by content: `main-HASH.js`, `chunk-…`, `styles-…`, `media/…-HASH.ext`. */
const HASHED = /(^|\/)(main|chunk|styles|polyfills|worker)-[\w-]{8}\.(js|css)$|\/media\/[^/]+-[\w-]{8}\.\w+$/;

/** Hashed files never change under their name; anything else (index.html, assets) is checked each time. */
function cacheHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built web apps (storefront at `/`, seller console at `/seller`) from
 * `WEB_DIST_DIR` when they have been built.
 */
const webApps = ServeStaticModule.forRootAsync({
  inject: [appConfig.KEY],
  useFactory: ({ webDistDir }: ConfigType<typeof appConfig>) => {
    const dist = resolve(webDistDir);
    return [
      { root: join(dist, 'seller-console', 'browser'), serveRoot: '/seller' },
      { root: join(dist, 'storefront', 'browser'), serveRoot: undefined },
    ]
      .filter((app) => existsSync(join(app.root, 'index.html')))
      .map((app) => ({
        rootPath: app.root,
        serveRoot: app.serveRoot,
        exclude: ['/api/{*path}', '/socket.io/{*path}', '/robots.txt', '/sitemap.xml', '/metrics'],
        serveStaticOptions: { setHeaders: cacheHeaders },
      }));
  },
});

@Module({
  imports: [
    CoreModule,
    AuthModule,
    ProductsModule,
    CallsModule,
    OrdersModule,
    MetricsModule,
    ExportsModule,
    AnalyticsModule,
    CustomerTimelineModule,
    WebhooksModule,
    webApps,
  ],
  controllers: [DemoImagesController],
})
export class AppModule {}
