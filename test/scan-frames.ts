/**
 * Camera frames with real barcodes, for the scanning browser test and the decoder bench: bwip-js renders
 * the symbol, pngjs decodes its PNG, and the frame (1280×720 luminance) shows it as a printed label
 * on a grey surface, optionally small, tilted, blurred and noisy, the way a tablet camera sees a pack.
 * Also writes those frames as a YUV4MPEG2 file for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`). Pure Node, no ffmpeg.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { toBuffer } from "bwip-js/node";
import { PNG } from "pngjs";

export const FRAME_WIDTH = 1280;
export const FRAME_HEIGHT = 720;

export interface Luma {
  width: number;
  height: number;
  /** One byte of luminance per pixel, row by row. */
  data: Uint8Array;
}

export interface SymbolSpec {
  /** bwip-js encoder: gs1datamatrix, gs1-128, ean13, hibcdatamatrix, qrcode, ... */
  bcid: string;
  /** Data as bwip-js takes it (GS1 in bracketed form; HIBC without "+" and check character). */
  text: string;
  /** Pixels per module. */
  scale: number;
}

export interface Placement {
  /** Rotation in degrees. */
  angle?: number;
  /** Box blur radius in pixels (0 = sharp). */
  blur?: number;
  /** Offset of the symbol's centre from the frame's centre. */
  dx?: number;
  dy?: number;
  /** Sensor noise amplitude (± grey levels) and its seed. */
  noise?: number;
  seed?: number;
}

/** The symbol as luminance (a white quiet zone of 10 modules included), ink slightly grey as printed labels are. */
export async function renderSymbol({ bcid, text, scale }: SymbolSpec): Promise<Luma> {
  const png = PNG.sync.read(
    await toBuffer({ bcid, text, scale, includetext: false, paddingwidth: 10, paddingheight: 10, backgroundcolor: "FFFFFF" }),
  );
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) {
    const [r, g, b, a] = [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!, png.data[i * 4 + 3]! / 255];
    const lum = 0.299 * r + 0.587 * g + 0.114 * b;
    // Composite over white, then map to printed ink (35) on paper (245).
    const onWhite = lum * a + 255 * (1 - a);
    data[i] = Math.round(35 + (onWhite / 255) * 210);
  }
  return { width: png.width, height: png.height, data };
}

/** Deterministic pseudo-random numbers (mulberry32): frames are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function boxBlur(src: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return src;
  const tmp = new Float32Array(src.length);
  const out = new Uint8Array(src.length);
  const span = radius * 2 + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += src[y * width + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[y * width + x] = sum / span;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      out[y * width + x] = Math.round(sum / span);
    }
  }
  return out;
}

/** One 1280×720 frame: a grey gradient surface with the symbol placed, rotated (bilinear), blurred and noisy. */
export function composeFrame(symbol: Luma, { angle = 0, blur = 0, dx = 0, dy = 0, noise = 0, seed = 1 }: Placement = {}): Luma {
  const width = FRAME_WIDTH;
  const height = FRAME_HEIGHT;
  let data: Uint8Array = new Uint8Array(width * height);
  const cx = width / 2 + dx;
  const cy = height / 2 + dy;
  const cos = Math.cos((angle * Math.PI) / 180);
  const sin = Math.sin((angle * Math.PI) / 180);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation: where in the symbol this frame pixel comes from.
      const rx = (x - cx) * cos + (y - cy) * sin + symbol.width / 2;
      const ry = -(x - cx) * sin + (y - cy) * cos + symbol.height / 2;
      let value = 120 + Math.round((x / width) * 40 + (y / height) * 20);
      if (rx >= 0 && ry >= 0 && rx < symbol.width - 1 && ry < symbol.height - 1) {
        const x0 = Math.floor(rx);
        const y0 = Math.floor(ry);
        const fx = rx - x0;
        const fy = ry - y0;
        const at = (xx: number, yy: number) => symbol.data[yy * symbol.width + xx]!;
        value = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      }
      data[y * width + x] = value;
    }
  }
  data = boxBlur(data, width, height, blur);
  if (noise > 0) {
    const next = random(seed);
    for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((next() * 2 - 1) * noise)));
  }
  return { width, height, data };
}

/** Frames as RGBA (what a canvas's ImageData holds), for decoders in the page. */
export function toRgba(frame: Luma): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0; i < frame.data.length; i++) {
    const v = frame.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/**
 * Writes frames as a YUV4MPEG2 (4:2:0) file: luminance as given, chroma neutral (128). Chromium's fake
 * camera plays it in a loop at `fps`.
 */
export async function writeY4m(file: string, frames: readonly Luma[], fps = 30): Promise<void> {
  const out = createWriteStream(file);
  const chroma = new Uint8Array((FRAME_WIDTH / 2) * (FRAME_HEIGHT / 2) * 2).fill(128);
  const write = async (chunk: string | Uint8Array) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(`YUV4MPEG2 W${FRAME_WIDTH} H${FRAME_HEIGHT} F${fps}:1 Ip A1:1 C420jpeg\n`);
  for (const frame of frames) {
    await write("FRAME\n");
    await write(frame.data);
    await write(chroma);
  }
  out.end();
  await once(out, "finish");
}
