// The examples gallery's index, made at build time from ../examples as a learning path: the
// topics of examples/learning-path.json in its order, each holding its folders' examples, and
// each example with the words of its NN-name.gallery.json (title, what to watch, the seed it
// comes from, and the warning said before it runs when it ends in an error on purpose). The
// texts come in every language of LANGUAGES; readGallery gives them in one. So does each example's
// code: NN-name.ts has its comments in one language, and NN-name.<language>.ts, when present, is the
// same program with its comments in another (example-comments.ts checks that they are).
//
// A missing or incomplete metadata file, or a folder no topic names, still lands in the gallery
// (titled from its file or folder name) so that nothing is hidden; galleryProblems lists them, and
// web/test/learning-path.test.ts fails on any. So that every example the gallery offers runs, an
// example whose expected output still holds `{?}` placeholders is left out (see examples/README.md).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";
import { commentLanguageOf, isExampleFile, otherLanguages, variantOf, variantPath, variantProblems } from "./example-comments.ts";
import { isLanguage, LANGUAGES, type Language, type Localized } from "./languages.ts";

export { LANGUAGES, type Language, type Localized };

export interface GalleryExample<Text = Localized> {
  /** Path from examples/, e.g. "tasks/01-create-task.ts". */
  path: string;
  title: Text;
  /** What to watch in the step-through view. */
  watch: Text;
  /** The title of the seed tutorial it was translated from. */
  seed: string;
  /** Set when the example ends in an error on purpose (it has an expected-error.txt). */
  intendedError: IntendedError<Text> | null;
  /** The program, its comments in each language (the example's own file where it has no variant in one). */
  code: Text;
}

export interface IntendedError<Text = Localized> {
  /** The error's class, e.g. "DeadlockError". */
  name: string;
  /** Said before the run, e.g. "This one deadlocks: watch which lock each task holds." */
  warning: Text;
}

export interface GalleryGroup<Text = Localized> {
  /** The topic's id in examples/learning-path.json. */
  topic: string;
  title: Text;
  description: Text;
  examples: GalleryExample<Text>[];
}

/** examples/learning-path.json: the seeds' titles and the path's topics, in the order they teach. */
export interface LearningPath {
  seeds: string[];
  topics: { id: string; folders: string[]; title: Localized; description: Localized }[];
}

/** An example's NN-name.gallery.json. */
interface ExampleMetadata {
  seed: string;
  title: Localized;
  watch: Localized;
  warning?: Localized;
}

export const EXAMPLES_DIRECTORY = path.resolve(import.meta.dirname, "../../examples");
const PATH_FILE = "learning-path.json";
const METADATA_SUFFIX = ".gallery.json";

export function readLearningPath(directory = EXAMPLES_DIRECTORY): LearningPath {
  return JSON.parse(readFileSync(path.join(directory, PATH_FILE), "utf8")) as LearningPath;
}

/** The same text in every language: the fallback for what has no metadata yet. */
function untranslated(text: string): Localized {
  return Object.fromEntries(LANGUAGES.map((language) => [language, text])) as Localized;
}

