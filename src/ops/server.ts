import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { UsageError } from "../core/errors.ts";
import { EXPOSITION_CONTENT_TYPE } from "./exposition.ts";

/**
 * The daemon's operations endpoints, on loopback by default (they carry no secrets but have no
 * authentication either): `/healthz` the process is up, `/readyz` it can do its job, `/metrics`
 * Prometheus text.
 */
export interface OpsHandlers {
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  metrics(): Promise<string>;
}

export interface Listen {
  host: string;
  port: number;
}

export const DEFAULT_LISTEN = "127.0.0.1:9464";

/** Parses `HOST:PORT` (`[::1]:9464` for IPv6); port 0 picks a free one. */
export function parseListen(text: string): Listen {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(m?.[3]);
  const host = m?.[1] ?? m?.[2];
  if (!host || !Number.isInteger(port) || port > 65_535)
    throw new UsageError(`daemon: --listen must be HOST:PORT, e.g. ${DEFAULT_LISTEN} (got '${text}')`);
  return { host, port };
}

const isLoopback = (host: string) => host === "localhost" || host === "::1" || host.startsWith("127.");

export interface OpsServer {
  /** Base URL, e.g. `http://127.0.0.1:9464`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(
  listen: Listen,
  handlers: OpsHandlers,
  logger: Logger,
): Promise<OpsServer> {
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(res.req.method === "HEAD" ? undefined : body);
  };
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://ops").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
    }
    if (path === "/healthz") return send(res, 200, "text/plain; charset=utf-8", "ok\n");
    if (path === "/readyz") {
      const r = await handlers.ready();
      return send(
        res,
        r.ok ? 200 : 503,
        "application/json",
        `${JSON.stringify({ ready: r.ok, checks: r.checks })}\n`,
      );
    }
    if (path === "/metrics") return send(res, 200, EXPOSITION_CONTENT_TYPE, await handlers.metrics());
    return send(res, 404, "text/plain; charset=utf-8", "not found: try /healthz, /readyz or /metrics\n");
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ path: req.url, error: String(error) }, "ops endpoint failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new UsageError(
              `daemon: ${listen.host}:${listen.port} is in use (another daemon?); pick another --listen`,
            )
          : error,
      ),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostText = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  if (!isLoopback(listen.host))
    logger.warn({ host: listen.host }, "ops endpoints listen beyond loopback and have no authentication");
  return {
    url: `http://${hostText}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
