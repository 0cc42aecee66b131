// Everything one draw of the timeline reads, gathered once per draw so the drawing functions
// take plain values rather than reactive ones.

import type { RunModel } from "../run-model.svelte.ts";
import type { Palette } from "./palette.ts";
import type { TimelineCache } from "./timeline-cache.ts";
import type { TimelineFrame } from "./timeline-frame.ts";
import type { DrawnLane, TimelineAxis } from "./timeline-lanes.ts";

export interface TimelineScene {
  context: CanvasRenderingContext2D;
  palette: Palette;
  frame: TimelineFrame;
  model: RunModel;
  cache: TimelineCache;
  axis: TimelineAxis;
  lanes: readonly DrawnLane[];
  rowOfLane: ReadonlyMap<number, number>;
  /** The rows in view, [first, last). */
  first: number;
  last: number;
  /** The replay's time: what happened after it is not drawn yet (Infinity: everything). */
  shownUntil: number;
  /** The steps that ran by `shownUntil`. */
  shownSteps: number;
  /** The followed task's lane, highlighted, and the hovered row (or null). */
  selectedTaskId: number | null;
  hoveredRow: number | null;
}

/** Whether a row is in view or just beside it (a link to it is then partly in view). */
export function nearView(scene: TimelineScene, row: number | undefined): boolean {
  return row !== undefined && row >= scene.first - 1 && row <= scene.last;
}

/** Prepares a canvas of `frame`'s size for a sharp draw at the screen's pixel ratio, cleared. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const pixelWidth = Math.round(width * ratio);
  const pixelHeight = Math.round(height * ratio);
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  const context = canvas.getContext("2d");
  if (context === null) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.font = "12px system-ui, sans-serif";
  context.textBaseline = "middle";
  return context;
}
