// The types a snippet sees, made from the runtime's own source with the TypeScript compiler, so
// they cannot drift from the code: the runtime's declaration files (its doc comments included,
// for hover documentation), placed in the editor's virtual file system under
// node_modules/@looplab/runtime, and one ambient file that declares each module a snippet can
// import (`declare module "asyncio" { ... }`) and the globals (`print`, ...).
//
// The modules are read the way runtime/src/index.ts builds them: its `modules` object maps an
// import name to a module, made by makeModule (which adds a snake_case alias of every camelCase
// name, as python-names.ts's snakeCase spells it) or written as an object. Each member is
// declared as an alias of the runtime's own export (`export import sleep = m3.sleep`), so
// completion, signature help and hover see the declaration itself, generics and docs included.

import path from "node:path";
import ts from "typescript";
import { snakeCase } from "../../runtime/src/python-names.ts";

const RUNTIME_ROOT = path.resolve(import.meta.dirname, "../../runtime");
const RUNTIME_INDEX = path.join(RUNTIME_ROOT, "src/index.ts");
/** Where the runtime's declaration files live in the editor's virtual file system. */
export const RUNTIME_PACKAGE = "/node_modules/@looplab/runtime";
/** The ambient file declaring the modules a snippet can import. */
export const SNIPPET_MODULES_FILE = "/looplab-modules.d.ts";
/** The file declaring a snippet's globals. */
export const SNIPPET_GLOBALS_FILE = "/looplab-globals.d.ts";
/** The standard library a snippet has: what QuickJS runs, with `using` (no DOM, no Node). */
export const SNIPPET_LIBS = ["es2023", "esnext.disposable"];

/**
 * A module's members by name: an export of a runtime file, a class callable without `new`, a
 * nested module (`asyncio.tools`), or a value the runtime does not export, declared by its type.
 */
type Members = Map<string, Member>;
type Member =
  | { kind: "export"; file: string; name: string; declaration?: ts.Declaration }
  | PythonClass
  | { kind: "module"; members: Members }
  | { kind: "type"; text: string; docs: string };

/**
 * A class a snippet can call without `new` (`asyncio.Queue(10)`), as python-class.ts makes it:
 * declared as the class's value with call signatures like its constructor's, and its type.
 */
interface PythonClass {
  kind: "class";
  file: string;
  name: string;
  /** `<T = unknown>` and `<T>`, or empty. */
  typeParameters: string;
  typeArguments: string;
  callSignatures: string[];
  docs: string;
}

export interface SnippetTypes {
  /** Virtual path to text: the runtime's declaration files and SNIPPET_MODULES_FILE. */
  files: Record<string, string>;
  /** Each importable module's top-level names, and the globals' (for tests). */
  moduleNames: Record<string, string[]>;
  globalNames: string[];
}

export function generateSnippetTypes(): SnippetTypes {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"],
    types: [],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    // Members tagged @internal are the runtime's own (a task's step, the loop's ready queue): not offered to a snippet.
    stripInternal: true,
  };
  const program = ts.createProgram([RUNTIME_INDEX], options);
  const checker = program.getTypeChecker();
  const files: Record<string, string> = {};
  program.emit(undefined, (fileName, text) => {
    // Emitted next to the sources (no outDir): map runtime/src/x.d.ts into the package.
    const relative = path.relative(RUNTIME_ROOT, fileName);
    if (!fileName.startsWith(SOURCE_ROOT) || !fileName.endsWith(".d.ts")) return;
    files[`${RUNTIME_PACKAGE}/${relative.split(path.sep).join("/")}`] = text;
  });

  const reader = new ModuleReader(checker);
  const index = program.getSourceFile(RUNTIME_INDEX);
  if (index === undefined) throw new Error(`snippet types: cannot read ${RUNTIME_INDEX}`);
  const modules = reader.objectMembers(exportedObject(index, "modules"));
  const globals = reader.objectMembers(exportedObject(index, "globals"));
  const writer = new DeclarationWriter();
  files[SNIPPET_MODULES_FILE] = writer.modules(modules);
  files[SNIPPET_GLOBALS_FILE] = [writer.globals(globals, coroutineClass(program)), ...classAugmentations(program, checker)].join("\n");
  const moduleNames: Record<string, string[]> = {};
  for (const [name, module] of modules) {
    if (module.kind !== "module") throw new Error(`snippet types: module ${name} is not an object the runtime builds`);
    moduleNames[name] = [...module.members.keys()];
  }
  for (const [name, text] of Object.entries(libraryFiles(SNIPPET_LIBS))) files[`/${name}`] = text;
  return { files, moduleNames, globalNames: [...globals.keys()] };
}

