/**
 * Answers requests Node refuses before Express sees them (a head over the size limit: 431; an
 * unparsable request: 400; a head that took too long: 408). Node's own answer is a bare status line;
 * this one carries the same security headers as every other answer, and no cache may keep it.
 * Install with `server.on("clientError", clientErrorHandler({ production }))`.
 */
import type { Duplex } from "node:stream";
import { securityHeaderList } from "./security-headers.js";

const ANSWERS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout"],
};

export function clientErrorHandler(opts: { production: boolean }) {
  const headers = securityHeaderList(opts)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return (err: Error & { code?: string }, socket: Duplex) => {
    // As Node's default: nothing to say on a reset connection, or once a response has begun on it.
    const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === "ECONNRESET" || !socket.writable || started) return void socket.destroy();
    const [status, reason] = ANSWERS[err.code ?? ""] ?? [400, "Bad Request"];
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Cache-Control: no-store\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  };
}
