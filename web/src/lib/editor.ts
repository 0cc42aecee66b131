// The CodeMirror 6 editor: TypeScript highlighting, Ctrl/Cmd+Enter to run, an error's line
// marked with its message written at the end of the line, and a step's marks: the running
// task's line, and in a gutter the names of the tasks suspended at each line. Colours come from the page's CSS
// variables, so one theme serves light and dark.

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension, Prec, RangeSet, StateEffect, StateField, type Text } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  GutterMarker,
  gutter,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  WidgetType,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";

export interface EditorError {
  /** 1-based line of the snippet. */
  line: number;
  message: string;
}

const setError = StateEffect.define<EditorError | null>();

class ErrorMessageWidget extends WidgetType {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: ErrorMessageWidget): boolean {
    return other.message === this.message;
  }
  toDOM(): HTMLElement {
    const element = document.createElement("span");
    element.className = "cm-error-message";
    element.textContent = this.message;
    return element;
  }
}

/** The marked error: set by a run, gone as soon as the code changes. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setError)) continue;
      if (effect.value === null) return Decoration.none;
      const document = transaction.state.doc;
      const line = document.line(Math.min(Math.max(1, effect.value.line), document.lines));
      return Decoration.set([
        Decoration.line({ class: "cm-error-line" }).range(line.from),
        Decoration.widget({ widget: new ErrorMessageWidget(effect.value.message), side: 1 }).range(line.to),
      ]);
    }
    return transaction.docChanged ? Decoration.none : decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** What a step of a run marks in the code. Lines are 1-based; lines past the end are left out. */
export interface StepMarks {
  /** The line the running task resumed at; null when it has none (its first step, a callback). */
  running: number | null;
  /**
   * Each line where tasks are suspended, with their names in the order they were spawned, and the
   * marker's title in the page's language ("Suspended here: A, B").
   */
  parked: { line: number; names: string[]; title: string }[];
}

const setStepMarks = StateEffect.define<StepMarks | null>();

/** The gutter shows at most this many characters of names; the marker's title lists them all. */
const MAX_GUTTER_CHARACTERS = 12;

class ParkedTasksMarker extends GutterMarker {
  constructor(
    readonly names: string[],
    readonly title: string,
  ) {
    super();
  }
  override eq(other: ParkedTasksMarker): boolean {
    return other.names.join("\n") === this.names.join("\n") && other.title === this.title;
  }
  override toDOM(): Node {
    const element = document.createElement("span");
    element.className = "cm-parked-tasks";
    const all = this.names.join(", ");
    element.textContent =
      all.length <= MAX_GUTTER_CHARACTERS ? all : `${this.names[0]!.slice(0, MAX_GUTTER_CHARACTERS - 3)} +${this.names.length - 1}`;
    element.title = this.title;
    return element;
  }
}

interface StepDecorations {
  lines: DecorationSet;
  markers: RangeSet<GutterMarker>;
}

const NO_STEP_MARKS: StepDecorations = { lines: Decoration.none, markers: RangeSet.empty };

/** The step's marks: set by the stepper, gone when the code changes (their lines would be stale). */
const stepField = StateField.define<StepDecorations>({
  create: () => NO_STEP_MARKS,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (!effect.is(setStepMarks)) continue;
      if (effect.value === null) return NO_STEP_MARKS;
      const document = transaction.state.doc;
      const inside = (line: number) => line >= 1 && line <= document.lines;
      const running = effect.value.running;
      const lines =
        running !== null && inside(running)
          ? Decoration.set([Decoration.line({ class: "cm-step-line" }).range(document.line(running).from)])
          : Decoration.none;
      const parked = effect.value.parked
        .filter((entry) => inside(entry.line))
        .sort((first, second) => first.line - second.line)
        .map((entry) => new ParkedTasksMarker(entry.names, entry.title).range(document.line(entry.line).from));
      return { lines, markers: RangeSet.of(parked) };
    }
    return transaction.docChanged ? NO_STEP_MARKS : marks;
  },
  provide: (field) => EditorView.decorations.from(field, (marks) => marks.lines),
});

const parkedTasksGutter = gutter({
  class: "cm-parked-gutter",
  markers: (view) => view.state.field(stepField).markers,
});