/**
 * What the runtime adds to its classes beyond their declarations, as augmentations of their
 * declaration files: the snake_case spellings python-names.ts's addSnakeCaseAliases gives
 * methods and getters at run time (`fut.set_result`), and what `await` gives for the awaitables.
 */
function classAugmentations(program: ts.Program, checker: ts.TypeChecker): string[] {
  const classes = new Map<ts.ClassDeclaration, string[]>();
  const aliased = aliasedClasses(program, checker);
  for (const [declaration, symbol] of aliased) classes.set(declaration, methodAliases(declaration, symbol, aliased, checker));
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(SOURCE_ROOT)) continue;
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement)) continue;
      const value = awaitedValue(statement);
      if (value !== null) classes.set(statement, [...(classes.get(statement) ?? []), ...thenForAwait(value)]);
    }
  }
  const blocks: string[] = [];
  for (const [declaration, lines] of classes) {
    if (lines.length === 0 || declaration.name === undefined) continue;
    const parameters = declaration.typeParameters
      ? `<${declaration.typeParameters.map((parameter) => parameter.getText()).join(", ")}>`
      : "";
    const file = JSON.stringify(packagePath(declaration.getSourceFile().fileName));
    blocks.push(`declare module ${file} {`, `  interface ${declaration.name.text}${parameters} {`, ...lines, "  }", "}", "");
  }
  return blocks;
}

const SOURCE_ROOT = path.join(RUNTIME_ROOT, "src") + path.sep;

/** The runtime's coroutine: the class that declares the type-level `__result` (what awaiting it gives). */
function coroutineClass(program: ts.Program): ts.ClassDeclaration {
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(SOURCE_ROOT)) continue;
    for (const statement of file.statements) {
      if (ts.isClassDeclaration(statement) && statement.members.some((member) => member.name?.getText() === "__result")) return statement;
    }
  }
  throw new Error("snippet types: no runtime class declares __result (the coroutine)");
}

/** The classes passed to addSnakeCaseAliases. */
function aliasedClasses(program: ts.Program, checker: ts.TypeChecker): Map<ts.ClassDeclaration, ts.Symbol> {
  const classes = new Map<ts.ClassDeclaration, ts.Symbol>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(SOURCE_ROOT)) continue;
    for (const statement of file.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
      const call = statement.expression;
      if (!ts.isIdentifier(call.expression) || call.expression.text !== "addSnakeCaseAliases") continue;
      const argument = call.arguments[0];
      const symbol = argument && checker.getSymbolAtLocation(argument);
      const declaration = symbol?.valueDeclaration;
      if (symbol === undefined || declaration === undefined || !ts.isClassDeclaration(declaration)) {
        throw new Error(`snippet types: addSnakeCaseAliases of something other than a class at ${where(call)}`);
      }
      classes.set(declaration, symbol);
    }
  }
  return classes;
}

