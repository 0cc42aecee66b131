// Python's built-in exceptions as a module, `import { ValueError } from "builtins"`, so a snippet
// catches them by class: `catch (e) { if (e instanceof ValueError) ... }` stands for
// `except ValueError`. The hierarchy is Python's where JavaScript's allows it: IndexError and
// KeyError are LookupErrors, TimeoutError and the connection errors OSErrors. `Exception` and
// `BaseException` test by Python's rule, not by prototype: every JavaScript error is a
// BaseException, and all but CancelledError, GeneratorExit, KeyboardInterrupt and their like are
// Exceptions.

import * as exceptions from "../asyncio/exceptions.js";
import { makeModule } from "../asyncio/module.js";
import * as networkErrors from "../network/errors.js";

export const builtins = {
  ...makeModule({
    BaseException: exceptions.PythonBaseException,
    Exception: exceptions.PythonException,
    BaseExceptionGroup: exceptions.BaseExceptionGroup,
    ExceptionGroup: exceptions.ExceptionGroup,
    GeneratorExit: exceptions.GeneratorExit,
    KeyboardInterrupt: exceptions.KeyboardInterrupt,
    StopIteration: exceptions.StopIteration,
    StopAsyncIteration: exceptions.StopAsyncIteration,
    ArithmeticError: exceptions.ArithmeticError,
    ZeroDivisionError: exceptions.ZeroDivisionError,
    AssertionError: exceptions.AssertionError,
    AttributeError: exceptions.AttributeError,
    EOFError: exceptions.EOFError,
    LookupError: exceptions.LookupError,
    IndexError: exceptions.IndexError,
    KeyError: exceptions.KeyError,
    RuntimeError: exceptions.RuntimeError,
    NotImplementedError: exceptions.NotImplementedError,
    ValueError: exceptions.ValueError,
    UnicodeDecodeError: networkErrors.UnicodeDecodeError,
    UnicodeEncodeError: networkErrors.UnicodeEncodeError,
    OSError: exceptions.OSError,
    TimeoutError: exceptions.TimeoutError,
    ConnectionError: networkErrors.ConnectionError,
    ConnectionRefusedError: networkErrors.ConnectionRefusedError,
    ConnectionResetError: networkErrors.ConnectionResetError,
    ConnectionAbortedError: networkErrors.ConnectionAbortedError,
    BrokenPipeError: networkErrors.BrokenPipeError,
  }),
  // JavaScript's own, which the engine throws where Python raises TypeError; not wrapped as the
  // others are (that would change the realm's TypeError.prototype.constructor).
  TypeError,
};
