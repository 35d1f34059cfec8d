/**
 * Draws the app icons (a white cross on teal) as PNG files in client/public. Run once, commit the PNGs:
 *   npx tsx client/tools/generate-icons.ts
 * A tiny RGBA encoder (zlib + CRC32) keeps this free of image libraries. Shapes are supersampled 4x4
 * per pixel for smooth edges.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");
const TEAL = [15, 118, 110] as const;
const WHITE = [255, 255, 255] as const;

interface IconSpec {
  file: string;
  size: number;
  /** Maskable icons fill the square; the cross must stay inside the 80% safe circle. */
  maskable: boolean;
  /** Rounded transparent corners (only for "any" icons). */
  rounded: boolean;
}

const ICONS: IconSpec[] = [
  { file: "icon-192.png", size: 192, maskable: false, rounded: true },
  { file: "icon-512.png", size: 512, maskable: false, rounded: true },
  { file: "icon-maskable-512.png", size: 512, maskable: true, rounded: false },
  { file: "apple-touch-icon.png", size: 180, maskable: true, rounded: false },
];

/** Coverage of the background at (x, y) in unit coordinates: 1 inside the (rounded) square. */
function inBackground(x: number, y: number, rounded: boolean): boolean {
  if (!rounded) return true;
  const r = 0.22;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inCross(x: number, y: number, maskable: boolean): boolean {
  const half = maskable ? 0.22 : 0.28;
  const arm = maskable ? 0.085 : 0.1;
  const dx = Math.abs(x - 0.5);
  const dy = Math.abs(y - 0.5);
  return (dx <= arm && dy <= half) || (dy <= arm && dx <= half);
}

function draw(spec: IconSpec): Buffer {
  const { size } = spec;
  const S = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    const rowStart = py * (size * 4 + 1);
    raw[rowStart] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (inBackground(x, y, spec.rounded)) {
            bg++;
            if (inCross(x, y, spec.maskable)) fg++;
          }
        }
      }
      const alpha = bg / (S * S);
      const mix = bg ? fg / bg : 0;
      const o = rowStart + 1 + px * 4;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(TEAL[c]! * (1 - mix) + WHITE[c]! * mix);
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const spec of ICONS) {
  writeFileSync(path.join(OUT, spec.file), draw(spec));
  console.log(`wrote ${spec.file}`);
}
