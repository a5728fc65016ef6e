/**
 * A request body read straight from Node's IncomingMessage. Reading it through Hono's c.req makes
 * @hono/node-server build a full web Request first (headers copy, web stream, AbortController),
 * which costs more per agent turn post than the JSON inside. The text is decoded as Request.text()
 * decodes it: UTF-8, a leading BOM dropped, malformed bytes replaced.
 */
import type { IncomingMessage } from 'node:http';

const utf8 = new TextDecoder();

export function readIncomingText(incoming: IncomingMessage): Promise<string> {
  const text = new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    incoming.once('error', reject);
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('request body incomplete'));
    });
  });
  // A client that hangs up before anyone awaits the body must not become an unhandled rejection.
  text.catch(() => {});
  return text;
}
