import { CloudTrailClient, ListPublicKeysCommand } from "@aws-sdk/client-cloudtrail";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { Agent as HttpAgent } from "http";
import { Agent as HttpsAgent } from "https";
import type { Readable } from "stream";
import type { CallName } from "../calls";
import { awsErrorCode, explainAwsError } from "../errors";
import { Limiter } from "./limit";

/** Static credentials or a provider, as the SDK clients take them. */
export type Credentials = NonNullable<S3ClientConfig["credentials"]>;

export interface ReaderOptions {
    /** The region of the bucket read. */
    region: string;
    endpoint?: string;
    credentials?: Credentials;
    /** Requests in flight at once, bodies included. */
    limiter: Limiter;
    caller?: string;
}

/** What GetObject of one object came to. */
export type ObjectRead<T> = { state: "read"; value: T; metadata: Record<string, string> } | { state: "missing" | "archived" | "denied"; code: string };

/**
 * The read calls of a validation: ListObjectsV2 (plain and delimited), GetObject streamed, HeadObject, and
 * ListPublicKeys in a given region. Every call goes through one limiter; a refused listing or key list is a
 * VerifyError naming the call (exit 2), an object that cannot be read is an answer the validator counts.
 */
export class IntegrityReader {
    readonly s3: S3Client;
    private readonly trails = new Map<string, CloudTrailClient>();

    constructor(private readonly options: ReaderOptions) {
        const agent = { keepAlive: true, maxSockets: options.limiter.size };
        // Sockets kept alive and as many as the limiter lets requests fly, so no request waits for a connection.
        const requestHandler = { httpAgent: new HttpAgent(agent), httpsAgent: new HttpsAgent(agent) };
        this.s3 = new S3Client({ region: options.region, credentials: options.credentials, requestHandler, ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}) });
    }

    /** Every key under `prefix`, page by page. */
    async listKeys(bucket: string, prefix: string): Promise<string[]> {
        const keys: string[] = [];
        let token: string | undefined;
        do {
            const page = await this.call("s3:ListObjectsV2", `bucket ${bucket}`, () => this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
            keys.push(...(page.Contents ?? []).map((object) => object.Key).filter((key): key is string => key !== undefined));
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return keys;
    }

    /** The "folders" right under `prefix`: a delimited listing's CommonPrefixes. */
    async listFolders(bucket: string, prefix: string): Promise<string[]> {
        const folders: string[] = [];
        let token: string | undefined;
        do {
            const page = await this.call("s3:ListObjectsV2", `bucket ${bucket}`, () => this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: "/", ContinuationToken: token })));
            folders.push(...(page.CommonPrefixes ?? []).map((common) => common.Prefix).filter((folder): folder is string => folder !== undefined));
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return folders;
    }

    /** GetObject, its body handed to `consume` while the request still holds its slot. */
    async getObject<T>(bucket: string, key: string, consume: (body: Readable) => Promise<T>): Promise<ObjectRead<T>> {
        return this.options.limiter.run(async () => {
            let answer;
            try {
                answer = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            } catch (error) {
                return this.unread(error, "s3:GetObject", bucket, key);
            }
            return { state: "read", value: await consume(answer.Body as Readable), metadata: answer.Metadata ?? {} };
        });
    }

    /** HeadObject: whether an object that GetObject could not read (archived) exists. */
    async headObject(bucket: string, key: string): Promise<"exists" | "missing" | "denied"> {
        return this.options.limiter.run(async () => {
            try {
                await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
                return "exists";
            } catch (error) {
                const code = awsErrorCode(error);
                if (code === "NotFound" || code === "NoSuchKey") {
                    return "missing";
                }
                if (code === "Forbidden" || code === "AccessDenied" || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403) {
                    return "denied";
                }
                throw explainAwsError("s3:HeadObject", `s3://${bucket}/${key}`, error, this.options.caller);
            }
        });
    }

    /** ListPublicKeys in `region` for the window, fingerprint → Value (the SDK's decoded blob). */
    async publicKeys(region: string, from: Date, to: Date): Promise<Map<string, Uint8Array>> {
        let client = this.trails.get(region);
        if (!client) {
            client = new CloudTrailClient({ region, credentials: this.options.credentials, ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}) });
            this.trails.set(region, client);
        }
        const keys = new Map<string, Uint8Array>();
        let token: string | undefined;
        do {
            const trail = client;
            const page = await this.call("cloudtrail:ListPublicKeys", `region ${region}`, () => trail.send(new ListPublicKeysCommand({ StartTime: from, EndTime: to, NextToken: token })));
            for (const key of page.PublicKeyList ?? []) {
                if (key.Fingerprint && key.Value) {
                    keys.set(key.Fingerprint, key.Value);
                }
            }
            token = page.NextToken;
        } while (token);
        return keys;
    }

    destroy(): void {
        this.s3.destroy();
        for (const client of this.trails.values()) {
            client.destroy();
        }
    }

    private unread(error: unknown, call: CallName, bucket: string, key: string): ObjectRead<never> {
        const code = awsErrorCode(error) ?? "";
        if (code === "NoSuchKey" || code === "NotFound") {
            return { state: "missing", code };
        }
        // AWS-S3-300: an object in Glacier Flexible Retrieval or Deep Archive cannot be read until restored.
        if (code === "InvalidObjectState") {
            return { state: "archived", code };
        }
        if (code === "AccessDenied" || code === "AccessDeniedException") {
            return { state: "denied", code };
        }
        throw explainAwsError(call, `s3://${bucket}/${key}`, error, this.options.caller);
    }

    private call<T>(call: CallName, target: string, send: () => Promise<T>): Promise<T> {
        return this.options.limiter.run(async () => {
            try {
                return await send();
            } catch (error) {
                throw explainAwsError(call, target, error, this.options.caller);
            }
        });
    }
}
