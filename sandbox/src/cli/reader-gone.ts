// A reader that goes away early (`looplab run --events FILE | head -1`) closes the pipe, and
// the next write fails with EPIPE. That is the reader's choice, not a failure of the command:
// it stops the run and exits quietly, with the status a shell gives a command that a closed
// pipe ended (`yes | head -1`), so that `set -o pipefail` scripts can tell it from a finished run.

/** 128 + SIGPIPE (13): what a shell reports for a command ended by a closed pipe. */
export const READER_GONE_STATUS = 141;

const gone = new AbortController();

/** Aborted once stdout's or stderr's reader has gone away. */
export const readerGone: AbortSignal = gone.signal;

/** Turns EPIPE on stdout and stderr into `readerGone`; any other write error stays an error. */
export function watchForGoneReaders(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      gone.abort();
    });
  }
}

/** Writes `text` unless the stream's reader has gone away (a write to a closed pipe would fail again). */
export function write(stream: NodeJS.WriteStream, text: string): void {
  if (!readerGone.aborted) stream.write(text);
}
