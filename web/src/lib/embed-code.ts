// The HTML an author pastes to embed a snippet: a sandboxed iframe of /embed/:id and, when the
// widget should fit its content, a few lines that size the iframe from its looplab:resize messages.

import { type EmbedOptions, embedQuery } from "./embed-options.ts";

export interface EmbedCodeOptions extends EmbedOptions {
  /** Initial height in pixels (the widget's resize messages change it when `fit` is on). */
  height: number;
  fit: boolean;
}

const RESIZE_SCRIPT =
  '<script>addEventListener("message",function(e){if(!e.data||e.data.type!=="looplab:resize")return;' +
  'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=e.data.height+"px"})})</script>';

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}

export function embedCode(origin: string, id: string, title: string, options: EmbedCodeOptions): string {
  const src = `${origin}/embed/${encodeURIComponent(id)}${embedQuery(options)}`;
  const frame =
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${Math.round(options.height)}" ` +
    'style="border:0" loading="lazy" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>';
  return options.fit ? `${frame}\n${RESIZE_SCRIPT}` : frame;
}