function methodAliases(
  declaration: ts.ClassDeclaration,
  symbol: ts.Symbol,
  aliased: Map<ts.ClassDeclaration, ts.Symbol>,
  checker: ts.TypeChecker,
): string[] {
  const instance = checker.getDeclaredTypeOfSymbol(symbol);
  const lines: string[] = [];
  for (const property of checker.getPropertiesOfType(instance)) {
    const name = property.name;
    const alias = snakeCase(name);
    if (alias === name || name.startsWith("_") || name.startsWith("#") || instance.getProperty(alias) !== undefined) continue;
    const member = property.declarations?.[0];
    if (member === undefined || !(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member))) continue;
    if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    // A method inherited from another aliased class is aliased in that class's block.
    const owner = member.parent;
    if (owner !== declaration && ts.isClassDeclaration(owner) && aliased.has(owner)) continue;
    const docs = ts.displayPartsToString(property.getDocumentationComment(checker));
    if (docs !== "") lines.push(`    /** ${docs.replace(/\*\//g, "* /").replace(/\n/g, "\n     * ")} */`);
    const readonly = ts.isGetAccessorDeclaration(member) ? "readonly " : "";
    lines.push(`    ${readonly}${alias}: this[${JSON.stringify(name)}];`);
  }
  return lines;
}

/**
 * What awaiting an instance gives, as a type, for the classes the runtime's await
 * (asyncio/coroutines.ts) accepts: a coroutine (its type-level `__result`), a Future (its
 * result) and an object with `__await__`; null for any other class.
 */
function awaitedValue(declaration: ts.ClassDeclaration): string | null {
  const member = (name: string) => declaration.members.find((candidate) => candidate.name?.getText() === name);
  const result = member("__result");
  if (result !== undefined && ts.isPropertyDeclaration(result) && result.type !== undefined) return result.type.getText();
  if (declaration.name?.text === "Future" && declaration.getSourceFile().fileName.endsWith(`${path.sep}futures.ts`)) {
    return 'ReturnType<this["result"]>';
  }
  if (member("__await__") !== undefined) return 'Awaited<ReturnType<this["__await__"]>>';
  return null;
}

/**
 * TypeScript knows what `await` gives only through a then() method, which the runtime's
 * awaitables do not have (the compile step lowers `await` to the runtime's own protocol): a
 * declaration of one, for the types alone, marked deprecated so that completion strikes it out.
 */
function thenForAwait(value: string): string[] {
  return [
    "    /** @deprecated Not a method of the runtime: declared so that TypeScript knows what `await` gives. */",
    `    then<Fulfilled = ${value}, Rejected = never>(onFulfilled?: ((value: ${value}) => Fulfilled | PromiseLike<Fulfilled>) | null, onRejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null): PromiseLike<Fulfilled | Rejected>;`,
  ];
}

/** TypeScript's lib files for `libs`, with every lib they reference, by file name (lib.es2023.d.ts). */
function libraryFiles(libs: readonly string[]): Record<string, string> {
  const directory = path.dirname(ts.getDefaultLibFilePath({}));
  const files: Record<string, string> = {};
  const pending = [...libs];
  for (let lib = pending.pop(); lib !== undefined; lib = pending.pop()) {
    const name = `lib.${lib}.d.ts`;
    if (name in files) continue;
    const text = ts.sys.readFile(path.join(directory, name));
    if (text === undefined) throw new Error(`snippet types: TypeScript has no ${name}`);
    files[name] = text;
    for (const reference of text.matchAll(/\/\/\/ <reference lib="([^"]+)" \/>/g)) pending.push(reference[1]!);
  }
  return files;
}

function exportedObject(file: ts.SourceFile, name: string): ts.ObjectLiteralExpression {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
        const initializer = skipOuter(declaration.initializer);
        if (ts.isObjectLiteralExpression(initializer)) return initializer;
      }
    }
  }
  throw new Error(`snippet types: ${file.fileName} has no object ${name}`);
}

function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
    current = current.expression;
  }
  return current;
}

/** Follows the runtime's module objects from their expressions to the declarations they hold. */
class ModuleReader {
  constructor(private readonly checker: ts.TypeChecker) {}