const highlighting = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--syntax-keyword)" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "var(--syntax-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--syntax-number)" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "var(--syntax-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--syntax-function)" },
  { tag: [tags.typeName, tags.className, tags.namespace], color: "var(--syntax-type)" },
  { tag: [tags.definition(tags.variableName), tags.propertyName], color: "var(--syntax-property)" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--text)", backgroundColor: "var(--surface)", height: "100%", fontSize: "14px" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--text)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "var(--selection)",
  },
  ".cm-gutters": { backgroundColor: "var(--surface-sunken)", color: "var(--text-muted)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--text)" },
  ".cm-matchingBracket": { backgroundColor: "var(--selection)", outline: "1px solid var(--border)" },
  ".cm-error-line": { backgroundColor: "var(--error-line)" },
  ".cm-step-line": { backgroundColor: "var(--step-line, rgba(37, 99, 235, 0.18))", boxShadow: "inset 3px 0 0 var(--state-running)" },
  ".cm-parked-gutter .cm-gutterElement": { padding: "0 4px" },
  ".cm-parked-tasks": {
    padding: "0 4px",
    borderRadius: "3px",
    color: "var(--text)",
    backgroundColor: "var(--parked-background, rgba(217, 119, 6, 0.25))",
    fontFamily: "system-ui, sans-serif",
    fontSize: "11px",
    whiteSpace: "nowrap",
  },
  ".cm-error-message": {
    marginLeft: "1.5em",
    padding: "0 6px",
    borderRadius: "4px",
    color: "var(--error-text)",
    backgroundColor: "var(--error-background)",
    fontFamily: "system-ui, sans-serif",
    fontSize: "12px",
  },
});

export interface EditorOptions {
  parent: HTMLElement;
  code: string;
  readOnly?: boolean;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  onChange?: (code: string) => void;
  /** What screen readers call the editor. */
  label: string;
}

export interface CodeEditor {
  getCode(): string;
  /** Replaces the code as one undoable change. */
  setCode(code: string): void;
  markError(error: EditorError | null): void;
  /** Marks a step of a run (null clears the marks); the running line is scrolled into view. */
  markStep(marks: StepMarks | null): void;
  setReadOnly(readOnly: boolean): void;
  /** What screen readers call the editor, in the page's language. */
  setLabel(label: string): void;
  /** Adds the language features (lib/language-service), which the full page loads after it is interactive. */
  setLanguageFeatures(extension: Extension): void;
  focus(): void;
  destroy(): void;
}

/** Two marks with the same key mark the same lines with the same names. */
function marksKey(marks: StepMarks | null): string {
  if (marks === null) return "none";
  return JSON.stringify([marks.running, marks.parked]);
}

/** Read-only code stays focusable and selectable (and Ctrl/Cmd+Enter still runs it). */
function readOnlyExtension(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.contentAttributes.of({ "aria-readonly": String(readOnly) })];
}

export function createEditor(options: EditorOptions): CodeEditor {
  const readOnly = new Compartment();
  const languageFeatures = new Compartment();
  const label = new Compartment();
  const labelled = (text: string) => EditorView.contentAttributes.of({ "aria-label": text });
  const extensions: Extension[] = [
    parkedTasksGutter,
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    javascript({ typescript: true }),
    syntaxHighlighting(highlighting),
    errorField,
    stepField,
    theme,
    Prec.highest(
      keymap.of([
        {
          key: "Mod-Enter",
          run: () => {
            options.onRun();
            return true;
          },
        },
      ]),
    ),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    readOnly.of(readOnlyExtension(options.readOnly ?? false)),
    languageFeatures.of([]),
    label.of(labelled(options.label)),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange?.(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent: options.parent, state: EditorState.create({ doc: options.code, extensions }) });
  /** The step marks last set, and the code they were set on (a change of the code drops them). */
  let shownMarks: { key: string; document: Text | null } = { key: marksKey(null), document: null };
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markError(error) {
      view.dispatch({ effects: setError.of(error) });
      if (error !== null) {
        const line = view.state.doc.line(Math.min(Math.max(1, error.line), view.state.doc.lines));
        view.dispatch({ effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
      }
    },
    markStep(marks) {
      // Stepping often leaves the marks as they were (a task's step on the same line): then the
      // editor is not updated at all, and otherwise in one transaction, so a step lays it out once.
      const key = marksKey(marks);
      if (key === shownMarks.key && view.state.doc === shownMarks.document) return;
      shownMarks = { key, document: view.state.doc };
      const running = marks?.running ?? null;
      const effects: StateEffect<unknown>[] = [setStepMarks.of(marks)];
      if (running !== null && running >= 1 && running <= view.state.doc.lines)
        effects.push(EditorView.scrollIntoView(view.state.doc.line(running).from, { y: "nearest" }));
      view.dispatch({ effects });
    },
    setReadOnly(value) {
      view.dispatch({ effects: readOnly.reconfigure(readOnlyExtension(value)) });
    },
    setLabel(text) {
      view.dispatch({ effects: label.reconfigure(labelled(text)) });
    },
    setLanguageFeatures(extension) {
      view.dispatch({ effects: languageFeatures.reconfigure(extension) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
