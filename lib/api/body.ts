// Reading a JSON request body with a bound. /api is not limited by the proxy
// (its body check is for server actions), so each API write reads at most
// API_BODY_MAX_BYTES, also when the client sends no Content-Length (chunked).
import { ApiError } from './errors';

/**
 * Largest JSON body: a whole postmortem at every field's limit (narrative
 * 200,000 characters, 200 rows per list) fits, as for the form (FORM_JSON_MAX).
 */
export const API_BODY_MAX_BYTES = 3_000_000;

const tooLarge = () => new ApiError(413, `The body is larger than ${API_BODY_MAX_BYTES / 1_000_000} MB.`);

/** The parsed JSON body; 413 past the bound, 400 when it is not JSON. */
export async function readJsonBody(request: Request, max = API_BODY_MAX_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(400, 'Send the body as JSON with Content-Type: application/json.');
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw tooLarge();
  if (!request.body) throw new ApiError(400, 'The request has no body.');

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The body is not valid JSON.');
  }
}
