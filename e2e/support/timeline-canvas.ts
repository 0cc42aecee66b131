// What the timeline's canvas shows, read from its pixels as a learner would see them: the
// running slices (bars in the running colour) grouped by lane, and the wake-up arrows (strokes
// in the link colour) that cross the gap between two lanes. The canvas is the only place these
// are drawn; the table beside it is text for screen readers and could say more than is drawn.

import type { Page } from "playwright-core";

interface Rgb {
  red: number;
  green: number;
  blue: number;
}

export interface Interval {
  start: number;
  end: number;
}

/** One lane's running slices: the pixel rows its bars cover and their column intervals, left to right. */
export interface RunningBand {
  top: number;
  bottom: number;
  slices: Interval[];
}

export interface TimelinePicture {
  width: number;
  height: number;
  /** The lanes that show at least one running slice, top to bottom. */
  bands: RunningBand[];
  /** Whether the pixel at (x, y) is part of a wake-up arrow. */
  isArrow(x: number, y: number): boolean;
}

/** A running bar is taller than a lane's state dot or a line of text: shorter runs of the colour are not slices. */
const MINIMUM_BAR_HEIGHT = 12;
/** The most pixels an arrow's stroke covers across a bar. */
const MAXIMUM_ARROW_WIDTH = 4;

function parseColour(text: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (hex === null) throw new Error(`the test reads hex colours only, not ${text}`);
  return { red: Number.parseInt(hex[1]!, 16), green: Number.parseInt(hex[2]!, 16), blue: Number.parseInt(hex[3]!, 16) };
}

