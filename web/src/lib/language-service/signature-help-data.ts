/** The signature of the call around the cursor, as the worker sends it to the editor. */
export interface SignatureHelp {
  /** Where the call's arguments start. */
  start: number;
  /** `sleep<T>(`: the text before the parameters. */
  prefix: string;
  parameters: string[];
  separator: string;
  /** `): Coroutine<T>`: the text after them. */
  suffix: string;
  /** The index of the parameter the cursor is in. */
  active: number;
  documentation: string;
}
