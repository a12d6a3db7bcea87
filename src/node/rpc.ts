// JSON-RPC over WebSocket as bitshares-core serves it (fc websocket_api): requests
// {"id", "method": "call", "params": [api, method, args]} where api is an id a login_api call handed out
// (1 is login_api itself) or an api's name; answers {"id", "jsonrpc": "2.0", "result"} or {"id", "jsonrpc":
// "2.0", "error": {"code", "message", "data": {"code", "name", "message", "stack"}}} with the fc exception's
// code and name; callbacks arrive as {"method": "notice", "params": [callback id, [values]]}. Bad frames get
// an error answer; nothing a client sends can stop the server or delay other connections.
import { WebSocketServer, type WebSocket } from "ws";
import type { Json } from "../codec/index.js";
import { parseJson, stringifyJson } from "../codec/json-text.js";
import { either as E } from "fp-ts";
import { type ChainError, type ExceptionName, chainError } from "../protocol/errors.js";

/** A refusal answered to the client (thrown only inside api methods, the edge). */
export class ApiError extends Error {
  constructor(readonly error: ChainError) {
    super(error.message);
  }
}

export const apiError = (exception: ExceptionName, rule: string, field: string, message: string): ApiError =>
  new ApiError(chainError(exception, rule, field, message));

/** One client connection: its registered apis and a way to send notices. */
export interface Connection {
  /** Registers an api instance on this connection (login_api::database() etc.) and returns its id. */
  register(name: string): number;
  notice(callbackId: Json, values: readonly Json[]): void;
  /** Work to undo when the connection closes (subscriptions). */
  onClose(f: () => void): void;
}

export type ApiMethod = (args: readonly Json[], connection: Connection) => Json | Promise<Json>;
export type Api = Readonly<Record<string, ApiMethod>>;

export interface RpcServerOptions {
  readonly port: number;
  readonly host?: string;
  /** Apis by name; "login" is api 1 of every connection. */
  readonly apis: Readonly<Record<string, Api>>;
  /** Frames larger than this close the connection (1009). */
  readonly maxPayload?: number;
  readonly maxConnections?: number;
  /** Requests a connection may have in flight; more are answered with an error at once. */
  readonly maxInFlight?: number;
}

const ERROR_TEXT: Partial<Record<ExceptionName, string>> = { assert_exception: "Assert Exception", parse_error_exception: "Parse Error" };

/** fc::exception as the API reports it. */
export function errorJson(e: ChainError): Json {
  return {
    code: 1,
    message: `${e.exception} (${e.code}): ${e.message}`,
    data: {
      code: e.code, name: e.exception, message: ERROR_TEXT[e.exception] ?? e.exception.replace(/_/g, " "),
      stack: [{ context: { level: "error", file: "btsref", line: 0, method: e.rule }, format: e.message, data: { rule: e.rule, field: e.field } }],
    },
  };
}

export class RpcServer {
  private readonly wss: WebSocketServer;

  private constructor(wss: WebSocketServer, private readonly options: RpcServerOptions) {
    this.wss = wss;
    wss.on("connection", (ws) => this.accept(ws));
  }

  static listen(options: RpcServerOptions): Promise<RpcServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ port: options.port, host: options.host ?? "127.0.0.1", maxPayload: options.maxPayload ?? 4 * 1024 * 1024 });
      wss.once("error", reject);
      wss.once("listening", () => {
        wss.off("error", reject);
        wss.on("error", () => {});
        resolve(new RpcServer(wss, options));
      });
    });
  }

  get port(): number {
    const a = this.wss.address();
    return typeof a === "object" && a !== null ? a.port : this.options.port;
  }

  private accept(ws: WebSocket): void {
    if (this.wss.clients.size > (this.options.maxConnections ?? 1000)) {
      ws.close(1013, "too many connections");
      return;
    }
    const registered: string[] = ["", "login"];
    const closers: (() => void)[] = [];
    let inFlight = 0;
    const send = (msg: Json) => {
      if (ws.readyState === ws.OPEN) ws.send(stringifyJson(msg));
    };
    const connection: Connection = {
      register: (name) => {
        const existing = registered.indexOf(name);
        if (existing > 0) return existing;
        registered.push(name);
        return registered.length - 1;
      },
      notice: (callbackId, values) => send({ method: "notice", params: [callbackId, values as Json[]] }),
      onClose: (f) => closers.push(f),
    };
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      for (const f of closers.splice(0)) f();
    });
    ws.on("message", (data, isBinary) => {
      let id: Json = null;
      const answerError = (e: ChainError) => send({ id, jsonrpc: "2.0", error: errorJson(e) });
      if (isBinary) return answerError(chainError("parse_error_exception", "rpc.text_frame", "", "requests are JSON text frames"));
      // fc's parser: 64-bit integers keep every digit.
      const parsed = parseJson(data.toString());
      if (E.isLeft(parsed)) return answerError(chainError("parse_error_exception", "rpc.json", parsed.left.path, `the frame is not JSON: ${parsed.left.message}`));
      const request: unknown = parsed.right;
      if (typeof request !== "object" || request === null || Array.isArray(request)) {
        return answerError(chainError("parse_error_exception", "rpc.request", "", "a request is a JSON object"));
      }
      const r = request as { id?: Json; method?: unknown; params?: unknown };
      id = r.id ?? null;
      if (inFlight >= (this.options.maxInFlight ?? 64)) return answerError(chainError("assert_exception", "rpc.in_flight", "", "too many requests in flight on this connection"));
      const call = this.resolve(r.method, r.params, registered);
      if ("error" in call) return answerError(call.error);
      inFlight++;
      Promise.resolve()
        .then(() => call.method(call.args, connection))
        .then((result) => send({ id, jsonrpc: "2.0", result }), (e: unknown) => {
          if (e instanceof ApiError) answerError(e.error);
          else answerError(chainError("unspecified_exception", "rpc.internal", "", e instanceof Error ? e.message : String(e)));
        })
        .finally(() => inFlight--);
    });
  }

  /** "call" with [api id or name, method, args]; a bare method name means a login_api method. */
  private resolve(method: unknown, params: unknown, registered: readonly string[]): { method: ApiMethod; args: readonly Json[] } | { error: ChainError } {
    const bad = (rule: string, field: string, message: string) => ({ error: chainError("assert_exception", rule, field, message) });
    let apiName: string;
    let methodName: unknown;
    let args: unknown;
    if (method === "call") {
      if (!Array.isArray(params) || params.length < 2) return bad("rpc.call_params", "params", "call takes [api, method, args]");
      const [api, m, a] = params as unknown[];
      if (typeof api === "number") {
        const name = Number.isInteger(api) ? registered[api] : undefined;
        if (name === undefined || name === "") return bad("rpc.api_id", "params[0]", `no api with id ${api} on this connection`);
        apiName = name;
      } else if (typeof api === "string") {
        apiName = api;
      } else {
        return bad("rpc.api_id", "params[0]", "the api is an id or a name");
      }
      methodName = m;
      args = a ?? [];
    } else {
      apiName = "login";
      methodName = method;
      args = params ?? [];
    }
    const api = this.options.apis[apiName];
    if (api === undefined) return bad("rpc.api_name", "params[0]", `no api named ${apiName}`);
    if (typeof methodName !== "string" || !Object.hasOwn(api, methodName)) return bad("rpc.method", "method", `${apiName} has no method ${String(methodName)}`);
    if (!Array.isArray(args)) return bad("rpc.args", "params[2]", "the arguments are a list");
    return { method: api[methodName]!, args: args as Json[] };
  }

  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
