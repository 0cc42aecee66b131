// The `contextvars` module a snippet imports (Python's PEP 567 API): see context-vars.ts.

import { makeModule } from "../asyncio/module.js";
import { Context, ContextVar, copyContext, Token } from "./context-vars.js";

export const contextvars = makeModule({ ContextVar, Token, Context, copyContext });
