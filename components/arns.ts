/** ARN shapes the component accepts, and the ARNs it builds. */

export interface ParsedArn {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

export function parseArn(arn: string): ParsedArn | undefined {
    const match = ARN_PATTERN.exec(arn);
    if (!match) {
        return undefined;
    }
    const [, partition, service, region, account, resource] = match;
    return { partition, service, region, account, resource };
}

const LOCKOUT =
    "the reader and writer Deny statements would lock every principal of that account out, the deployer included, and only the root user could undo it";

/**
 * Why `arn` is not an IAM principal this package may grant access to, or undefined when it is one. Readers and
 * writers carry Deny statements, so a principal that stands for a whole account (its root, a bare account id, a
 * wildcard) would lock that account out of its own bucket: only one named role or user is accepted.
 */
export function principalArnProblem(arn: string): string | undefined {
    if (arn.includes("*") || arn.includes("?")) {
        return `must name one IAM role or user, not a wildcard or public principal: ${LOCKOUT}`;
    }
    if (/^\d{12}$/.test(arn)) {
        return `must name one IAM role or user, not a bare account id, which stands for the whole account: ${LOCKOUT}`;
    }
    const parsed = parseArn(arn);
    if (parsed && parsed.service === "iam" && parsed.resource === "root") {
        return `must name one IAM role or user, not an account root, which stands for the whole account: ${LOCKOUT}`;
    }
    if (!parsed || parsed.service !== "iam" || !/^\d{12}$/.test(parsed.account) || !/^(role|user)\/[\w+=,.@\/-]+$/.test(parsed.resource)) {
        return "must be an IAM role or user ARN such as arn:aws:iam::123456789012:role/LogReader";
    }
    return undefined;
}

/** Why `arn` cannot be used with a bucket in `partition` (policies never match across partitions), or undefined. */
export function partitionProblem(arn: string, partition: string): string | undefined {
    const parsed = parseArn(arn);
    if (parsed && parsed.partition !== partition) {
        return `must be in the bucket's partition ${partition} (arn:${partition}:...), not ${parsed.partition}: a policy never matches a principal or resource of another partition`;
    }
    return undefined;
}

/** Why `arn` is not a CloudTrail trail ARN, or undefined when it is one. */
export function trailArnProblem(arn: string): string | undefined {
    const parsed = parseArn(arn);
    if (
        !parsed ||
        parsed.service !== "cloudtrail" ||
        !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(parsed.region) ||
        !/^\d{12}$/.test(parsed.account) ||
        !/^trail\/[A-Za-z0-9._-]{3,128}$/.test(parsed.resource)
    ) {
        return "must be a trail ARN such as arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";
    }
    return undefined;
}

/** Why `arn` is not a KMS key ARN usable for a bucket in `region`, or undefined when it is. */
export function kmsKeyArnProblem(arn: string, region: string): string | undefined {
    const parsed = parseArn(arn);
    if (
        !parsed ||
        parsed.service !== "kms" ||
        !/^\d{12}$/.test(parsed.account) ||
        !/^(key\/(mrk-)?[0-9a-f-]{32,36}|alias\/[A-Za-z0-9/_-]+)$/.test(parsed.resource)
    ) {
        return "must be a KMS key or alias ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    }
    if (parsed.region !== region) {
        return `must be in the bucket's region ${region}: S3 cannot use a KMS key from ${parsed.region}`;
    }
    return undefined;
}

export function bucketArn(partition: string, bucket: string): string {
    return `arn:${partition}:s3:::${bucket}`;
}

export function accountRootArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:root`;
}

/** The trails of one account, in any region, as an `ArnLike` pattern. */
export function accountTrailsPattern(partition: string, accountId: string): string {
    return `arn:${partition}:cloudtrail:*:${accountId}:trail/*`;
}