  objectMembers(object: ts.ObjectLiteralExpression): Members {
    const members: Members = new Map();
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) {
        for (const [name, member] of this.spreadMembers(property.expression)) members.set(name, member);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const symbol = this.checker.getShorthandAssignmentValueSymbol(property);
        members.set(property.name.text, this.memberOf(symbol, property.name));
      } else if (ts.isPropertyAssignment(property)) {
        const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
        if (name === undefined) throw new Error(`snippet types: a computed member name at ${where(property)}`);
        const member = this.expressionMember(property.initializer);
        members.set(name, member.kind === "type" ? this.typed(property.initializer, property) : member);
      } else if (ts.isMethodDeclaration(property) && ts.isIdentifier(property.name)) {
        members.set(property.name.text, this.typed(property.name, property));
      } else {
        throw new Error(`snippet types: a module member that is not a plain property at ${where(property)}`);
      }
    }
    return members;
  }

  private expressionMember(expression: ts.Expression): Member {
    const inner = skipOuter(expression);
    if (ts.isCallExpression(inner) && isMakeModule(inner)) return { kind: "module", members: this.makeModuleMembers(inner) };
    if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === "pythonClass" && inner.arguments[0]) {
      return this.pythonClass(this.expressionMember(inner.arguments[0]));
    }
    if (ts.isObjectLiteralExpression(inner)) return { kind: "module", members: this.objectMembers(inner) };
    if (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner)) {
      const symbol = this.checker.getSymbolAtLocation(inner);
      return this.memberOf(symbol, inner);
    }
    // Anything else (a function written in place, a literal): declared by its type.
    return this.typed(inner, inner);
  }

  private makeModuleMembers(call: ts.CallExpression): Members {
    const argument = call.arguments[0];
    if (argument === undefined) throw new Error(`snippet types: makeModule without members at ${where(call)}`);
    const members = withSnakeCaseAliases(this.spreadMembers(argument));
    // As makeModule does: a capitalised member that is a class is callable without `new`.
    for (const [name, member] of members) if (/^[A-Z]/.test(name)) members.set(name, this.pythonClass(member));
    return members;
  }

  /** The member as a class callable without `new`, when it is a class; otherwise as it is. */
  private pythonClass(member: Member): Member {
    if (member.kind !== "export" || member.declaration === undefined || !ts.isClassDeclaration(member.declaration)) return member;
    const declaration = member.declaration;
    const symbol = declaration.name && this.checker.getSymbolAtLocation(declaration.name);
    if (symbol === undefined) return member;
    const constructors = this.checker.getTypeOfSymbolAtLocation(symbol, declaration).getConstructSignatures();
    const callSignatures = constructors.map((signature) => {
      const node = this.checker.signatureToSignatureDeclaration(signature, ts.SyntaxKind.CallSignature, undefined, TYPE_FLAGS);
      if (node === undefined) throw new Error(`snippet types: cannot write ${member.name}'s constructor at ${where(declaration)}`);
      return this.print(node, declaration.getSourceFile());
    });
    const parameters = declaration.typeParameters ?? [];
    return {
      kind: "class",
      file: member.file,
      name: member.name,
      typeParameters: parameters.length === 0 ? "" : `<${parameters.map((parameter) => parameter.getText()).join(", ")}>`,
      typeArguments: parameters.length === 0 ? "" : `<${parameters.map((parameter) => parameter.name.text).join(", ")}>`,
      callSignatures,
      docs: docsOf(declaration),
    };
  }

  private spreadMembers(expression: ts.Expression): Members {
    const member = this.expressionMember(expression);
    if (member.kind === "module") return member.members;
    throw new Error(`snippet types: a spread of something other than a module at ${where(expression)}`);
  }

  private memberOf(symbol: ts.Symbol | undefined, at: ts.Node): Member {
    if (symbol === undefined) throw new Error(`snippet types: no symbol for ${at.getText()} at ${where(at)}`);
    const original = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    const declaration = original.valueDeclaration ?? original.declarations?.[0];
    if (declaration === undefined) throw new Error(`snippet types: no declaration for ${at.getText()} at ${where(at)}`);
    if (ts.isSourceFile(declaration)) {
      // `import * as tools from "./tools.js"`: the file's exports.
      const members: Members = new Map();
      for (const exported of this.checker.getExportsOfModule(original)) {
        members.set(exported.name, { kind: "export", file: declaration.fileName, name: exported.name });
      }
      return { kind: "module", members };
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      // A module object built where it is declared (gevent's `monkey`, a local `functions` table).
      if ((ts.isCallExpression(initializer) && isMakeModule(initializer)) || ts.isObjectLiteralExpression(initializer)) {
        return this.expressionMember(initializer);
      }
    }
    const exportName = this.exportNameOf(original, declaration.getSourceFile());
    if (exportName !== undefined) return { kind: "export", file: declaration.getSourceFile().fileName, name: exportName, declaration };
    // A value the runtime does not export by itself (a local function in module.ts): its type.
    return this.typed(at, declaration);
  }

  /** The name the declaring file exports the symbol under, if it does. */
  private exportNameOf(symbol: ts.Symbol, file: ts.SourceFile): string | undefined {
    const fileSymbol = this.checker.getSymbolAtLocation(file);
    if (fileSymbol === undefined) return undefined;
    for (const exported of this.checker.getExportsOfModule(fileSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(exported) : exported;
      if (target === symbol) return exported.name;
    }
    return undefined;
  }

  /** A member declared by its type, with the doc comment written on `documented`. */
  private typed(node: ts.Node, documented: ts.Node): Member {
    return { kind: "type", text: this.typeText(node), docs: docsOf(documented) };
  }

  /** A value's type as text that stands alone: names from other files become import("...") types. */
  private typeText(node: ts.Node): string {
    const type = this.checker.getTypeAtLocation(node);
    const typeNode = this.checker.typeToTypeNode(type, undefined, TYPE_FLAGS);
    if (typeNode === undefined) throw new Error(`snippet types: cannot write the type of ${node.getText()} at ${where(node)}`);
    return this.print(typeNode, node.getSourceFile());
  }

  /** A type or signature the checker built, as text; names from other files become import("...") types. */
  private print(node: ts.Node, file: ts.SourceFile): string {
    const text = ts.createPrinter({ removeComments: true }).printNode(ts.EmitHint.Unspecified, node, file);
    // The checker names other files by their path on this machine: name them as the package's.
    return text.replace(/import\("([^"]+)"(?:, \{ with: \{ "resolution-mode": "import" \} \})?\)/g, (whole, imported: string) =>
      path.isAbsolute(imported) && imported.startsWith(RUNTIME_ROOT) ? `import(${JSON.stringify(packagePath(`${imported}.ts`))})` : whole,
    );
  }
}

