// Draws the extension's icon, docs/images/icon.png (256 x 256): a small neural network over a pulse
// line on a rounded square. Run `node scripts/make-icon.mjs` after changing the drawing; the PNG is
// committed. Every pixel is sampled 4 x 4 times for smooth edges.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const SAMPLES = 4;

const BACKGROUND = [30, 58, 95];
const EDGE = [120, 160, 205];
const NODE = [255, 255, 255];
const PULSE = [255, 152, 48];

/** Distance from (x, y) to the segment from a to b. */
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Whether (x, y) is inside the square with rounded corners that fills the icon. */
function insideBackground(x, y) {
  const margin = 8;
  const radius = 48;
  const cx = Math.min(Math.max(x, margin + radius), SIZE - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), SIZE - margin - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

// Three layers of units, every unit joined to every unit of the next layer.
const layers = [
  [88, 128],
  [58, 104, 150],
  [88, 128],
].map((ys, index) => ys.map((y) => [64 + index * 64, y - 16]));
const edges = layers.slice(1).flatMap((layer, index) => layers[index].flatMap((from) => layer.map((to) => [from, to])));
const units = layers.flat();
// A pulse: flat, one beat, flat again.
const pulse = [
  [28, 196],
  [92, 196],
  [108, 172],
  [124, 222],
  [142, 180],
  [154, 196],
  [228, 196],
];
const pulseSegments = pulse.slice(1).map((point, index) => [pulse[index], point]);

/** The colour at a point, front to back; undefined outside the icon. */
function colourAt(x, y) {
  if (!insideBackground(x, y)) return undefined;
  if (pulseSegments.some(([a, b]) => segmentDistance(x, y, a, b) <= 6)) return PULSE;
  if (units.some(([ux, uy]) => Math.hypot(x - ux, y - uy) <= 13)) return NODE;
  if (edges.some(([a, b]) => segmentDistance(x, y, a, b) <= 2.5)) return EDGE;
  return BACKGROUND;
}

const pixels = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4);
  pixels[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0];
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (!colour) continue;
        covered++;
        for (let channel = 0; channel < 3; channel++) sum[channel] += colour[channel];
      }
    }
    const offset = row + 1 + x * 4;
    for (let channel = 0; channel < 3; channel++) pixels[offset + channel] = covered ? Math.round(sum[channel] / covered) : 0;
    pixels[offset + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../docs/images/icon.png', import.meta.url), png);
