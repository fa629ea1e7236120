import * as http from "http";
import type { AddressInfo } from "net";
import { FakeResponse, kmsError, s3Error } from "./errors";
import { s3Response } from "./s3";
import { kmsResponse } from "./kms";
import type { FakeAccount, ServedRequest } from "./state";
import { escape, xmlDocument } from "./xml";

export interface FakeAws {
    /** `http://127.0.0.1:<port>`: pass it as --endpoint-url. */
    endpoint: string;
    account: FakeAccount;
    requests: ServedRequest[];
    close(): Promise<void>;
}

/**
 * A local HTTP endpoint speaking the four wire formats the verifier's SDK clients use: S3 REST/XML (path style),
 * S3 Control REST/XML (`/v20180820/...` with `x-amz-account-id`), KMS JSON 1.1 (`X-Amz-Target: TrentService.*`) and
 * STS query (form-encoded `Action=`). It listens on 127.0.0.1 only. Unsigned requests are refused, as AWS does.
 */
export async function startFakeAws(account: FakeAccount): Promise<FakeAws> {
    const requests: ServedRequest[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            const accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1];
            const routed = route(account, req, body);
            const prefix = routed.call === "s3:ListObjectsV2" ? (new URL(req.url ?? "/", "http://fake").searchParams.get("prefix") ?? "") : undefined;
            requests.push({ call: routed.call, accessKeyId, host: req.headers.host ?? "", method: req.method ?? "", prefix });
            const response = accessKeyId ? routed.answer() : unsigned(routed.call);
            res.writeHead(response.status, { "x-amz-request-id": "FAKE", ...(response.headers ?? {}) });
            res.end(response.body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        account,
        requests,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

function route(account: FakeAccount, req: http.IncomingMessage, body: string): { call: string; answer: () => FakeResponse } {
    const url = new URL(req.url ?? "/", "http://fake");
    const target = req.headers["x-amz-target"];
    if (typeof target === "string" && target.startsWith("TrentService.")) {
        const operation = target.slice("TrentService.".length);
        const call = `kms:${operation}`;
        return { call, answer: () => (account.denied.has(call) ? kmsError(400, "AccessDeniedException", `User: ${account.callerArn} is not authorized to perform: kms:${operation}`) : kmsResponse(account, operation, JSON.parse(body || "{}"))) };
    }
    if (req.method === "POST" && url.pathname === "/" && body.includes("Action=")) {
        const operation = new URLSearchParams(body).get("Action") ?? "";
        const call = `sts:${operation}`;
        return { call, answer: () => (account.denied.has(call) ? stsError(403, "AccessDenied", `User: ${account.callerArn} is not authorized to perform: sts:${operation}`) : stsResponse(account, operation)) };
    }
    if (url.pathname.startsWith("/v20180820/")) {
        return s3ControlRoute(account, req, url);
    }
    return s3Response(account, req.method ?? "GET", url, /Credential=[^/]+\/\d{8}\/([^/]+)\/s3\//.exec(req.headers.authorization ?? "")?.[1]);
}

function s3ControlRoute(account: FakeAccount, req: http.IncomingMessage, url: URL): { call: string; answer: () => FakeResponse } {
    if (req.method === "GET" && url.pathname === "/v20180820/configuration/publicAccessBlock") {
        const call = "s3control:GetPublicAccessBlock";
        return {
            call,
            answer: () => {
                if (account.denied.has(call)) {
                    return s3Error(403, "AccessDenied", "Access Denied");
                }
                if (req.headers["x-amz-account-id"] !== account.accountId) {
                    return s3Error(403, "AccessDenied", `account ${String(req.headers["x-amz-account-id"])} is not the caller's`);
                }
                if (!account.accountPublicAccessBlock) {
                    return s3Error(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
                }
                return { status: 200, body: xmlDocument("PublicAccessBlockConfiguration", account.accountPublicAccessBlock, "http://awss3control.amazonaws.com/doc/2018-08-20/") };
            },
        };
    }
    return { call: `s3control:${req.method} ${url.pathname}`, answer: () => s3Error(400, "NotImplemented", `the fake does not serve ${req.method} ${url.pathname}`) };
}

function stsResponse(account: FakeAccount, operation: string): FakeResponse {
    if (operation !== "GetCallerIdentity") {
        return stsError(400, "InvalidAction", `the fake does not serve ${operation}`);
    }
    const result = `<GetCallerIdentityResult><Arn>${escape(account.callerArn)}</Arn><UserId>AIDAFAKEUSERID</UserId><Account>${account.accountId}</Account></GetCallerIdentityResult>`;
    return {
        status: 200,
        headers: { "content-type": "text/xml" },
        body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">${result}<ResponseMetadata><RequestId>FAKE</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    };
}

function stsError(status: number, code: string, message: string): FakeResponse {
    return {
        status,
        headers: { "content-type": "text/xml" },
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>FAKE</RequestId></ErrorResponse>`,
    };
}

/** Refused before any state is read: the request carries no SigV4 signature. */
function unsigned(call: string): FakeResponse {
    return call.startsWith("kms:") ? kmsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token") : s3Error(403, "AccessDenied", "Anonymous access is not allowed");
}