const TYPE_FLAGS =
  ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.UseFullyQualifiedType | ts.NodeBuilderFlags.GenerateNamesForShadowedTypeParams;

/** The doc comments written on a declaration, as they are written. */
function docsOf(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => doc.getText())
    .join("\n");
}

/** As makeModule does: a camelCase name also answers to its snake_case spelling. */
function withSnakeCaseAliases(members: Members): Members {
  const aliased = new Map(members);
  for (const [name, member] of members) {
    if (/^[A-Z]/.test(name)) continue;
    const alias = snakeCase(name);
    if (alias !== name && !members.has(alias)) aliased.set(alias, member);
  }
  return aliased;
}

function isMakeModule(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === "makeModule";
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(RUNTIME_ROOT, file.fileName)}:${line + 1}`;
}

/** The module path of a runtime file in the virtual file system, as an import names it. */
function packagePath(file: string): string {
  const relative = path.relative(RUNTIME_ROOT, file).split(path.sep).join("/");
  return `@looplab/runtime/${relative.replace(/\.ts$/, ".js")}`;
}

/** Writes the ambient declarations: one `declare module` per importable module, and the globals. */
class DeclarationWriter {
  /** Each runtime file a block uses, imported once in that block as runtime0, runtime1, ... */
  private imports = new Map<string, string>();

  /**
   * A script (no top-level import), so that each `declare module` declares a module rather than
   * augmenting one. Each module is a namespace given as `export =`, so that it is imported as a
   * whole (`import asyncio from "asyncio"`, as index.ts's requireModule gives it) or by names.
   */
  modules(modules: Members): string {
    const lines = [GENERATED];
    for (const [name, module] of modules) {
      if (module.kind !== "module") throw new Error(`snippet types: module ${name} is not an object the runtime builds`);
      const namespace = identifierFor(name);
      const body = this.block(module.members, "    ");
      const imports = body.filter((line) => line.startsWith("    import ")).map((line) => line.slice(2));
      const members = body.filter((line) => !line.startsWith("    import "));
      lines.push(
        `declare module ${JSON.stringify(name)} {`,
        ...imports,
        `  namespace ${namespace} {`,
        ...members,
        "  }",
        `  export = ${namespace};`,
        "}",
        "",
      );
    }
    return lines.join("\n");
  }

  /** A module file whose `declare global` block holds the globals. */
  globals(globals: Members, coroutine: ts.ClassDeclaration): string {
    const members = this.block(globals, "  ");
    const coroutineName = coroutine.name?.text ?? "Coroutine";
    return [
      GENERATED,
      ...members.filter((line) => line.startsWith("  import ")).map((line) => line.slice(2)),
      `import type { ${coroutineName} as RuntimeCoroutine } from ${JSON.stringify(packagePath(coroutine.getSourceFile().fileName))};`,
      "declare global {",
      ...members.filter((line) => !line.startsWith("  import ")),
      // The compile step lowers a snippet's async functions to the runtime's coroutines, which
      // TypeScript types as Promises: so a Promise is a coroutine (createTask(main()) and
      // coro.send() check), at the price of also letting a native Promise through.
      "  interface Promise<T> extends RuntimeCoroutine<T> {}",
      "}",
      "export {};",
      "",
    ].join("\n");
  }

  /** The block's imports, then its members. */
  private block(members: Members, indent: string): string[] {
    this.imports = new Map();
    const body = this.memberLines(members, indent);
    const imports = [...this.imports].map(([file, alias]) => `${indent}import * as ${alias} from ${JSON.stringify(packagePath(file))};`);
    return [...imports, ...body];
  }

  private alias(file: string): string {
    let alias = this.imports.get(file);
    if (alias === undefined) {
      alias = `runtime${this.imports.size}`;
      this.imports.set(file, alias);
    }
    return alias;
  }

  private memberLines(members: Members, indent: string): string[] {
    const lines: string[] = [];
    for (const [name, member] of members) {
      if (member.kind === "export") {
        lines.push(`${indent}export import ${name} = ${this.alias(member.file)}.${member.name};`);
      } else if (member.kind === "class") {
        const declared = `${this.alias(member.file)}.${member.name}`;
        lines.push(...docLines(member.docs, indent));
        lines.push(`${indent}export const ${name}: typeof ${declared} & { ${member.callSignatures.join(" ")} };`);
        lines.push(`${indent}export type ${name}${member.typeParameters} = ${declared}${member.typeArguments};`);
      } else if (member.kind === "type") {
        lines.push(...docLines(member.docs, indent));
        lines.push(`${indent}export const ${name}: ${member.text};`);
      } else {
        lines.push(`${indent}export namespace ${name} {`, ...this.memberLines(member.members, `${indent}  `), `${indent}}`);
      }
    }
    return lines;
  }
}

/** A doc comment re-indented to stand before a declaration at `indent`. */
function docLines(docs: string, indent: string): string[] {
  if (docs === "") return [];
  return docs.split("\n").map((line) => `${indent}${line.trim().startsWith("*") ? " " : ""}${line.trim()}`);
}

/** A module's name as a namespace's (all of today's are identifiers already). */
function identifierFor(name: string): string {
  return name.replace(/[^A-Za-z0-9_$]/g, "_");
}

const GENERATED = "// Generated by web/build/snippet-types.ts from the runtime's source.";
