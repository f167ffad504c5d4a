/**
 * `npx tsx scripts/make-icons.ts`: draws the app's icons (public/icons/*.png) from one SVG with
 * sharp (Next.js's own image library). The PNGs are committed; run this again only to change them.
 * The maskable icon keeps its mark inside the central 80 % circle that launchers may crop to.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const BRAND = '#174ca8';
const OUT = path.join(import.meta.dirname, '..', 'public', 'icons');

/** A white "P" (paths only: no font needed) on the brand blue; `scale` shrinks the mark for the maskable safe zone. */
function svg(size: number, { rounded, scale }: { rounded: boolean; scale: number }): string {
  const r = rounded ? size * 0.18 : 0;
  const s = (size / 100) * scale;
  const offset = (size - 100 * s) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${r}" fill="${BRAND}"/>
  <g transform="translate(${offset} ${offset}) scale(${s})" fill="#ffffff">
    <path d="M30 18h24a20 20 0 0 1 0 40H42v24H30z M42 30v16h12a8 8 0 0 0 0-16z" fill-rule="evenodd"/>
    <rect x="30" y="86" width="40" height="4" rx="2" opacity="0.8"/>
  </g>
</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, scale: 1 },
  { file: 'icon-512.png', size: 512, rounded: true, scale: 1 },
  { file: 'maskable-512.png', size: 512, rounded: false, scale: 0.7 },
  { file: 'apple-touch-icon.png', size: 180, rounded: false, scale: 0.9 },
];

mkdirSync(OUT, { recursive: true });
for (const icon of icons) {
  await sharp(Buffer.from(svg(icon.size, icon)))
    .png({ compressionLevel: 9, palette: true })
    .toFile(path.join(OUT, icon.file));
  console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`);
}
