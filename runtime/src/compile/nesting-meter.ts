// How deep the compiler will recurse on the tokens seen so far. esbuild's parser and printer,
// acorn's parser and the rewrites' visits recurse once per level of the syntax tree, and a
// few hundred to a few thousand levels overflow their stacks (nesting-bound.ts has the figures).
// The meter estimates that depth from tokens alone, never below what the parsers will build:
// - levels: brackets, braces, parentheses and `${`, plus what nests without brackets: an arrow's
//   or function's body, a ternary's branches, the body of if/for/while/with/do and labels
//   (else-if chains included), prefix and right-associative operators (`!!!…`, `typeof`,
//   `await`, `new`, `a = b = …`, `**`), and `async`, which lowering turns into two more levels;
//   member accesses and calls (`a.b.c…`, `f()()…`) count half a level each;
// - operators: a chain of binary operators (`1+1+…`, `a && b && …`, `A<A<…>>`) nests one level
//   per operator in acorn but none in esbuild, so it has its own, larger budget.
// A statement's counts end where the statement does (`;`, a new line that starts another, a
// block's `}`); an element's end at `,`. Two tokenizers feed it: a scan of the TypeScript source
// (nesting-bound.ts) and acorn's tokens of esbuild's output (syntax.ts).

export interface NestingLimits {
  levels: number;
  operators: number;
}

export type Exceeded = "levels" | "operators" | null;

