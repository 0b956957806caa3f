import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ServeStaticModule } from '@nestjs/serve-static';
import { CoreModule, appConfig } from '@callshop/api/core';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { CallsModule } from '@callshop/api/calls';
import { DemoImagesController } from '../demo/demo-images.controller';

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
        exclude: ['/api/{*path}', '/socket.io/{*path}'],
      }));
  },
});

@Module({
  imports: [CoreModule, AuthModule, ProductsModule, CallsModule, webApps],
  controllers: [DemoImagesController],
})
export class AppModule {}
