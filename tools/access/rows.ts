import type { StackPlan } from "../offline/plan";

export type Expected = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** One cell of the access matrix: who asks to do what, where, under which request context, and the verdict we want. */
export interface AccessRow {
    /** What the row shows, read as a sentence: "<principal> <does what>". */
    what: string;
    principal: string | "anonymous";
    action: string;
    resource: string;
    context: Record<string, string | string[]>;
    /** The identity policy the principal carries, when it has one. */
    identityPolicy?: Record<string, unknown>;
    /** Which generated policy decides: the bucket policy or the key policy. */
    against: "bucket" | "key";
    expected: Expected;
    /**
     * The evaluator's `runSimulation` drops `kms:EncryptionContext:<key>` conditions; rows whose verdict depends on
     * one are evaluated with `runUnsafeSimulation` over a policy validated by @cloud-copilot/iam-policy.
     */
    dependsOnEncryptionContext?: boolean;
}

/** What a matrix needs from a planned stack: the policies it generated and the principals its config names. */
export interface MatrixSubject {
    stack: string;
    accountId: string;
    region: string;
    bucketName: string;
    bucketPolicy: Record<string, unknown>;
    keyPolicy?: Record<string, unknown>;
    kmsKeyArn?: string;
    organizationId?: string;
    cloudTrailArns: string[];
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
}

/** Reads the policies from the resources the program registered (not from its outputs, not by hand). */
export function matrixSubject(plan: StackPlan): MatrixSubject {
    const find = (type: string) => plan.resources.find((resource) => resource.type === type);
    const bucket = find("aws:s3/bucket:Bucket");
    const policy = find("aws:s3/bucketPolicy:BucketPolicy");
    const key = find("aws:kms/key:Key");
    if (!bucket || !policy) {
        throw new Error(`stack ${plan.stack.stack} registered no bucket or bucket policy`);
    }
    const config = plan.stack.config;
    const list = (key: string): string[] => (config[`audit-log-bucket:${key}`] ? JSON.parse(config[`audit-log-bucket:${key}`]) : []);
    const bucketName = bucket.inputs.bucket as string;
    const [, accountId, region] = /-(\d{12})-([a-z0-9-]+)$/.exec(bucketName) ?? [];
    return {
        stack: plan.stack.stack,
        accountId,
        region,
        bucketName,
        bucketPolicy: JSON.parse(policy.inputs.policy as string),
        keyPolicy: key ? JSON.parse(key.inputs.policy as string) : undefined,
        kmsKeyArn: key?.outputs.arn as string | undefined,
        organizationId: config["audit-log-bucket:organizationId"],
        cloudTrailArns: list("cloudTrailArns"),
        readerArns: list("readerArns"),
        sessionManagerWriterArns: list("sessionManagerWriterArns"),
        securityHubWriterArns: list("securityHubWriterArns"),
    };
}

const TLS = { "aws:SecureTransport": "true" };
const NO_TLS = { "aws:SecureTransport": "false" };
const OWNER_ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };
const OTHER_ACCOUNT = "999999999999";

function allowAll(service: string): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: `${service}:*`, Resource: "*" }] };
}

