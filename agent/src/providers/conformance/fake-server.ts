/**
 * A local fake of a hosted provider for the conformance suite: one HTTP server on 127.0.0.1:0
 * that answers plain requests and, when given a handler, websocket upgrades on the same origin
 * (Deepgram serves both on /v1/listen). Every request and websocket message is recorded so a test
 * can check what the adapter sent. The websocket side is the `ws` package the framework's plugins
 * connect with, resolved through the Deepgram plugin (the way job-bundle.ts finds esbuild), so the
 * agent needs no dependency of its own for a test helper.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';

/** The part of ws's server socket the fakes use. */
export interface FakeSocket {
  send(data: string | Buffer): void;
  close(code?: number): void;
  on(event: 'message', cb: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', cb: () => void): void;
  readyState: number;
}

interface WsServer {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, cb: (ws: FakeSocket) => void): void;
  close(): void;
}

function loadWs(): { WebSocketServer: new (opts: { noServer: true }) => WsServer } {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@livekit/agents-plugin-deepgram'))('ws') as {
    WebSocketServer: new (opts: { noServer: true }) => WsServer;
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface WsConnection {
  url: string;
  headers: IncomingMessage['headers'];
  /** Text messages as strings, binary ones as buffers, in arrival order. */
  messages: (string | Buffer)[];
  socket: FakeSocket;
}

export interface FakeServerOptions {
  http?: (req: SeenRequest, res: ServerResponse) => void;
  /** Accepted upgrades; absent: upgrades are refused. */
  ws?: (conn: WsConnection) => void;
  /** Answer upgrades with this status instead of accepting them (a rejected key). */
  rejectUpgrade?: number;
  /** Hold every request and upgrade without answering (a hung provider). */
  hang?: boolean;
}

export interface FakeServer {
  /** http://127.0.0.1:port */
  origin: string;
  seen: SeenRequest[];
  connections: WsConnection[];
  close(): Promise<void>;
}

/** Starts a fake on an ephemeral loopback port. */
export async function startFakeServer(opts: FakeServerOptions): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const connections: WsConnection[] = [];
  const held = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(request);
      if (opts.hang) return;
      if (opts.http) opts.http(request, res);
      else res.writeHead(404).end();
    });
  });
  server.on('connection', (s: Socket) => {
    held.add(s);
    s.on('close', () => held.delete(s));
  });
  const wss = opts.ws ? new (loadWs().WebSocketServer)({ noServer: true }) : null;
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    seen.push({ method: 'UPGRADE', url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) });
    if (opts.hang) return;
    if (opts.rejectUpgrade || !wss || !opts.ws) {
      const status = opts.rejectUpgrade ?? 404;
      socket.end(`HTTP/1.1 ${status} Rejected\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"rejected"}`);
      return;
    }
    const handler = opts.ws;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: WsConnection = { url: req.url ?? '', headers: req.headers, messages: [], socket: ws };
      connections.push(conn);
      ws.on('message', (data, isBinary) => conn.messages.push(isBinary ? Buffer.from(data) : data.toString('utf8')));
      handler(conn);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    connections,
    close: async () => {
      wss?.close();
      for (const s of held) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A recognisable 16-bit ramp, so a test can tell the adapter passed the fake's bytes through intact. */
export function ramp(samples: number): Int16Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++) pcm[i] = ((i * 37) % 20000) - 10000;
  return pcm;
}

export function pcmBytes(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}
