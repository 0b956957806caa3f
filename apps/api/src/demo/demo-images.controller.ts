import { BadRequestException, Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

const PALETTE = ['#3f51b5', '#00897b', '#e65100', '#6a1b9a', '#c62828', '#2e7d32', '#1565c0', '#ad1457'];

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** Draws the demo catalogue's product pictures, so the demo needs no image files or network. */
@ApiExcludeController()
@SkipThrottle()
@Controller('media/demo')
export class DemoImagesController {
  @Get(':name')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  image(@Param('name') file: string): string {
    const match = /^([a-z0-9-]{1,40})\.svg$/.exec(file);
    if (!match) throw new BadRequestException('Image name must look like name.svg');
    const name = match[1];
    const h = hash(name);
    const bg = PALETTE[h % PALETTE.length];
    const accent = PALETTE[(h >> 3) % PALETTE.length];
    const label = name.replace(/-/g, ' ');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${accent}"/></linearGradient></defs>
  <rect width="640" height="480" fill="url(#g)"/>
  <circle cx="${200 + (h % 240)}" cy="${160 + (h % 120)}" r="${90 + (h % 60)}" fill="#ffffff" fill-opacity="0.18"/>
  <rect x="${120 + (h % 200)}" y="${220 + (h % 80)}" width="220" height="140" rx="24" fill="#ffffff" fill-opacity="0.14"/>
  <text x="320" y="440" font-family="sans-serif" font-size="34" fill="#ffffff" text-anchor="middle">${label}</text>
</svg>`;
  }
}