/** The rows for one stack, derived from what it configured. */
export function accessRows(subject: MatrixSubject): AccessRow[] {
    const { accountId, bucketName, region } = subject;
    const bucket = `arn:aws:s3:::${bucketName}`;
    const object = (key: string): string => `${bucket}/${key}`;
    const trail = subject.cloudTrailArns[0] ?? `arn:aws:cloudtrail:${region}:${accountId}:trail/management-events`;
    const otherTrail = `arn:aws:cloudtrail:${region}:${accountId}:trail/someone-elses-trail`;
    const foreignTrail = `arn:aws:cloudtrail:${region}:${OTHER_ACCOUNT}:trail/management-events`;
    const trailLog = object(`cloudtrail-logs/AWSLogs/${accountId}/CloudTrail/${region}/2026/11/28/log.json.gz`);
    const configLog = object(`config-logs/AWSLogs/${accountId}/Config/${region}/2026/11/28/snapshot.json.gz`);
    const trailContext = { ...TLS, ...OWNER_ACL, "aws:SourceArn": trail, "aws:SourceAccount": accountId };
    const configContext = { ...TLS, "aws:SourceAccount": accountId, "aws:SourceArn": `arn:aws:config:${region}:${accountId}:*` };
    const admin = `arn:aws:iam::${accountId}:role/AccountAdministrator`;
    const stranger = `arn:aws:iam::${OTHER_ACCOUNT}:role/Administrator`;
    const sameAccountReader = subject.readerArns.find((arn) => arn.split(":")[4] === accountId);
    const crossAccountReader = subject.readerArns.find((arn) => arn.split(":")[4] !== accountId);
    const rows: AccessRow[] = [];
    const row = (r: Omit<AccessRow, "against"> & { against?: AccessRow["against"] }): void => {
        rows.push({ against: "bucket", ...r });
    };

    // CloudTrail.
    row({ what: "CloudTrail writes its own account's log with the owner ACL", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: trailContext, expected: "Allowed" });
    row({ what: "CloudTrail checks the bucket ACL", principal: "cloudtrail.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "CloudTrail writes outside cloudtrail-logs/", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object(`config-logs/AWSLogs/${accountId}/x.json.gz`), context: trailContext, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail writes under another account's AWSLogs/ path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object(`cloudtrail-logs/AWSLogs/${OTHER_ACCOUNT}/x.json.gz`), context: trailContext, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail writes without the ACL header", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail writes with a private ACL", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, "s3:x-amz-acl": "private" }, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail writes with no aws:SourceArn", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...TLS, ...OWNER_ACL, "aws:SourceAccount": accountId }, expected: "ImplicitlyDenied" });
    row({ what: "another account's trail writes (confused deputy)", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, "aws:SourceArn": foreignTrail, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail writes without TLS", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, ...NO_TLS }, expected: "ExplicitlyDenied" });
    row({ what: "CloudTrail writes over TLS 1.1", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, "s3:TlsVersion": "1.1" }, expected: "ExplicitlyDenied" });
    if (subject.cloudTrailArns.length > 0) {
        row({ what: "a trail of the account that is not named writes", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, "aws:SourceArn": otherTrail }, expected: "ImplicitlyDenied" });
    } else {
        row({ what: "any trail of the account writes (no trails named)", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: trailLog, context: { ...trailContext, "aws:SourceArn": otherTrail }, expected: "Allowed" });
    }
    const orgPath = (org: string): string => object(`cloudtrail-logs/AWSLogs/${org}/${OTHER_ACCOUNT}/CloudTrail/${region}/log.json.gz`);
    if (subject.organizationId) {
        const org = subject.organizationId;
        const orgContext = { ...trailContext, "aws:SourceOrgID": org };
        row({ what: "the organization trail writes a member account's log", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: orgContext, expected: "Allowed" });
        row({ what: "a trail of another organization writes under our organization path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: { ...orgContext, "aws:SourceOrgID": "o-zzzzzzzzzz" }, expected: "ImplicitlyDenied" });
        row({ what: "the organization trail writes under another organization's path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath("o-zzzzzzzzzz"), context: orgContext, expected: "ImplicitlyDenied" });
        row({ what: "the organization trail writes without the ACL header", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: { ...TLS, "aws:SourceArn": trail, "aws:SourceOrgID": org }, expected: "ImplicitlyDenied" });
    } else {
        row({ what: "an organization trail writes (no organization configured)", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath("o-a1b2c3d4e5"), context: { ...trailContext, "aws:SourceOrgID": "o-a1b2c3d4e5" }, expected: "ImplicitlyDenied" });
    }

    // AWS Config.
    row({ what: "Config checks the bucket ACL", principal: "config.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: configContext, expected: "Allowed" });
    row({ what: "Config checks the bucket exists", principal: "config.amazonaws.com", action: "s3:ListBucket", resource: bucket, context: configContext, expected: "Allowed" });
    row({ what: "Config delivers a snapshot with the owner ACL", principal: "config.amazonaws.com", action: "s3:PutObject", resource: configLog, context: { ...configContext, ...OWNER_ACL }, expected: "Allowed" });
    row({ what: "Config of another account checks the ACL", principal: "config.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: { ...configContext, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "Config of another account lists the bucket", principal: "config.amazonaws.com", action: "s3:ListBucket", resource: bucket, context: { ...configContext, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "Config of another account delivers", principal: "config.amazonaws.com", action: "s3:PutObject", resource: configLog, context: { ...configContext, ...OWNER_ACL, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "Config writes outside AWSLogs/<account>/Config/", principal: "config.amazonaws.com", action: "s3:PutObject", resource: object(`config-logs/AWSLogs/${accountId}/elsewhere.json`), context: { ...configContext, ...OWNER_ACL }, expected: "ImplicitlyDenied" });
    row({ what: "Config delivers without the ACL header", principal: "config.amazonaws.com", action: "s3:PutObject", resource: configLog, context: configContext, expected: "ImplicitlyDenied" });
    row({ what: "Config delivers without TLS", principal: "config.amazonaws.com", action: "s3:PutObject", resource: configLog, context: { ...configContext, ...OWNER_ACL, ...NO_TLS }, expected: "ExplicitlyDenied" });

    // Session Manager and Security Hub writers.
    const ssmWriter = subject.sessionManagerWriterArns[0];
    if (ssmWriter) {
        row({ what: "the Session Manager writer writes under ssm-logs/", principal: ssmWriter, action: "s3:PutObject", resource: object("ssm-logs/session-1.log"), context: TLS, expected: "Allowed" });
        row({ what: "the Session Manager writer checks the bucket's encryption", principal: ssmWriter, action: "s3:GetEncryptionConfiguration", resource: bucket, context: TLS, expected: "Allowed" });
        row({ what: "the Session Manager writer, with s3:* in its own policy, writes into cloudtrail-logs/", principal: ssmWriter, action: "s3:PutObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: "the Session Manager writer reads CloudTrail logs", principal: ssmWriter, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "ImplicitlyDenied" });
    } else {
        row({ what: "a role writes under ssm-logs/ (Session Manager delivery not enabled)", principal: `arn:aws:iam::${accountId}:role/SsmSessionLogging`, action: "s3:PutObject", resource: object("ssm-logs/session-1.log"), context: TLS, expected: "ImplicitlyDenied" });
    }
    const hubWriter = subject.securityHubWriterArns[0];
    if (hubWriter) {
        row({ what: "the Security Hub writer writes findings", principal: hubWriter, action: "s3:PutObject", resource: object("securityhub-findings/2026/11/28/findings.json"), context: TLS, expected: "Allowed" });
        row({ what: "the Security Hub writer aborts an upload of findings", principal: hubWriter, action: "s3:AbortMultipartUpload", resource: object("securityhub-findings/2026/11/28/findings.json"), context: TLS, expected: "Allowed" });
        row({ what: "the Security Hub writer, with s3:* in its own policy, writes into config-logs/", principal: hubWriter, action: "s3:PutObject", resource: configLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
    }

    // Readers.
    if (sameAccountReader) {
        const reader = sameAccountReader;
        row({ what: "a reader reads a CloudTrail log", principal: reader, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "Allowed" });
        row({ what: "a reader reads an older version of a Config snapshot", principal: reader, action: "s3:GetObjectVersion", resource: configLog, context: TLS, expected: "Allowed" });
        row({ what: "a reader lists cloudtrail-logs/", principal: reader, action: "s3:ListBucket", resource: bucket, context: { ...TLS, "s3:prefix": "cloudtrail-logs/AWSLogs/" }, expected: "Allowed" });
        row({ what: "a reader lists the whole bucket", principal: reader, action: "s3:ListBucket", resource: bucket, context: { ...TLS, "s3:prefix": "" }, expected: "ImplicitlyDenied" });
        row({ what: "a reader reads outside the log prefixes", principal: reader, action: "s3:GetObject", resource: object("scratch/notes.txt"), context: TLS, expected: "ImplicitlyDenied" });
        row({ what: ssmWriter ? "a reader reads a Session Manager log" : "a reader reads under ssm-logs/ (not a log prefix here)", principal: reader, action: "s3:GetObject", resource: object("ssm-logs/session-1.log"), context: TLS, expected: ssmWriter ? "Allowed" : "ImplicitlyDenied" });
        row({ what: "a reader reads without TLS", principal: reader, action: "s3:GetObject", resource: trailLog, context: NO_TLS, expected: "ExplicitlyDenied" });
        for (const [action, resource] of [
            ["s3:PutObject", trailLog],
            ["s3:DeleteObject", trailLog],
            ["s3:DeleteObjectVersion", trailLog],
            ["s3:PutBucketPolicy", bucket],
            ["s3:PutLifecycleConfiguration", bucket],
        ]) {
            row({ what: `a reader, with s3:* in its own policy, calls ${action}`, principal: reader, action, resource, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        }
    }
    if (crossAccountReader) {
        row({ what: "a reader in another account, allowed by its own policy, reads a CloudTrail log", principal: crossAccountReader, action: "s3:GetObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
        row({ what: "a reader in another account without an identity policy reads", principal: crossAccountReader, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "ImplicitlyDenied" });
    }

    // Everyone else.
    for (const [action, resource] of [
        ["s3:GetObject", trailLog],
        ["s3:PutObject", trailLog],
        ["s3:ListBucket", bucket],
    ]) {
        row({ what: `an anonymous caller calls ${action}`, principal: "anonymous", action, resource, context: TLS, expected: "ImplicitlyDenied" });
    }
    for (const [action, resource] of [
        ["s3:GetObject", trailLog],
        ["s3:PutObject", trailLog],
        ["s3:PutBucketPolicy", bucket],
        ["s3:DeleteObject", configLog],
    ]) {
        row({ what: `an administrator of another account calls ${action}`, principal: stranger, action, resource, context: TLS, identityPolicy: allowAll("s3"), expected: "ImplicitlyDenied" });
    }
    row({ what: "the account's administrator reads a log", principal: admin, action: "s3:GetObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
    row({ what: "the account's administrator reads without TLS", principal: admin, action: "s3:GetObject", resource: trailLog, context: NO_TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
    row({ what: "the account's administrator deletes a log version", principal: admin, action: "s3:DeleteObjectVersion", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });

    if (subject.keyPolicy && subject.kmsKeyArn) {
        rows.push(...keyRows(subject, trail, otherTrail, foreignTrail, admin, stranger, sameAccountReader));
    }
    return rows;
}

function keyRows(subject: MatrixSubject, trail: string, otherTrail: string, foreignTrail: string, admin: string, stranger: string, reader: string | undefined): AccessRow[] {
    const key = subject.kmsKeyArn as string;
    const { accountId, region } = subject;
    const viaS3 = `s3.${region}.amazonaws.com`;
    const rows: AccessRow[] = [];
    const row = (r: Omit<AccessRow, "against" | "resource">): void => {
        rows.push({ against: "key", resource: key, ...r });
    };
    const context = (trailArn: string, extra: Record<string, string> = {}) => ({ ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn, ...extra });
    row({ what: "CloudTrail generates a data key for its own trail", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: context(trail), expected: "Allowed", dependsOnEncryptionContext: true });
    row({ what: "CloudTrail generates a data key with another trail's encryption context", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: context(subject.cloudTrailArns.length > 0 ? otherTrail : foreignTrail), expected: "ImplicitlyDenied", dependsOnEncryptionContext: true });
    row({ what: "CloudTrail generates a data key with no encryption context", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "ImplicitlyDenied", dependsOnEncryptionContext: true });
    row({ what: "another account's trail generates a data key", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: { ...context(foreignTrail), "aws:SourceArn": foreignTrail, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied", dependsOnEncryptionContext: true });
    if (subject.organizationId) {
        row({ what: "the organization trail generates a data key", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: context(trail, { "aws:SourceOrgID": subject.organizationId }), expected: "Allowed", dependsOnEncryptionContext: true });
    }
    row({ what: "CloudTrail describes the key for its trail", principal: "cloudtrail.amazonaws.com", action: "kms:DescribeKey", context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "another account's trail describes the key", principal: "cloudtrail.amazonaws.com", action: "kms:DescribeKey", context: { ...TLS, "aws:SourceArn": foreignTrail, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "Config generates a data key for its account", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", context: { ...TLS, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "Config of another account decrypts", principal: "config.amazonaws.com", action: "kms:Decrypt", context: { ...TLS, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    if (reader) {
        row({ what: "a reader decrypts through S3", principal: reader, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": viaS3 }, expected: "Allowed" });
        row({ what: "a reader decrypts directly, not through S3", principal: reader, action: "kms:Decrypt", context: TLS, expected: "ImplicitlyDenied" });
        row({ what: "a reader decrypts through another service", principal: reader, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": `ssm.${region}.amazonaws.com` }, expected: "ImplicitlyDenied" });
        row({ what: "a reader generates a data key", principal: reader, action: "kms:GenerateDataKey", context: { ...TLS, "kms:ViaService": viaS3 }, expected: "ImplicitlyDenied" });
    }
    row({ what: "the account's administrator, allowed by IAM, schedules key deletion", principal: admin, action: "kms:ScheduleKeyDeletion", context: TLS, identityPolicy: allowAll("kms"), expected: "Allowed" });
    row({ what: "an administrator of another account decrypts", principal: stranger, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": viaS3 }, identityPolicy: allowAll("kms"), expected: "ImplicitlyDenied" });
    return rows;
}