/** "01-create-task.ts" → "Create task". */
function titleOf(name: string): string {
  const words = name.replace(/\.ts$/, "").replace(/^\d+-/, "").replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function readOptional(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

function isRunnable(base: string): boolean {
  return ["expected.txt", "expected-stderr.txt", "expected-error.txt"].every(
    (suffix) => !readOptional(`${base}.${suffix}`)?.includes("{?}"),
  );
}

function readMetadata(base: string): Partial<ExampleMetadata> {
  const text = readOptional(`${base}${METADATA_SUFFIX}`);
  return text === null ? {} : (JSON.parse(text) as Partial<ExampleMetadata>);
}

function readExample(directory: string, examplePath: string): GalleryExample {
  const base = path.join(directory, examplePath.slice(0, -".ts".length));
  const metadata = readMetadata(base);
  // The error named by expected-error.txt ("Name: message"), the file the example tests check the run against.
  const errorName = readOptional(`${base}.expected-error.txt`)?.split(":")[0]?.trim() ?? null;
  return {
    path: examplePath,
    title: metadata.title ?? untranslated(titleOf(path.basename(examplePath))),
    watch: metadata.watch ?? untranslated(""),
    seed: metadata.seed ?? "",
    intendedError: errorName === null ? null : { name: errorName, warning: metadata.warning ?? untranslated("") },
    code: readCode(directory, examplePath),
  };
}

/** The example's code in every language: its variant in that language, or else its own file. */
function readCode(directory: string, examplePath: string): Localized {
  const code = readFileSync(path.join(directory, examplePath), "utf8");
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, readOptional(path.join(directory, variantPath(examplePath, language))) ?? code]),
  ) as Localized;
}

