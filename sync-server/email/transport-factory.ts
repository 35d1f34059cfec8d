/** Chooses the transport from configuration: Resend with a key, files under the data folder without. */
import path from "node:path";
import type { Config } from "../config/env.js";
import type { Logger } from "../log/logger.js";
import { FileTransport } from "./file-transport.js";
import { ResendTransport } from "./resend-transport.js";
import type { EmailTransport } from "./transport.js";

export function createTransport(config: Config, log: Logger): EmailTransport {
  if (config.RESEND_API_KEY) return new ResendTransport(config.RESEND_API_KEY, config.RESEND_BASE_URL, config.EMAIL_SEND_TIMEOUT_MS);
  return new FileTransport(path.join(config.DATA_DIR, "emails"), log);
}
