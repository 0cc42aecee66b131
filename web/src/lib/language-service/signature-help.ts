// Signature help: while the cursor is inside a call's parentheses, a tooltip above it shows the
// function's signature with the current parameter in bold, and its documentation.

import { type Extension, StateEffect, StateField } from "@codemirror/state";
import { EditorView, showTooltip, type Tooltip } from "@codemirror/view";
import { tsFacetWorker } from "@valtown/codemirror-ts";
import type { Remote } from "comlink";
import type { SignatureHelp } from "./signature-help-data.ts";
import type { LanguageWorker } from "./worker.ts";

const setSignature = StateEffect.define<Tooltip | null>();

const signatureField = StateField.define<Tooltip | null>({
  create: () => null,
  update(tooltip, transaction) {
    for (const effect of transaction.effects) if (effect.is(setSignature)) return effect.value;
    if (tooltip === null || !transaction.docChanged) return tooltip;
    return { ...tooltip, pos: transaction.changes.mapPos(tooltip.pos) };
  },
  provide: (field) => showTooltip.from(field),
});

function signatureTooltip(help: SignatureHelp): Tooltip {
  return {
    pos: help.start,
    above: true,
    create: () => {
      const dom = document.createElement("div");
      dom.className = "cm-signature-help";
      const signature = dom.appendChild(document.createElement("div"));
      signature.className = "cm-signature-help-signature";
      signature.append(help.prefix);
      help.parameters.forEach((parameter, index) => {
        if (index > 0) signature.append(help.separator);
        if (index === help.active) signature.appendChild(document.createElement("strong")).textContent = parameter;
        else signature.append(parameter);
      });
      signature.append(help.suffix);
      if (help.documentation !== "") {
        const documentation = dom.appendChild(document.createElement("div"));
        documentation.className = "cm-signature-help-documentation";
        documentation.textContent = help.documentation;
      }
      return { dom };
    },
  };
}

/**
 * Asks the worker again when the code or the cursor moves; only the latest answer is shown. An
 * update listener placed after tsSyncWorker's, so the worker has the new code before the question.
 */
export function signatureHelp(): Extension {
  let latest = 0;
  const requests = EditorView.updateListener.of((update) => {
    if (!update.docChanged && !update.selectionSet) return;
    const config = update.state.facet(tsFacetWorker);
    if (config === null) return;
    const request = ++latest;
    const worker = config.worker as unknown as Remote<LanguageWorker>;
    void worker.getSignatureHelp({ path: config.path, pos: update.state.selection.main.head }).then((help) => {
      if (request !== latest) return;
      if (help === null && update.view.state.field(signatureField, false) === null) return;
      update.view.dispatch({ effects: setSignature.of(help === null ? null : signatureTooltip(help)) });
    });
  });
  return [signatureField, requests];
}
