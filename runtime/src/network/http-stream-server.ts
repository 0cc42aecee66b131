// HTTP/1.1 over a raw simulated connection, the server's side: what answers
// `asyncio.open_connection("example.com", 80)` and `GET / HTTP/1.1`. One request per
// connection: the answer says `Connection: close` and the server closes after it, so a client
// reading to the end of the stream stops there.

import type { EventLoop } from "../asyncio/loop.js";
import { ByteBuffer } from "./byte-buffer.js";
import { type Bytes, decodeBytes, encodeText } from "./bytes.js";
import { networkDeadline } from "./hosts.js";
import { HttpRequest, type HttpResponse, parseRequestHead, textResponse } from "./http-message.js";
import type { HttpSite } from "./http-site.js";
import type { Protocol, Transport } from "./transport.js";
import { InvalidURL, URL } from "./url.js";

const HEAD_END = encodeText("\r\n\r\n");
/** aiohttp's limit on a request head. */
const MAX_HEAD = 8190;

export class HttpStreamServer implements Protocol {
  private transport: Transport | null = null;
  private readonly buffer = new ByteBuffer();
  private answered = false;

  constructor(
    private readonly site: HttpSite,
    private readonly loop: EventLoop,
  ) {}

  connectionMade(transport: Transport): void {
    this.transport = transport;
  }

  dataReceived(data: Bytes): void {
    if (this.answered) return;
    this.buffer.append(data);
    this.answerWhenComplete();
  }

  eofReceived(): boolean {
    return false;
  }

  connectionLost(): void {
    this.transport = null;
  }

  pauseWriting(): void {}

  resumeWriting(): void {}

  private answerWhenComplete(): void {
    const headEnd = this.buffer.indexOf(HEAD_END);
    if (headEnd === -1) {
      if (this.buffer.length > MAX_HEAD) this.send(textResponse(400, "400: Bad Request", "text/plain"));
      return;
    }
    const head = parseRequestHead(decodeBytes(this.buffer.peek(headEnd), "latin-1"));
    if (head === null) {
      this.send(textResponse(400, "400: Bad Request", "text/plain"));
      return;
    }
    const length = Number(head.headers.get("Content-Length") ?? "0");
    if (this.buffer.length < headEnd + HEAD_END.length + length) return;
    this.buffer.discard(headEnd + HEAD_END.length);
    const body = this.buffer.take(length);
    let url: URL;
    try {
      url = head.target.startsWith("/")
        ? URL.parse(`http://${head.headers.get("Host") ?? this.site.name}${head.target}`)
        : URL.parse(head.target);
    } catch (error) {
      if (!(error instanceof InvalidURL)) throw error;
      this.send(textResponse(400, "400: Bad Request", "text/plain"));
      return;
    }
    this.answered = true;
    const answer = this.site.answer(new HttpRequest(head.method, url, head.headers, body), this.loop);
    if ("serverTime" in answer) {
      this.loop.callAt(networkDeadline(this.loop, answer.serverTime), () => this.send(answer.response));
    } else {
      answer.addDoneCallback((future) => {
        if (future.cancelled()) this.transport?.abort();
        else this.send(future.result());
      });
    }
  }

  private send(response: HttpResponse): void {
    this.answered = true;
    const transport = this.transport;
    if (transport === null) return;
    response.headers.set("Connection", "close");
    transport.write(response.toWire());
    transport.close();
  }
}
