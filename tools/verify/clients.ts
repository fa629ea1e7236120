import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import { VerifyError } from "./errors";

export interface AwsClients {
    s3: S3Client;
    s3control: S3ControlClient;
    kms: KMSClient;
    sts: STSClient;
}

export interface ClientOptions {
    region: string;
    /** Every client goes here, S3 path-style and without host prefixes: an S3-compatible or test endpoint. */
    endpoint?: string;
    /** Credentials of another account's role (verify --all); else the SDK's standard chain. */
    credentials?: S3ClientConfig["credentials"];
}

/**
 * The SDK v3 clients with the standard credential chain (environment, profiles, SSO, web identity, container and
 * instance roles) and the stack's region.
 */
export function createClients(options: ClientOptions): AwsClients {
    const common = { region: options.region, ...(options.credentials ? { credentials: options.credentials } : {}) };
    if (!options.endpoint) {
        return { s3: new S3Client(common), s3control: new S3ControlClient(common), kms: new KMSClient(common), sts: new STSClient(common) };
    }
    const url = endpointUrl(options.endpoint);
    const custom = { ...common, endpoint: url.toString() };
    return {
        s3: new S3Client({ ...custom, forcePathStyle: true }),
        // S3 Control puts the account id in front of the host even with a custom endpoint; an endpoint provider of
        // our own is the only setting that stops it (measured: disableHostPrefix does not).
        s3control: new S3ControlClient({ ...common, endpointProvider: () => ({ url: new URL(url.toString()) }) }),
        kms: new KMSClient(custom),
        sts: new STSClient(custom),
    };
}

/** `--endpoint-url`, else the SDK's standard AWS_ENDPOINT_URL; undefined for AWS itself. */
export function chooseEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return flag ?? (env.AWS_ENDPOINT_URL || undefined);
}

/** Refuses an endpoint that is not an http(s) URL, naming the flag and the value. */
export function checkEndpoint(endpoint: string | undefined): void {
    if (endpoint !== undefined) {
        endpointUrl(endpoint);
    }
}

function endpointUrl(endpoint: string): URL {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        throw new VerifyError(`--endpoint-url "${endpoint}" is not a URL: give scheme and host, e.g. http://127.0.0.1:4566`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new VerifyError(`--endpoint-url "${endpoint}" must be http:// or https://, not ${url.protocol}`);
    }
    return url;
}

export function destroyClients(clients: AwsClients): void {
    clients.s3.destroy();
    clients.s3control.destroy();
    clients.kms.destroy();
    clients.sts.destroy();
}
