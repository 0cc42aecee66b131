"""Times one asyncio program under CPython for the Looplab benchmark.

Reads {"source", "warmups", "repetitions"} as JSON on stdin and prints
{"times_ms", "cpu_ms", "output", "python"} or {"error"} as JSON on stdout: the wall and the
process CPU milliseconds of each timed run.

The program runs on a stock SelectorEventLoop whose clock is virtual, as Looplab's is: when
nothing is ready, time jumps to the next timer instead of blocking in select(). Everything
else (tasks, futures, timers, the ready queue) is CPython's own asyncio, C accelerators included.
"""

import asyncio
import contextlib
import io
import json
import platform
import sys
import time


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._virtual_now = 0.0
        poll = self._selector.select

        def select(timeout=None):
            if timeout is None:
                raise RuntimeError("deadlock: nothing is ready and no timer is left")
            self._virtual_now += max(timeout, 0)
            return poll(0)

        self._selector.select = select

    def time(self):
        return self._virtual_now


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


def run_once(code):
    output = io.StringIO()
    cpu_started = time.process_time()
    started = time.perf_counter()
    with contextlib.redirect_stdout(output):
        exec(code, {"__name__": "__main__"})
    elapsed = time.perf_counter() - started
    return elapsed * 1000, (time.process_time() - cpu_started) * 1000, output.getvalue()


def main():
    request = json.load(sys.stdin)
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    try:
        code = compile(request["source"], "workload.py", "exec")
        for _ in range(request["warmups"]):
            run_once(code)
        times = []
        cpu_times = []
        for _ in range(request["repetitions"]):
            elapsed, cpu, output = run_once(code)
            times.append(elapsed)
            cpu_times.append(cpu)
    except BaseException as error:  # noqa: BLE001 - reported to the bench, which goes on
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        return
    print(json.dumps({"times_ms": times, "cpu_ms": cpu_times, "output": output, "python": platform.python_version()}))


main()
