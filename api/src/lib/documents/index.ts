export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(
    readonly code: string,
    readonly status: 400 | 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<{ text: string; mimeType: string }> {
  void fileName;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return { text, mimeType: 'text/plain' };
}