/** Reads the timeline's canvas (the first on the page unless told) with the theme's colours. */
export async function readTimeline(page: Page, canvasSelector = "canvas[data-axis]"): Promise<TimelinePicture> {
  // The pointer off the canvas: a hovered lane is highlighted.
  await page.mouse.move(0, 0);
  const raw = await page
    .locator(canvasSelector)
    .first()
    .evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext("2d")!;
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      let binary = "";
      for (let offset = 0; offset < image.data.length; offset += 0x8000) {
        binary += String.fromCharCode(...image.data.subarray(offset, offset + 0x8000));
      }
      const style = getComputedStyle(canvas);
      return {
        width: canvas.width,
        height: canvas.height,
        pixels: btoa(binary),
        running: style.getPropertyValue("--state-running"),
        link: style.getPropertyValue("--accent"),
        background: style.getPropertyValue("--surface"),
      };
    });
  const pixels = Buffer.from(raw.pixels, "base64");
  const running = parseColour(raw.running);
  const link = parseColour(raw.link);
  const background = parseColour(raw.background);
  const at = (x: number, y: number): Rgb => {
    const offset = (y * raw.width + x) * 4;
    return { red: pixels[offset]!, green: pixels[offset + 1]!, blue: pixels[offset + 2]! };
  };
  const near = (colour: Rgb, target: Rgb, tolerance: number) =>
    Math.abs(colour.red - target.red) <= tolerance &&
    Math.abs(colour.green - target.green) <= tolerance &&
    Math.abs(colour.blue - target.blue) <= tolerance;
  // An arrow is a thin antialiased stroke: a pixel counts when it is at least a third of the way
  // from the background to the link colour, along the direction between them.
  const isArrow = (x: number, y: number): boolean => {
    const colour = at(x, y);
    const span = [link.red - background.red, link.green - background.green, link.blue - background.blue];
    const moved = [colour.red - background.red, colour.green - background.green, colour.blue - background.blue];
    const spanLength = Math.hypot(...span);
    const along = (moved[0]! * span[0]! + moved[1]! * span[1]! + moved[2]! * span[2]!) / (spanLength * spanLength);
    const across = Math.hypot(...moved.map((value, channel) => value - along * span[channel]!));
    return along >= 0.33 && across <= spanLength * 0.25;
  };

  // Vertical runs of the running colour, tall enough to be bars. An arrow drawn across a bar
  // leaves a thin gap in its column's run, bridged here; runs are then grouped by overlap, since
  // the lanes' bars never overlap.
  const runs: { x: number; top: number; bottom: number }[] = [];
  for (let x = 0; x < raw.width; x++) {
    let runStart = -1;
    let lastInside = -1;
    for (let y = 0; y <= raw.height; y++) {
      const inside = y < raw.height && near(at(x, y), running, 6);
      if (inside) {
        if (runStart === -1 || y - lastInside > MAXIMUM_ARROW_WIDTH + 1) {
          if (runStart !== -1 && lastInside - runStart + 1 >= MINIMUM_BAR_HEIGHT) runs.push({ x, top: runStart, bottom: lastInside });
          runStart = y;
        }
        lastInside = y;
      }
    }
    if (runStart !== -1 && lastInside - runStart + 1 >= MINIMUM_BAR_HEIGHT) runs.push({ x, top: runStart, bottom: lastInside });
  }
  runs.sort((first, second) => first.top - second.top || first.x - second.x);
  const rows: { top: number; bottom: number }[] = [];
  for (const run of runs) {
    const band = rows.at(-1);
    if (band !== undefined && run.top <= band.bottom) band.bottom = Math.max(band.bottom, run.bottom);
    else rows.push({ top: run.top, bottom: run.bottom });
  }
  // A column of a bar is mostly the colour, arrows crossing it aside, or (under an arrow's head)
  // reaches the lane's top and bottom rows; a lane's state dot, a circle, does neither.
  const mostlyRunning = (x: number, top: number, bottom: number) => {
    let count = 0;
    for (let y = top; y <= bottom; y++) if (near(at(x, y), running, 6)) count++;
    return count >= (bottom - top + 1) * 0.6;
  };
  const reachesEdges = (x: number, top: number, bottom: number) =>
    (near(at(x, top), running, 6) || near(at(x, top + 1), running, 6)) &&
    (near(at(x, bottom), running, 6) || near(at(x, bottom - 1), running, 6));
  const bands: RunningBand[] = rows.map(({ top, bottom }) => {
    const slices: Interval[] = [];
    for (let x = 0; x < raw.width; x++) {
      if (!mostlyRunning(x, top, bottom) && !reachesEdges(x, top, bottom)) continue;
      const last = slices.at(-1);
      if (last !== undefined && last.end === x - 1) last.end = x;
      else slices.push({ start: x, end: x });
    }
    return { top, bottom, slices };
  });
  return { width: raw.width, height: raw.height, bands, isArrow };
}

/** Every running slice, left to right, with the index of its band. */
export function slicesInOrder(picture: TimelinePicture): { band: number; slice: Interval }[] {
  return picture.bands
    .flatMap((band, index) => band.slices.map((slice) => ({ band: index, slice })))
    .sort((first, second) => first.slice.start - second.slice.start);
}

/**
 * Whether an arrow crosses every gap between band `from` and band `to` within `reach` pixels
 * of column `x`: a wake-up arrow runs from the end of one lane's slice to the next slice in
 * another lane, over the lanes between them.
 */
export function arrowBetween(picture: TimelinePicture, from: number, to: number, x: number, reach = 12): boolean {
  const upper = Math.min(from, to);
  const lower = Math.max(from, to);
  for (let band = upper; band < lower; band++) {
    const gapTop = picture.bands[band]!.bottom + 1;
    const gapBottom = picture.bands[band + 1]!.top - 1;
    let crossed = false;
    for (let y = gapTop; y <= gapBottom && !crossed; y++) {
      for (let column = Math.max(0, x - reach); column <= Math.min(picture.width - 1, x + reach) && !crossed; column++) {
        crossed = picture.isArrow(column, y);
      }
    }
    if (!crossed) return false;
  }
  return true;
}
