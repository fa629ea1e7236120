import { FakeResponse, s3Error } from "./errors";
import type { FakeAccount, FakeBucket, XmlDocument } from "./state";
import { xmlDocument } from "./xml";

/** Bucket sub-resources (the query key of a path-style GET) → the operation and how S3 answers it. */
const SUBRESOURCES: Record<string, { operation: string; answer: (bucket: FakeBucket) => FakeResponse }> = {
    location: { operation: "GetBucketLocation", answer: (bucket) => xml("LocationConstraint", bucket.region === "us-east-1" ? "" : bucket.region) },
    ownershipControls: { operation: "GetBucketOwnershipControls", answer: (bucket) => document("OwnershipControls", bucket.ownershipControls, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found") },
    publicAccessBlock: { operation: "GetPublicAccessBlock", answer: (bucket) => document("PublicAccessBlockConfiguration", bucket.publicAccessBlock, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found") },
    versioning: { operation: "GetBucketVersioning", answer: (bucket) => xml("VersioningConfiguration", bucket.versioning) },
    encryption: {
        operation: "GetBucketEncryption",
        answer: (bucket) => document("ServerSideEncryptionConfiguration", bucket.encryption && withBlockedEncryptionTypes(bucket.encryption), "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"),
    },
    policy: {
        operation: "GetBucketPolicy",
        answer: (bucket) => (bucket.policy === undefined ? s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist") : { status: 200, headers: { "content-type": "application/json" }, body: bucket.policy }),
    },
    lifecycle: {
        operation: "GetBucketLifecycleConfiguration",
        answer: (bucket) => {
            const response = document("LifecycleConfiguration", bucket.lifecycle, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
            // AWS-S3-400: every lifecycle answer carries the header, all_storage_classes_128K unless the bucket set another.
            if (bucket.lifecycle) {
                response.headers = { ...response.headers, "x-amz-transition-default-minimum-object-size": bucket.transitionDefaultMinimumObjectSize ?? "all_storage_classes_128K" };
            }
            return response;
        },
    },
    "object-lock": { operation: "GetObjectLockConfiguration", answer: (bucket) => document("ObjectLockConfiguration", bucket.objectLock, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket") },
    logging: { operation: "GetBucketLogging", answer: (bucket) => xml("BucketLoggingStatus", bucket.logging) },
    website: { operation: "GetBucketWebsite", answer: (bucket) => document("WebsiteConfiguration", bucket.website, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration") },
    cors: { operation: "GetBucketCors", answer: (bucket) => document("CORSConfiguration", bucket.cors, "NoSuchCORSConfiguration", "The CORS configuration does not exist") },
    tagging: {
        operation: "GetBucketTagging",
        answer: (bucket) =>
            document("Tagging", bucket.tags && { TagSet: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) } }, "NoSuchTagSet", "The TagSet does not exist"),
    },
    replication: { operation: "GetBucketReplication", answer: (bucket) => document("ReplicationConfiguration", bucket.replication, "ReplicationConfigurationNotFoundError", "The replication configuration was not found") },
    notification: { operation: "GetBucketNotificationConfiguration", answer: (bucket) => xml("NotificationConfiguration", bucket.notification) },
};

/**
 * Path-style S3: `/<bucket>/?<subresource>` for the bucket's configurations, `?list-type=2` for ListObjectsV2.
 * `signedRegion` is the region of the request's SigV4 scope: the regional endpoint the caller meant.
 */
export function s3Response(account: FakeAccount, method: string, url: URL, signedRegion?: string): { call: string; answer: () => FakeResponse } {
    const name = decodeURIComponent(url.pathname.split("/")[1] ?? "");
    const query = url.searchParams;
    const subresource = Object.keys(SUBRESOURCES).find((key) => query.has(key));
    const operation = method !== "GET" ? `${method} (not served)` : query.get("list-type") === "2" ? "ListObjectsV2" : subresource ? SUBRESOURCES[subresource].operation : "GetObject (not served)";
    const call = `s3:${operation}`;
    return {
        call,
        answer: () => {
            if (account.denied.has(call)) {
                return s3Error(403, "AccessDenied", "Access Denied");
            }
            const bucket = account.buckets[name];
            if (!bucket) {
                return s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
            }
            // AWS-S3-402: another region's endpoint answers a redirect that names the bucket's region.
            if (signedRegion !== undefined && signedRegion !== bucket.region) {
                const redirect = s3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.");
                return { ...redirect, headers: { ...redirect.headers, "x-amz-bucket-region": bucket.region } };
            }
            if (operation === "ListObjectsV2") {
                return listObjects(name, bucket, query);
            }
            if (!subresource || method !== "GET") {
                return s3Error(405, "MethodNotAllowed", `the fake serves read-only bucket calls, not ${method} ${url.pathname}${url.search}`);
            }
            return SUBRESOURCES[subresource].answer(bucket);
        },
    };
}

/** ListObjectsV2 as S3 answers it: keys in UTF-8 binary order, at most max-keys, continued by a token. */
function listObjects(name: string, bucket: FakeBucket, query: URLSearchParams): FakeResponse {
    const prefix = query.get("prefix") ?? "";
    const maxKeys = Math.min(Number(query.get("max-keys") ?? 1000), 1000);
    const after = query.get("continuation-token") ?? query.get("start-after") ?? "";
    const matching = bucket.objects
        .filter((object) => object.key.startsWith(prefix) && object.key > after)
        .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    const page = matching.slice(0, maxKeys);
    const truncated = matching.length > page.length;
    return xml("ListBucketResult", {
        Name: name,
        Prefix: prefix,
        KeyCount: page.length,
        MaxKeys: maxKeys,
        IsTruncated: truncated,
        Contents: page.map((object) => ({ Key: object.key, LastModified: object.lastModified, ETag: '"0"', Size: object.size, StorageClass: "STANDARD" })),
        NextContinuationToken: truncated ? page[page.length - 1].key : undefined,
    });
}

/**
 * AWS-S3-401: GetBucketEncryption reports each rule's BlockedEncryptionTypes; a bucket that never set it has SSE-C
 * blocked (S3's default for new buckets since April 2026). A fixture re-enables SSE-C with `EncryptionType: "NONE"`.
 */
function withBlockedEncryptionTypes(encryption: XmlDocument): XmlDocument {
    const rules = Array.isArray(encryption.Rule) ? encryption.Rule : encryption.Rule === undefined ? [] : [encryption.Rule];
    const reported = rules.map((rule) => (typeof rule === "object" && !Array.isArray(rule) && !(rule instanceof Date) && rule.BlockedEncryptionTypes === undefined ? { ...rule, BlockedEncryptionTypes: { EncryptionType: "SSE-C" } } : rule));
    return { ...encryption, Rule: reported };
}

function xml(root: string, value: XmlDocument | string): FakeResponse {
    return { status: 200, headers: { "content-type": "application/xml" }, body: xmlDocument(root, value) };
}

function document(root: string, value: XmlDocument | undefined, notFoundCode: string, message: string): FakeResponse {
    return value === undefined ? s3Error(404, notFoundCode, message) : xml(root, value);
}
