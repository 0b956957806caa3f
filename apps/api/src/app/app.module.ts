import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { CoreModule } from '@callshop/api/core';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { CallsModule } from '@callshop/api/calls';
import { DemoImagesController } from '../demo/demo-images.controller';

/** Serves the built web apps (storefront at `/`, seller console at `/seller`) when they exist. */
function webApps(): DynamicModule[] {
  const dist = resolve(process.env['WEB_DIST_DIR'] ?? 'dist/apps');
  const apps = [
    { root: join(dist, 'seller-console', 'browser'), serveRoot: '/seller' },
    { root: join(dist, 'storefront', 'browser'), serveRoot: '' },
  ].filter((a) => existsSync(join(a.root, 'index.html')));
  if (!apps.length) return [];
  return [
    ServeStaticModule.forRoot(
      ...apps.map((a) => ({
        rootPath: a.root,
        serveRoot: a.serveRoot || undefined,
        exclude: ['/api/{*path}', '/socket.io/{*path}'],
      })),
    ),
  ];
}

@Module({
  imports: [CoreModule, AuthModule, ProductsModule, CallsModule, ...webApps()],
  controllers: [DemoImagesController],
})
export class AppModule {}
