import { FakeResponse, s3Error } from "./errors";
import type { FakeAccount, FakeBucket, FakeObject } from "./state";
import { xmlDocument } from "./xml";

const ARCHIVED = new Set(["GLACIER", "DEEP_ARCHIVE"]);

/**
 * Path-style S3 object calls: `GET /<bucket>/<key>` (GetObject) and `HEAD /<bucket>/<key>` (HeadObject), and
 * ListObjectsV2 with a `delimiter` (CommonPrefixes). Returns undefined for any other request, which s3.ts serves.
 */
export function objectRoute(account: FakeAccount, method: string, url: URL): { call: string; answer: () => FakeResponse } | undefined {
    const [, bucketPart, ...rest] = url.pathname.split("/");
    const name = decodeURIComponent(bucketPart ?? "");
    if (method === "GET" && url.searchParams.get("list-type") === "2" && url.searchParams.has("delimiter")) {
        return { call: "s3:ListObjectsV2", answer: () => guarded(account, "s3:ListObjectsV2", name, (bucket) => delimitedList(name, bucket, url.searchParams)) };
    }
    const key = rest.map(decodeURIComponent).join("/");
    if (key === "" || (method !== "GET" && method !== "HEAD") || [...url.searchParams.keys()].some((param) => param !== "x-id")) {
        return undefined;
    }
    const call = method === "GET" ? "s3:GetObject" : "s3:HeadObject";
    return {
        call,
        answer: () =>
            guarded(account, call, name, (bucket) => {
                // HeadObject is authorized by s3:GetObject (S3 API reference, HeadObject permissions).
                if (account.denied.has("s3:GetObject") || account.deniedObjects?.has(`${name}/${key}`)) {
                    return headless(method, s3Error(403, "AccessDenied", "Access Denied"));
                }
                const object = bucket.objects.find((candidate) => candidate.key === key);
                // An object listed without a body answers HeadObject (its size and metadata), not GetObject.
                if (!object || (!object.body && method === "GET")) {
                    return headless(method, s3Error(404, "NoSuchKey", "The specified key does not exist."));
                }
                // AWS-S3-300: GetObject of an object in Glacier Flexible Retrieval or Deep Archive answers InvalidObjectState.
                if (method === "GET" && ARCHIVED.has(object.storageClass ?? "")) {
                    return {
                        status: 403,
                        headers: { "content-type": "application/xml" },
                        body: xmlDocument("Error", { Code: "InvalidObjectState", Message: "The operation is not valid for the object's storage class", StorageClass: object.storageClass, RequestId: "FAKE" }, ""),
                    };
                }
                return objectResponse(method, object);
            }),
    };
}

function guarded(account: FakeAccount, call: string, name: string, answer: (bucket: FakeBucket) => FakeResponse): FakeResponse {
    if (account.denied.has(call)) {
        return s3Error(403, "AccessDenied", "Access Denied");
    }
    const bucket = account.buckets[name];
    return bucket ? answer(bucket) : s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
}

/** HEAD answers carry no body: the SDK names the error from the status alone (NotFound, Forbidden). */
function headless(method: string, response: FakeResponse): FakeResponse {
    return method === "HEAD" ? { status: response.status, headers: {}, body: "" } : response;
}

function objectResponse(method: string, object: FakeObject): FakeResponse {
    const body = object.body ?? Buffer.alloc(0);
    const headers: Record<string, string> = {
        "content-type": "application/octet-stream",
        "content-length": String(object.body ? body.length : object.size),
        "last-modified": object.lastModified.toUTCString(),
        etag: '"0"',
    };
    if (object.storageClass && object.storageClass !== "STANDARD") {
        headers["x-amz-storage-class"] = object.storageClass;
    }
    if (object.replicationStatus) {
        headers["x-amz-replication-status"] = object.replicationStatus;
    }
    for (const [name, value] of Object.entries(object.metadata ?? {})) {
        headers[`x-amz-meta-${name}`] = value;
    }
    return { status: 200, headers, body: method === "HEAD" ? "" : body };
}

/** ListObjectsV2 with a delimiter: keys up to the delimiter after the prefix roll up into CommonPrefixes. */
function delimitedList(name: string, bucket: FakeBucket, query: URLSearchParams): FakeResponse {
    const prefix = query.get("prefix") ?? "";
    const delimiter = query.get("delimiter") ?? "/";
    const maxKeys = Math.min(Number(query.get("max-keys") ?? 1000), 1000);
    const after = query.get("continuation-token") ?? query.get("start-after") ?? "";
    const entries = new Map<string, FakeObject | undefined>();
    for (const object of bucket.objects.filter((candidate) => candidate.key.startsWith(prefix))) {
        const cut = object.key.indexOf(delimiter, prefix.length);
        const entry = cut >= 0 ? object.key.slice(0, cut + delimiter.length) : object.key;
        if (entry > after) {
            entries.set(entry, cut >= 0 ? undefined : object);
        }
    }
    const sorted = [...entries.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = sorted.slice(0, maxKeys);
    const truncated = sorted.length > page.length;
    return {
        status: 200,
        headers: { "content-type": "application/xml" },
        body: xmlDocument("ListBucketResult", {
            Name: name,
            Prefix: prefix,
            Delimiter: delimiter,
            KeyCount: page.length,
            MaxKeys: maxKeys,
            IsTruncated: truncated,
            Contents: page.filter((entry) => entries.get(entry)).map((entry) => ({ Key: entry, LastModified: (entries.get(entry) as FakeObject).lastModified, ETag: '"0"', Size: (entries.get(entry) as FakeObject).size, StorageClass: "STANDARD" })),
            CommonPrefixes: page.filter((entry) => !entries.get(entry)).map((entry) => ({ Prefix: entry })),
            NextContinuationToken: truncated ? page[page.length - 1] : undefined,
        }),
    };
}
