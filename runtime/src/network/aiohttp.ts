// The `aiohttp` module a snippet imports: the client (ClientSession, TCPConnector,
// ClientTimeout, the client errors) and aiohttp.web, against the simulated web.

import { makeModule } from "../asyncio/module.js";
import { ClientResponse, ClientSession, ClientTimeout } from "./aiohttp-client.js";
import { TCPConnector } from "./aiohttp-connector.js";
import {
  ClientConnectionError,
  ClientConnectorError,
  ClientError,
  ClientOSError,
  ClientResponseError,
  ContentTypeError,
  ServerConnectionError,
  ServerDisconnectedError,
  ServerTimeoutError,
  TooManyRedirects,
} from "./aiohttp-errors.js";
import { webMembers } from "./aiohttp-web.js";
import { InvalidURL } from "./url.js";

export const aiohttp = makeModule({
  ClientSession,
  ClientResponse,
  ClientTimeout,
  TCPConnector,
  ClientError,
  ClientResponseError,
  ContentTypeError,
  TooManyRedirects,
  ClientConnectionError,
  ClientOSError,
  ClientConnectorError,
  ServerConnectionError,
  ServerDisconnectedError,
  ServerTimeoutError,
  InvalidURL,
  web: makeModule(webMembers),
});