/** Words that continue the expression or statement before them: no new statement starts at them. */
const CONTINUING_WORDS = new Set([
  "in",
  "instanceof",
  "as",
  "satisfies",
  "extends",
  "implements",
  "is",
  "of",
  "else",
  "catch",
  "finally",
  "keyof",
  "infer",
]);
/** Prefix operators spelled as words: each nests its operand, a level (`new` and `yield` cost the parsers two). */
const PREFIX_WORDS = new Map([
  ["new", 2],
  ["yield", 2],
  ["typeof", 1],
  ["void", 1],
  ["delete", 1],
  ["await", 1],
]);
/** Other operators spelled as words, by how much each chains. */
const OPERATOR_WORDS = new Map([
  ["in", 1],
  ["instanceof", 1],
  ["keyof", 1],
  ["as", 1],
  ["satisfies", 1],
  ["return", 0],
  ["throw", 0],
  ["case", 0],
  ["of", 0],
  ["extends", 0],
  ["implements", 0],
  ["is", 0],
  ["infer", 0],
  ["catch", 0],
  ["finally", 0],
]);
/** `=`, `+=`, `&&=`, `>>>=`…, not `==`, `!=`, `<=` or `>=`. */
const ASSIGNMENT = /^(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=$/;
const STATEMENT_WORDS = new Set(["if", "for", "while", "with", "do"]);
const CONTROL_HEADS = new Set(["if", "for", "while", "with", "switch", "catch"]);
/** After these a statement's body follows: a `{` there opens a block, not an object. */
const BODY_BEFORE = new Set(["else", "do", "try", "finally", "catch"]);

enum Kind {
  Root,
  Group,
  Call,
  ControlHead,
  Bracket,
  Block,
  Object,
  Substitution,
}

/** What the last token leaves behind, which decides how `/`, `{` and a new line read. */
enum Last {
  /** Start, `;`, an operator, an opening bracket: an expression may start here. */
  Operand,
  /** A value, a name, `)`, `]`, an object's `}`: an expression ended (or goes on with an operator). */
  Value,
  /** A block's `}`: the next token that cannot continue an expression starts a new statement. */
  Statement,
  /** A control head's `)`, `else`, `do`, `=>`: a body follows, nested in what came before. */
  Body,
}

export class NestingMeter {
  private top = 0;
  private readonly kinds: Kind[] = [Kind.Root];
  /**
   * Per open level, in half levels: arrows, ternaries, prefixes, member and call links and
   * async (reset by `,`), statement words (reset with the statement); then operators and
   * unclosed `<` (in operators).
   */
  private readonly implicit: number[] = [0];
  private readonly statements: number[] = [0];
  private readonly savedStatements: number[] = [0];
  private readonly operatorCounts: number[] = [0];
  private readonly angles: number[] = [0];
  /** Levels open, in halves: a member or call link costs esbuild about half what a bracket does. */
  private halves = 0;
  private operators = 0;
  private last: Last = Last.Operand;
  private lastWord = "";
  private afterDot = false;
  private labelCandidate = false;
  /** `function` or `class` seen in an expression (true) or as a statement (false), until its body opens. */
  private pendingBody: { level: number; expression: boolean } | null = null;

  constructor(private readonly limits: NestingLimits) {}

  /** How many brackets are open. */
  get depth(): number {
    return this.top;
  }

  /** Whether a `/` here starts a regular expression (not a division). */
  get regexAllowed(): boolean {
    return this.last !== Last.Value;
  }

  /** Whether the innermost open level is a template's `${`, which a `}` closes back into the template. */
  get inSubstitution(): boolean {
    return this.kinds[this.top] === Kind.Substitution;
  }

  /** An opening `(`, `[`, `{` or `${`. */
  open(character: "(" | "[" | "{" | "${"): Exceeded {
    let kind: Kind;
    if (character === "(") {
      kind =
        CONTROL_HEADS.has(this.lastWord) && this.last !== Last.Value ? Kind.ControlHead : this.last === Last.Value ? Kind.Call : Kind.Group;
      // A call, `f(…)(…)`, is one more link of a chain too.
      if (kind === Kind.Call) this.addLink();
    } else if (character === "[") {
      kind = Kind.Bracket;
      if (this.last === Last.Value) this.addLink();
    } else if (character === "{") {
      kind = this.braceKind();
    } else {
      kind = Kind.Substitution;
    }
    this.top++;
    this.kinds[this.top] = kind;
    this.implicit[this.top] = 0;
    this.statements[this.top] = 0;
    this.savedStatements[this.top] = 0;
    this.operatorCounts[this.top] = 0;
    this.angles[this.top] = 0;
    this.halves += 2;
    this.last = Last.Operand;
    this.lastWord = "";
    this.afterDot = false;
    return this.exceeded();
  }

  /** A closing `)`, `]` or `}` (also the `}` that ends a `${`). */
  close(): void {
    if (this.top === 0) return;
    const kind = this.kinds[this.top] as Kind;
    this.endStatement();
    this.halves -= 2;
    this.top--;
    if (this.pendingBody !== null && this.pendingBody.level > this.top) this.pendingBody = null;
    this.last = kind === Kind.Block ? Last.Statement : kind === Kind.ControlHead ? Last.Body : Last.Value;
    this.lastWord = "";
    this.afterDot = false;
  }

  /** `;`: the statement ends; its statement words are kept for an `else` that may follow. */
  semicolon(): void {
    const saved = this.statements[this.top] as number;
    this.endStatement();
    this.savedStatements[this.top] = saved;
    this.last = Last.Operand;
    this.lastWord = "";
    this.afterDot = false;
  }

  /** `,`: ends an element, an argument, an arrow's body or a ternary; in parentheses it is a chain (`(a, b, c)`). */
  comma(): Exceeded {
    const level = this.top;
    this.halves -= this.implicit[level] as number;
    this.implicit[level] = 0;
    let exceeded: Exceeded = null;
    if (this.kinds[level] === Kind.Group) {
      exceeded = this.addOperators(1);
    } else {
      this.operators -= this.operatorCounts[level] as number;
      this.operatorCounts[level] = 0;
    }
    this.last = Last.Operand;
    this.lastWord = "";
    this.afterDot = false;
    return exceeded;
  }

  /** `=>`: the arrow's body nests, and costs the parsers about two levels. */
  arrow(): Exceeded {
    this.last = Last.Body;
    this.lastWord = "";
    return this.addImplicit(2);
  }

  /** A ternary's `?`. */
  question(): Exceeded {
    this.last = Last.Operand;
    this.lastWord = "";
    return this.addImplicit(1);
  }

  /** `.` or `?.` (a member chain nests half a level per link), or a spread's `...`. */
  dot(spread = false): Exceeded {
    this.last = Last.Operand;
    this.lastWord = "";
    this.afterDot = !spread;
    return spread ? this.addOperators(1) : this.addLink();
  }

  /**
   * Any other operator, one count per character: `+`, `=`, `:`, `&&`… A prefix (`!`, `~`, and
   * `+`/`-` where an operand is due) nests its operand, as deep for the parsers as a bracket,
   * so it counts as a level; `x++`, `x--` and TypeScript's `x!` end a value.
   */
  operator(text: string): Exceeded {
    if (text === ":" && this.labelCandidate && this.lastWord !== "") {
      this.labelCandidate = false;
      this.last = Last.Body;
      this.lastWord = "";
      this.statements[this.top] = (this.statements[this.top] as number) + 2;
      this.halves += 2;
      return this.exceeded();
    }
    this.lastWord = "";
    this.afterDot = false;
    if (this.last === Last.Value && (text === "++" || text === "--" || text === "!")) return this.addOperators(1);
    // Right-associative: `a = b = …` and `a ** b ** …` nest as prefixes do.
    if (this.last === Last.Value && (ASSIGNMENT.test(text) || text === "**")) {
      this.last = Last.Operand;
      return this.addImplicit(1);
    }
    let exceeded: Exceeded = null;
    for (let index = 0; index < text.length && exceeded === null; index++) {
      const character = text[index];
      const operandDue = this.last !== Last.Value;
      this.last = Last.Operand;
      if (operandDue && (character === "!" || character === "~" || character === "+" || character === "-")) {
        exceeded = this.addImplicit(1);
      } else if (character === "<") {
        this.angles[this.top] = (this.angles[this.top] as number) + 1;
        this.operators++;
        exceeded = this.exceeded();
      } else if (character === ">" && (this.angles[this.top] as number) > 0) {
        this.angles[this.top] = (this.angles[this.top] as number) - 1;
        this.operators--;
      } else {
        exceeded = this.addOperators(1);
      }
    }
    return exceeded;
  }

  /** A number, string, regular expression or whole template: a value. */
  value(newLineBefore: boolean): void {
    this.startsStatement(newLineBefore);
    this.last = Last.Value;
    this.lastWord = "";
    this.afterDot = false;
  }

  /** A regular expression whose groups nest `groups` deep: its validator recurses on them. */
  regex(groups: number, newLineBefore: boolean): Exceeded {
    this.value(newLineBefore);
    return this.halves + 2 * groups > 2 * this.limits.levels ? "levels" : null;
  }

  /** A template's opening backtick: like a value, but its substitutions follow. */
  templateStart(newLineBefore: boolean): void {
    // A template after a value is a tagged template: the chain goes on.
    if (this.last !== Last.Value) this.startsStatement(newLineBefore);
  }

  /** A name or keyword. */
  word(word: string, newLineBefore: boolean): Exceeded {
    if (this.afterDot) {
      // A property name, whatever it spells.
      this.afterDot = false;
      this.last = Last.Value;
      this.lastWord = "";
      return null;
    }
    if (!CONTINUING_WORDS.has(word)) this.startsStatement(newLineBefore);
    // `name:` where a statement starts is a label, which nests the statement after it.
    this.labelCandidate = this.lastWord !== "case" && (this.last === Last.Body || this.last === Last.Statement || this.atStatementStart());
    this.lastWord = word;
    if (word === "else") {
      // `if (a) x; else if (b) y; else …` nests as deep as it is long: take back what `;` cleared.
      const level = this.top;
      const saved = this.savedStatements[level] as number;
      if (saved > (this.statements[level] as number)) {
        this.halves += saved - (this.statements[level] as number);
        this.statements[level] = saved;
      }
      this.last = Last.Body;
      return this.exceeded();
    }
    if (STATEMENT_WORDS.has(word)) {
      this.last = word === "do" ? Last.Body : Last.Operand;
      this.statements[this.top] = (this.statements[this.top] as number) + 2;
      this.halves += 2;
      return this.exceeded();
    }
    if (word === "function" || word === "class") {
      this.pendingBody = { level: this.top, expression: this.last === Last.Operand && !this.atStatementStart() };
      this.last = Last.Operand;
      // A function costs the parsers a level besides its body's braces, as an arrow does.
      return word === "function" ? this.addImplicit(1) : null;
    }
    if (word === "async") {
      this.last = Last.Value;
      return this.addImplicit(2);
    }
    const prefix = PREFIX_WORDS.get(word);
    if (prefix !== undefined) {
      this.last = Last.Operand;
      return this.addImplicit(prefix);
    }
    const weight = OPERATOR_WORDS.get(word);
    if (weight !== undefined) {
      this.last = BODY_BEFORE.has(word) ? Last.Body : Last.Operand;
      return weight > 0 ? this.addOperators(weight) : null;
    }
    this.last = BODY_BEFORE.has(word) ? Last.Body : Last.Value;
    return null;
  }

  private braceKind(): Kind {
    const pending = this.pendingBody;
    if (pending !== null && pending.level === this.top) {
      this.pendingBody = null;
      return pending.expression ? Kind.Object : Kind.Block;
    }
    if (this.last === Last.Statement || this.last === Last.Body || BODY_BEFORE.has(this.lastWord)) return Kind.Block;
    if (this.last === Last.Operand) return this.atStatementStart() ? Kind.Block : Kind.Object;
    // After a name (`class A {`, `interface I {`) or a `)` (a method's or function's body).
    return Kind.Block;
  }

  /** Whether the last token ended a statement, so an expression cannot be continuing. */
  private atStatementStart(): boolean {
    const kind = this.kinds[this.top];
    const nothingYet =
      (this.implicit[this.top] as number) === 0 &&
      (this.operatorCounts[this.top] as number) === 0 &&
      (this.statements[this.top] as number) === 0 &&
      (this.angles[this.top] as number) === 0;
    return nothingYet && (kind === Kind.Root || kind === Kind.Block) && this.lastWord !== "return" && this.lastWord !== "throw";
  }

  /** A token that cannot continue an expression ends the statement before it, after a new line or a block. */
  private startsStatement(newLineBefore: boolean): void {
    if (this.last === Last.Statement || (newLineBefore && this.last === Last.Value)) this.endStatement();
  }

  private endStatement(): void {
    const level = this.top;
    this.halves -= (this.implicit[level] as number) + (this.statements[level] as number);
    this.operators -= (this.operatorCounts[level] as number) + (this.angles[level] as number);
    this.implicit[level] = 0;
    this.statements[level] = 0;
    this.savedStatements[level] = 0;
    this.operatorCounts[level] = 0;
    this.angles[level] = 0;
  }

  private addImplicit(levels: number): Exceeded {
    this.implicit[this.top] = (this.implicit[this.top] as number) + 2 * levels;
    this.halves += 2 * levels;
    this.afterDot = false;
    return this.exceeded();
  }

  /** A member access or a call: half a level. */
  private addLink(): Exceeded {
    this.implicit[this.top] = (this.implicit[this.top] as number) + 1;
    this.halves += 1;
    return this.exceeded();
  }

  private addOperators(count: number): Exceeded {
    this.operatorCounts[this.top] = (this.operatorCounts[this.top] as number) + count;
    this.operators += count;
    return this.exceeded();
  }

  private exceeded(): Exceeded {
    if (this.halves > 2 * this.limits.levels) return "levels";
    if (this.operators > this.limits.operators) return "operators";
    return null;
  }
}