function exampleFolders(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function examplesOf(directory: string, folder: string): GalleryExample[] {
  return readdirSync(path.join(directory, folder))
    .filter((file) => isExampleFile(file) && isRunnable(path.join(directory, folder, file.slice(0, -".ts".length))))
    .sort()
    .map((file) => readExample(directory, `${folder}/${file}`));
}

/** The path's topics with every language's texts, then a group for each folder no topic names. */
export function readLearningGroups(directory = EXAMPLES_DIRECTORY): GalleryGroup[] {
  const { topics } = readLearningPath(directory);
  const present = new Set(exampleFolders(directory));
  const named = new Set(topics.flatMap((topic) => topic.folders));
  const groups: GalleryGroup[] = topics.map((topic) => ({
    topic: topic.id,
    title: topic.title,
    description: topic.description,
    examples: topic.folders.filter((folder) => present.has(folder)).flatMap((folder) => examplesOf(directory, folder)),
  }));
  for (const folder of present) {
    if (!named.has(folder))
      groups.push({
        topic: folder,
        title: untranslated(titleOf(folder)),
        description: untranslated(""),
        examples: examplesOf(directory, folder),
      });
  }
  return groups.filter((group) => group.examples.length > 0);
}

/** The texts of an example or a group in one language. */
export function inLanguage(groups: GalleryGroup[], language: Language): GalleryGroup<string>[] {
  return groups.map((group) => ({
    ...group,
    title: group.title[language],
    description: group.description[language],
    examples: group.examples.map((example) => ({
      ...example,
      title: example.title[language],
      watch: example.watch[language],
      intendedError: example.intendedError && { name: example.intendedError.name, warning: example.intendedError.warning[language] },
      code: example.code[language],
    })),
  }));
}

/** The gallery as the page shows it in `language`. */
export function readGallery(directory = EXAMPLES_DIRECTORY, language: Language = LANGUAGES[0]): GalleryGroup<string>[] {
  return inLanguage(readLearningGroups(directory), language);
}

/**
 * What keeps the examples from being a complete path, one sentence each: a folder no topic
 * names, a topic naming no folder, an example without its title, what to watch (in every
 * language) or a known seed, a warning that does not match whether it ends in an error, and
 * comments not in every language (commentProblems).
 */
export function galleryProblems(directory = EXAMPLES_DIRECTORY): string[] {
  const { seeds, topics } = readLearningPath(directory);
  const present = exampleFolders(directory);
  const named = topics.flatMap((topic) => topic.folders);
  const problems: string[] = [];
  for (const folder of present) if (!named.includes(folder)) problems.push(`examples/${folder}/ is in no topic of ${PATH_FILE}`);
  for (const folder of named) if (!present.includes(folder)) problems.push(`${PATH_FILE} names examples/${folder}/, which does not exist`);
  for (const topic of topics) {
    for (const language of LANGUAGES) {
      if (!topic.title?.[language] || !topic.description?.[language])
        problems.push(`topic ${topic.id} lacks its title or description in ${language}`);
    }
  }
  for (const folder of present) {
    for (const file of readdirSync(path.join(directory, folder)).filter(isExampleFile)) {
      const example = `${folder}/${file}`;
      const base = path.join(directory, example.slice(0, -".ts".length));
      const metadataFile = `examples/${example.slice(0, -".ts".length)}${METADATA_SUFFIX}`;
      if (!existsSync(`${base}${METADATA_SUFFIX}`)) {
        problems.push(`${example} has no ${metadataFile}`);
        continue;
      }
      const metadata = readMetadata(base);
      if (!seeds.includes(metadata.seed ?? ""))
        problems.push(`${metadataFile}: seed "${metadata.seed ?? ""}" is not a seed title of ${PATH_FILE}`);
      const endsInError = existsSync(`${base}.expected-error.txt`);
      for (const language of LANGUAGES) {
        if (!metadata.title?.[language]?.trim()) problems.push(`${metadataFile} has no title in ${language}`);
        if (!metadata.watch?.[language]?.trim()) problems.push(`${metadataFile} has no text on what to watch in ${language}`);
        if (endsInError && !metadata.warning?.[language]?.trim())
          problems.push(`${metadataFile} has no warning in ${language}, but the example ends in an error on purpose`);
      }
      if (!endsInError && metadata.warning !== undefined)
        problems.push(`${metadataFile} has a warning, but the example has no expected-error.txt`);
    }
  }
  return [...problems, ...commentProblems(directory)];
}

/**
 * What keeps the examples' comments from being in every language, one sentence each: an
 * example with comments but without its variant in another language, a variant whose code
 * differs from its example's or whose comments are still in the wrong language, and a variant
 * with no example, in an unknown language or in the example's own.
 */
export function commentProblems(directory = EXAMPLES_DIRECTORY): string[] {
  const problems: string[] = [];
  for (const folder of exampleFolders(directory)) {
    const files = readdirSync(path.join(directory, folder)).filter((name) => name.endsWith(".ts"));
    for (const file of files.filter(isExampleFile)) {
      const example = `${folder}/${file}`;
      const code = readFileSync(path.join(directory, example), "utf8");
      const language = commentLanguageOf(code);
      if (language === null) continue;
      for (const other of otherLanguages(language)) {
        const variant = variantPath(example, other);
        const variantCode = readOptional(path.join(directory, variant));
        if (variantCode === null)
          problems.push(
            `examples/${example} has comments in ${language} but no examples/${variant}: add it, the same code with the comments in ${other}`,
          );
        else problems.push(...variantProblems(`examples/${example}`, code, `examples/${variant}`, variantCode, other));
      }
    }
    for (const file of files) {
      const variant = variantOf(file);
      if (variant === null) continue;
      const example = `${folder}/${variant.example}`;
      if (!files.includes(variant.example))
        problems.push(`examples/${folder}/${file} is a translation of examples/${example}, which does not exist: rename or remove it`);
      else if (!isLanguage(variant.language))
        problems.push(
          `examples/${folder}/${file} is in an unknown language "${variant.language}": name it NN-name.<language>.ts, one of ${LANGUAGES.join(", ")}`,
        );
      else if (commentLanguageOf(readFileSync(path.join(directory, example), "utf8")) === variant.language)
        problems.push(
          `examples/${folder}/${file} has the comments of examples/${example} in their own language, ${variant.language}: remove it`,
        );
    }
  }
  return problems;
}

const MODULE_ID = "virtual:looplab-examples";
const RESOLVED_ID = `\0${MODULE_ID}`;

/** `import gallery from "virtual:looplab-examples"` gives the groups in every language; rebuilt when examples change. */
export function examplesPlugin(directory = EXAMPLES_DIRECTORY): Plugin {
  return {
    name: "looplab-examples",
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(directory);
      return `export default ${JSON.stringify(readLearningGroups(directory))};`;
    },
  };
}
