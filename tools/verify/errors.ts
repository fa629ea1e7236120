import { CALLS, CallName } from "./calls";

/** A failure that ends the verification with exit status 2: bad input, no credentials, access denied, no bucket. */
export class VerifyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyError";
    }
}

/** The bucket does not exist (S3 answered NoSuchBucket). */
export class MissingBucketError extends VerifyError {
    constructor(
        message: string,
        readonly bucket: string,
    ) {
        super(message);
        this.name = "MissingBucketError";
    }
}

export const CREDENTIALS_HELP =
    "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary ones), " +
    "or AWS_PROFILE naming a profile in ~/.aws/config or ~/.aws/credentials (aws configure, aws sso login), " +
    "or run where a role is provided (EC2 instance profile, ECS task role, web identity token)";

interface SdkError {
    name?: string;
    Code?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
}

/** The error code AWS answered, or undefined when there was no answer (network, credentials). */
export function awsErrorCode(error: unknown): string | undefined {
    const sdk = error as SdkError;
    return sdk?.$metadata ? (sdk.Code ?? sdk.name) : undefined;
}

/**
 * Turns what the SDK threw for `call` into a message a person can act on: the call and the missing permission on
 * access denied, how to provide credentials when there are none, the bucket when it does not exist. Never a trace.
 */
export function explainAwsError(call: CallName, target: string, error: unknown, caller?: string): VerifyError {
    const sdk = (error ?? {}) as SdkError;
    const code = awsErrorCode(error);
    const status = sdk.$metadata?.httpStatusCode;
    const action = CALLS[call].action;
    if (sdk.name === "CredentialsProviderError" || /Could not load credentials/i.test(sdk.message ?? "")) {
        return new VerifyError(CREDENTIALS_HELP);
    }
    if (code === "AccessDenied" || code === "AccessDeniedException" || (status === 403 && code !== undefined && !/Token|Signature/.test(code))) {
        const who = caller ? ` for ${caller}` : "";
        const needs = action ? `: the caller needs ${action} on ${target}` : "";
        return new VerifyError(`access denied${who}: ${call} on ${target} was refused${needs} (the verifier's least-privilege policy is tools/verify/iamPolicy.json)`);
    }
    if (code === "NoSuchBucket") {
        return new MissingBucketError(`${target} does not exist (${call} answered NoSuchBucket): deploy the stack first, or check --stack and the account`, target.replace(/^bucket /, ""));
    }
    if (code === "InvalidClientTokenId" || code === "ExpiredToken" || code === "ExpiredTokenException" || code === "SignatureDoesNotMatch" || code === "UnrecognizedClientException" || code === "InvalidAccessKeyId") {
        return new VerifyError(`the AWS credentials were refused (${code} on ${call}): refresh them (aws sso login, new session keys) and retry`);
    }
    if (code === undefined) {
        const reason = sdk.code ?? sdk.name ?? "error";
        return new VerifyError(`${call} on ${target} got no answer from AWS (${reason}: ${firstLine(sdk.message)}): check the network, the region and --endpoint-url`);
    }
    return new VerifyError(`${call} on ${target} failed: ${code}${status ? ` (HTTP ${status})` : ""}: ${firstLine(sdk.message)}`);
}

function firstLine(text: string | undefined): string {
    return (text ?? "").split("\n")[0].slice(0, 300);
}
