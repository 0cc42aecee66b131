// Where the wait graph's nodes go. A deadlock's cycle is a ring, so it reads as a loop; the
// other nodes stand in columns by how far along the chain of waits they are (a task, what it
// awaits, who holds that...), so arrows mostly point right.

import type { WaitGraph } from "./wait-graph.ts";

export interface PlacedNode {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphLayout {
  nodes: Map<string, PlacedNode>;
  width: number;
  height: number;
  /** The centre of the deadlock's ring, when there is one: arrows into the ring bend away from it. */
  ring?: { x: number; y: number };
}

const CHARACTER_WIDTH = 7.2;
const NODE_HEIGHT = 38;
const COLUMN_GAP = 90;
const ROW_GAP = 16;
const MARGIN = 12;

/** Characters drawn about twice as wide as a Latin letter: CJK ideographs and full-width punctuation. */
const WIDE_CHARACTER = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu;

/** A text's width in Latin letters: a label in Chinese takes about twice the room per character. */
function widthInLetters(text: string): number {
  return text.length + (text.match(WIDE_CHARACTER)?.length ?? 0);
}

function nodeWidth(label: string, detail: string | undefined): number {
  return Math.max(64, Math.ceil(Math.max(widthInLetters(label), widthInLetters(detail ?? "") * 0.9) * CHARACTER_WIDTH) + 20);
}

export function layoutGraph(graph: WaitGraph): GraphLayout {
  const widths = new Map(graph.nodes.map((node) => [node.key, nodeWidth(node.label, node.detail)]));
  const inCycle = new Set(graph.cycle);
  // Columns: the longest chain of waits ending at each node, ignoring "woke" (it points back
  // along the chain), "cancels" (it crosses the waits, from whoever asked) and the cycle (it has
  // no longest chain). Bounded by the node count.
  const depth = new Map(graph.nodes.filter((node) => !inCycle.has(node.key)).map((node) => [node.key, 0]));
  const chain = graph.edges.filter((edge) => edge.kind !== "woke" && edge.kind !== "cancels" && depth.has(edge.from) && depth.has(edge.to));
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const edge of chain) {
      const next = depth.get(edge.from)! + 1;
      if (next > depth.get(edge.to)! && next < graph.nodes.length) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns: string[][] = [];
  for (const node of graph.nodes) {
    const column = depth.get(node.key);
    if (column === undefined) continue;
    (columns[column] ??= []).push(node.key);
  }
  const placed = new Map<string, PlacedNode>();
  let ring: { x: number; y: number } | undefined;
  let x = MARGIN;
  let height = 0;
  for (const column of columns) {
    if (column === undefined) continue;
    const width = Math.max(...column.map((key) => widths.get(key)!));
    column.forEach((key, row) => {
      placed.set(key, {
        key,
        x: x + (width - widths.get(key)!) / 2,
        y: MARGIN + row * (NODE_HEIGHT + ROW_GAP),
        width: widths.get(key)!,
        height: NODE_HEIGHT,
      });
    });
    height = Math.max(height, MARGIN + column.length * (NODE_HEIGHT + ROW_GAP));
    x += width + COLUMN_GAP;
  }
  if (graph.cycle.length > 0) {
    const widest = Math.max(...graph.cycle.map((key) => widths.get(key)!));
    // A ring wide enough that neighbouring boxes and their arrow labels do not touch.
    const radius = Math.max(90, (graph.cycle.length * (NODE_HEIGHT + 50)) / (2 * Math.PI), widest * 0.9);
    const centerX = x + widest / 2 + radius;
    const centerY = MARGIN + NODE_HEIGHT / 2 + radius;
    ring = { x: centerX, y: centerY };
    graph.cycle.forEach((key, index) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * index) / graph.cycle.length;
      const width = widths.get(key)!;
      placed.set(key, {
        key,
        x: centerX + radius * Math.cos(angle) * 1.25 - width / 2,
        y: centerY + radius * Math.sin(angle) - NODE_HEIGHT / 2,
        width,
        height: NODE_HEIGHT,
      });
    });
    x = centerX + radius * 1.25 + widest / 2 + MARGIN;
    // Room below the ring for the arrows into it, which bow outward.
    height = Math.max(height, centerY + radius + NODE_HEIGHT / 2 + MARGIN + 40);
  } else {
    x -= COLUMN_GAP - MARGIN;
  }
  return {
    nodes: placed,
    width: Math.max(x, 120),
    height: Math.max(height, NODE_HEIGHT + 2 * MARGIN),
    ...(ring === undefined ? {} : { ring }),
  };
}

/** Where the segment from the center of `from` toward the center of `to` leaves `from`'s box. */
export function boxExit(from: PlacedNode, to: PlacedNode): { x: number; y: number } {
  const centerX = from.x + from.width / 2;
  const centerY = from.y + from.height / 2;
  const dx = to.x + to.width / 2 - centerX;
  const dy = to.y + to.height / 2 - centerY;
  if (dx === 0 && dy === 0) return { x: centerX, y: centerY };
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : from.width / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : from.height / 2 / Math.abs(dy),
  );
  return { x: centerX + dx * scale, y: centerY + dy * scale };
}

/** Whether the segment between two points passes through a box of `boxes` (sampled; boxes padded a little). */
export function crossesBoxes(start: { x: number; y: number }, end: { x: number; y: number }, boxes: Iterable<PlacedNode>): boolean {
  const padding = 4;
  const samples = 24;
  for (const box of boxes) {
    for (let sample = 1; sample < samples; sample++) {
      const x = start.x + ((end.x - start.x) * sample) / samples;
      const y = start.y + ((end.y - start.y) * sample) / samples;
      if (x > box.x - padding && x < box.x + box.width + padding && y > box.y - padding && y < box.y + box.height + padding) return true;
    }
  }
  return false;
}
