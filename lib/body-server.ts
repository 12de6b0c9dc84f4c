import http from "node:http";

/**
 * An HTTP server that hands each request to `handle` with its whole body as text, and turns a throw in the
 * handler into `onError` (each local stand-in answers errors in its own API's shape).
 */
export function createBodyServer(
  handle: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void,
  onError: (res: http.ServerResponse, err: Error) => void,
): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, Buffer.concat(chunks).toString("utf8"), res);
      } catch (err) {
        onError(res, err as Error);
      }
    });
  });
}
