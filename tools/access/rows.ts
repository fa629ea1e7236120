import { partitionOf, serviceEndpoint } from "../../components/constants";
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
    /** Which generated policy decides: the bucket policy, the key policy, or the created access-log bucket's policy. */
    against: "bucket" | "key" | "accessLogBucket";
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
    /** The ARN partition of the region: aws, aws-cn or aws-us-gov. */
    partition: string;
    bucketName: string;
    /** The bucket was registered with forceDestroy: the stack set allowDeletion. */
    allowDeletion: boolean;
    bucketPolicy: Record<string, unknown>;
    keyPolicy?: Record<string, unknown>;
    kmsKeyArn?: string;
    /** The access-log bucket the component created, when it did: its name, policy and the prefix logs go under. */
    accessLogBucket?: { bucketName: string; policy: Record<string, unknown>; targetPrefix: string };
    organizationId?: string;
    managementAccountId?: string;
    sourceAccountIds?: string[];
    cloudTrailArns: string[];
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
    /** Athena is on: readers also encrypt query results with the key, through S3 only. */
    readersEncryptQueryResults: boolean;
}

/** Reads the policies from the resources the program registered (not from its outputs, not by hand). */
export function matrixSubject(plan: StackPlan): MatrixSubject {
    const find = (type: string) => plan.resources.find((resource) => resource.type === type && !resource.name.includes("-access-logs-") && !resource.name.includes("-vault-"));
    const bucket = find("aws:s3/bucket:Bucket");
    const policy = find("aws:s3/bucketPolicy:BucketPolicy");
    const key = find("aws:kms/key:Key");
    if (!bucket || !policy) {
        throw new Error(`stack ${plan.stack.stack} registered no bucket or bucket policy`);
    }
    const accessLogBucket = plan.resources.find((resource) => resource.type === "aws:s3/bucket:Bucket" && resource.name.endsWith("-access-logs-bucket"));
    const accessLogPolicy = plan.resources.find((resource) => resource.type === "aws:s3/bucketPolicy:BucketPolicy" && resource.name.endsWith("-access-logs-policy"));
    const logging = plan.resources.find((resource) => resource.type === "aws:s3/bucketLogging:BucketLogging");
    const config = plan.stack.config;
    const list = (key: string): string[] => (config[`audit-log-bucket:${key}`] ? JSON.parse(config[`audit-log-bucket:${key}`]) : []);
    const bucketName = bucket.inputs.bucket as string;
    const [, accountId, region] = /-(\d{12})-([a-z0-9-]+)$/.exec(bucketName) ?? [];
    return {
        stack: plan.stack.stack,
        accountId,
        region,
        partition: partitionOf(region),
        bucketName,
        allowDeletion: bucket.inputs.forceDestroy === true,
        bucketPolicy: JSON.parse(policy.inputs.policy as string),
        keyPolicy: key ? JSON.parse(key.inputs.policy as string) : undefined,
        kmsKeyArn: key?.outputs.arn as string | undefined,
        accessLogBucket:
            accessLogBucket && accessLogPolicy && logging
                ? { bucketName: accessLogBucket.inputs.bucket as string, policy: JSON.parse(accessLogPolicy.inputs.policy as string), targetPrefix: logging.inputs.targetPrefix as string }
                : undefined,
        organizationId: config["audit-log-bucket:organizationId"],
        managementAccountId: config["audit-log-bucket:managementAccountId"],
        sourceAccountIds: config["audit-log-bucket:sourceAccountIds"] ? list("sourceAccountIds") : undefined,
        cloudTrailArns: list("cloudTrailArns"),
        readerArns: list("readerArns"),
        sessionManagerWriterArns: list("sessionManagerWriterArns"),
        securityHubWriterArns: list("securityHubWriterArns"),
        readersEncryptQueryResults: plan.resources.some((resource) => resource.type === "aws:athena/workgroup:Workgroup"),
    };
}

const TLS = { "aws:SecureTransport": "true" };
const NO_TLS = { "aws:SecureTransport": "false" };
const OWNER_ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };
const OTHER_ACCOUNT = "999999999999";
/** A member of the organization that a stack's sourceAccountIds leaves out. */
const UNLISTED_MEMBER = "777788889999";

function allowAll(service: string): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: `${service}:*`, Resource: "*" }] };
}

/** The rows for one stack, derived from what it configured. */
export function accessRows(subject: MatrixSubject): AccessRow[] {
    const { accountId, bucketName, region, partition } = subject;
    const bucket = `arn:${partition}:s3:::${bucketName}`;
    const object = (key: string): string => `${bucket}/${key}`;
    const trail = subject.cloudTrailArns[0] ?? `arn:${partition}:cloudtrail:${region}:${accountId}:trail/management-events`;
    const otherTrail = `arn:${partition}:cloudtrail:${region}:${accountId}:trail/someone-elses-trail`;
    const foreignTrail = `arn:${partition}:cloudtrail:${region}:${OTHER_ACCOUNT}:trail/management-events`;
    const trailLog = object(`cloudtrail-logs/AWSLogs/${accountId}/CloudTrail/${region}/2026/11/28/log.json.gz`);
    const configLog = object(`config-logs/AWSLogs/${accountId}/Config/${region}/2026/11/28/snapshot.json.gz`);
    const trailContext = { ...TLS, ...OWNER_ACL, "aws:SourceArn": trail, "aws:SourceAccount": accountId };
    const configContext = { ...TLS, "aws:SourceAccount": accountId, "aws:SourceArn": `arn:${partition}:config:${region}:${accountId}:*` };
    const admin = `arn:${partition}:iam::${accountId}:role/AccountAdministrator`;
    const stranger = `arn:${partition}:iam::${OTHER_ACCOUNT}:role/Administrator`;
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
    const member = subject.sourceAccountIds?.find((id) => id !== accountId && id !== subject.managementAccountId) ?? "444455556666";
    const orgPath = (org: string, account = member): string => object(`cloudtrail-logs/AWSLogs/${org}/${account}/CloudTrail/${region}/log.json.gz`);
    if (subject.organizationId) {
        const org = subject.organizationId;
        // The organization trail lives in the management account (in central log-archive mode), else it is the trail named.
        const orgTrail = subject.cloudTrailArns[0] ?? `arn:${partition}:cloudtrail:${region}:${subject.managementAccountId ?? accountId}:trail/organization-trail`;
        const orgTrailAccount = orgTrail.split(":")[4];
        const orgContext = { ...TLS, ...OWNER_ACL, "aws:SourceArn": orgTrail, "aws:SourceAccount": orgTrailAccount, "aws:SourceOrgID": org };
        row({ what: "the organization trail writes a member account's log", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: orgContext, expected: "Allowed" });
        row({ what: "the organization trail checks the bucket ACL", principal: "cloudtrail.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: { ...TLS, "aws:SourceArn": orgTrail, "aws:SourceAccount": orgTrailAccount, "aws:SourceOrgID": org }, expected: "Allowed" });
        row({ what: "a trail of another organization writes under our organization path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: { ...orgContext, "aws:SourceOrgID": "o-zzzzzzzzzz" }, expected: "ImplicitlyDenied" });
        row({ what: "the organization trail writes under another organization's path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath("o-zzzzzzzzzz"), context: orgContext, expected: "ImplicitlyDenied" });
        row({ what: "the organization trail writes without the ACL header", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: { ...TLS, "aws:SourceArn": orgTrail, "aws:SourceOrgID": org }, expected: "ImplicitlyDenied" });
        if (subject.managementAccountId && subject.cloudTrailArns.length === 0) {
            const memberTrail = `arn:${partition}:cloudtrail:${region}:${member}:trail/member-trail`;
            row({ what: "a member account's own trail (not the management account's) writes under the organization path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org), context: { ...orgContext, "aws:SourceArn": memberTrail, "aws:SourceAccount": member }, expected: "ImplicitlyDenied" });
        }
        // The organization trail logs every account of the organization: listed or not, a new account's logs are admitted.
        row({ what: "the organization trail writes the log of an account not in sourceAccountIds", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org, UNLISTED_MEMBER), context: orgContext, expected: "Allowed" });
        const orgTrailOwner = subject.managementAccountId ?? accountId;
        const otherOrgTrail = `arn:${partition}:cloudtrail:${region}:${member}:trail/member-trail`;
        row({ what: "another account's trail of the organization writes under the organization path, for a third account", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: orgPath(org, UNLISTED_MEMBER), context: { ...orgContext, "aws:SourceArn": otherOrgTrail, "aws:SourceAccount": member }, expected: "ImplicitlyDenied" });
        row({ what: "another account's trail of the organization checks the bucket ACL as the organization trail", principal: "cloudtrail.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: { ...TLS, "aws:SourceArn": otherOrgTrail, "aws:SourceAccount": member, "aws:SourceOrgID": org }, expected: "ImplicitlyDenied" });
        if (orgTrailOwner !== accountId) {
            row({ what: "the organization trail, turned back into the management account's trail, writes under AWSLogs/<management account>/", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object(`cloudtrail-logs/AWSLogs/${orgTrailOwner}/CloudTrail/${region}/log.json.gz`), context: orgContext, expected: "Allowed" });
            row({ what: "the management account's trail writes under a member account's own AWSLogs/<member>/ path", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: object(`cloudtrail-logs/AWSLogs/${member}/CloudTrail/${region}/log.json.gz`), context: orgContext, expected: "ImplicitlyDenied" });
        }
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

    // Config of member accounts (central log-archive mode).
    if (subject.organizationId && subject.managementAccountId) {
        const org = subject.organizationId;
        const memberConfigLog = (account: string): string => object(`config-logs/AWSLogs/${account}/Config/${region}/2026/11/28/snapshot.json.gz`);
        const memberContext = (account: string, organization = org) => ({ ...TLS, "aws:SourceAccount": account, "aws:SourceOrgID": organization, "aws:SourceArn": `arn:${partition}:config:${region}:${account}:*` });
        row({ what: "Config of a member account checks the bucket ACL", principal: "config.amazonaws.com", action: "s3:GetBucketAcl", resource: bucket, context: memberContext(member), expected: "Allowed" });
        row({ what: "Config of a member account checks the bucket exists", principal: "config.amazonaws.com", action: "s3:ListBucket", resource: bucket, context: memberContext(member), expected: "Allowed" });
        row({ what: "Config of a member account delivers under its own AWSLogs/<member>/Config/", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(member), context: { ...memberContext(member), ...OWNER_ACL }, expected: "Allowed" });
        row({ what: "Config of a member account delivers without the ACL header", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(member), context: memberContext(member), expected: "ImplicitlyDenied" });
        row({ what: "Config of a member account writes outside AWSLogs/<account>/Config/", principal: "config.amazonaws.com", action: "s3:PutObject", resource: object(`config-logs/AWSLogs/${member}/elsewhere.json`), context: { ...memberContext(member), ...OWNER_ACL }, expected: "ImplicitlyDenied" });
        row({ what: "Config of a member account delivers under another account's AWSLogs/<account>/Config/", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(UNLISTED_MEMBER), context: { ...memberContext(member), ...OWNER_ACL }, expected: "ImplicitlyDenied" });
        row({ what: "Config of a member account delivers under the bucket account's AWSLogs/<account>/Config/", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(accountId), context: { ...memberContext(member), ...OWNER_ACL }, expected: "ImplicitlyDenied" });
        row({ what: "Config of an account outside the organization delivers", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(OTHER_ACCOUNT), context: { ...memberContext(OTHER_ACCOUNT, "o-zzzzzzzzzz"), ...OWNER_ACL }, expected: "ImplicitlyDenied" });
        if (subject.sourceAccountIds) {
            row({ what: "Config of a member account not in sourceAccountIds delivers", principal: "config.amazonaws.com", action: "s3:PutObject", resource: memberConfigLog(UNLISTED_MEMBER), context: { ...memberContext(UNLISTED_MEMBER), ...OWNER_ACL }, expected: "ImplicitlyDenied" });
        }
    } else {
        row({ what: "Config of another account of the organization delivers (not a central log archive)", principal: "config.amazonaws.com", action: "s3:PutObject", resource: object(`config-logs/AWSLogs/${member}/Config/${region}/snapshot.json.gz`), context: { ...TLS, ...OWNER_ACL, "aws:SourceAccount": member, "aws:SourceOrgID": subject.organizationId ?? "o-a1b2c3d4e5" }, expected: "ImplicitlyDenied" });
    }

    // Session Manager and Security Hub (Firehose) writers: one of this account and one of a member account, each.
    // A writer of another account needs its own IAM policy too: its Allowed rows carry one.
    const ownOrOther = (arns: string[]): string[] => [arns.find((arn) => arn.split(":")[4] === accountId), arns.find((arn) => arn.split(":")[4] !== accountId)].filter((arn): arn is string => arn !== undefined);
    const sessionLog = object("ssm-logs/session-1.log");
    for (const ssmWriter of ownOrOther(subject.sessionManagerWriterArns)) {
        const whose = ssmWriter.split(":")[4] === accountId ? "the Session Manager writer" : "a member account's Session Manager writer";
        const own = ssmWriter.split(":")[4] === accountId ? {} : { identityPolicy: allowAll("s3") };
        row({ what: `${whose} writes under ssm-logs/`, principal: ssmWriter, action: "s3:PutObject", resource: sessionLog, context: TLS, ...own, expected: "Allowed" });
        row({ what: `${whose} checks the bucket's encryption`, principal: ssmWriter, action: "s3:GetEncryptionConfiguration", resource: bucket, context: TLS, ...own, expected: "Allowed" });
        row({ what: `${whose}, with s3:* in its own policy, writes into cloudtrail-logs/`, principal: ssmWriter, action: "s3:PutObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: `${whose} reads CloudTrail logs`, principal: ssmWriter, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "ExplicitlyDenied" });
        row({ what: `${whose}, with s3:* in its own policy, reads its own logs back`, principal: ssmWriter, action: "s3:GetObject", resource: sessionLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: `${whose} lists the bucket (not an action its service needs)`, principal: ssmWriter, action: "s3:ListBucket", resource: bucket, context: TLS, expected: "ExplicitlyDenied" });
        row({ what: `${whose}, with s3:* in its own policy, replaces the bucket policy`, principal: ssmWriter, action: "s3:PutBucketPolicy", resource: bucket, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: `${whose}, with s3:* in its own policy, bypasses governance retention`, principal: ssmWriter, action: "s3:BypassGovernanceRetention", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
    }
    if (subject.sessionManagerWriterArns.length === 0) {
        row({ what: "a role writes under ssm-logs/ (Session Manager delivery not enabled)", principal: `arn:${partition}:iam::${accountId}:role/SsmSessionLogging`, action: "s3:PutObject", resource: sessionLog, context: TLS, expected: "ImplicitlyDenied" });
    }
    const findings = object("securityhub-findings/2026/11/28/findings.json");
    for (const hubWriter of ownOrOther(subject.securityHubWriterArns)) {
        const whose = hubWriter.split(":")[4] === accountId ? "the Security Hub writer" : "a member account's Security Hub (Firehose) writer";
        const own = hubWriter.split(":")[4] === accountId ? {} : { identityPolicy: allowAll("s3") };
        for (const [action, resource] of [
            ["s3:GetBucketLocation", bucket],
            ["s3:ListBucket", bucket],
            ["s3:ListBucketMultipartUploads", bucket],
            ["s3:PutObject", findings],
            ["s3:AbortMultipartUpload", findings],
            ["s3:GetObject", findings],
        ]) {
            row({ what: `${whose} calls ${action}, as Firehose does`, principal: hubWriter, action, resource, context: TLS, ...own, expected: "Allowed" });
        }
        row({ what: `${whose}, with s3:* in its own policy, writes into config-logs/`, principal: hubWriter, action: "s3:PutObject", resource: configLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: `${whose} reads CloudTrail logs`, principal: hubWriter, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "ExplicitlyDenied" });
        row({ what: `${whose}, with s3:* in its own policy, reads CloudTrail logs`, principal: hubWriter, action: "s3:GetObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: `${whose}, with s3:* in its own policy, deletes a CloudTrail log`, principal: hubWriter, action: "s3:DeleteObject", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
    }

    // Readers.
    const ssmEnabled = subject.sessionManagerWriterArns.length > 0;
    if (sameAccountReader) {
        const reader = sameAccountReader;
        row({ what: "a reader reads a CloudTrail log", principal: reader, action: "s3:GetObject", resource: trailLog, context: TLS, expected: "Allowed" });
        row({ what: "a reader reads an older version of a Config snapshot", principal: reader, action: "s3:GetObjectVersion", resource: configLog, context: TLS, expected: "Allowed" });
        row({ what: "a reader lists cloudtrail-logs/", principal: reader, action: "s3:ListBucket", resource: bucket, context: { ...TLS, "s3:prefix": "cloudtrail-logs/AWSLogs/" }, expected: "Allowed" });
        row({ what: "a reader lists the whole bucket", principal: reader, action: "s3:ListBucket", resource: bucket, context: { ...TLS, "s3:prefix": "" }, expected: "ExplicitlyDenied" });
        row({ what: "a reader lists the bucket without a prefix", principal: reader, action: "s3:ListBucket", resource: bucket, context: TLS, expected: "ExplicitlyDenied" });
        row({ what: "a reader, with s3:* in its own policy, lists outside the log prefixes", principal: reader, action: "s3:ListBucket", resource: bucket, context: { ...TLS, "s3:prefix": "scratch/" }, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: "a reader reads outside the log prefixes", principal: reader, action: "s3:GetObject", resource: object("scratch/notes.txt"), context: TLS, expected: "ExplicitlyDenied" });
        row({ what: "a reader, with s3:* in its own policy, reads outside the log prefixes", principal: reader, action: "s3:GetObject", resource: object("scratch/notes.txt"), context: TLS, identityPolicy: allowAll("s3"), expected: "ExplicitlyDenied" });
        row({ what: "a reader, with s3:* in its own policy, locates the bucket (Athena does, for the reader)", principal: reader, action: "s3:GetBucketLocation", resource: bucket, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
        row({ what: ssmEnabled ? "a reader reads a Session Manager log" : "a reader reads under ssm-logs/ (not a log prefix here)", principal: reader, action: "s3:GetObject", resource: sessionLog, context: TLS, expected: ssmEnabled ? "Allowed" : "ExplicitlyDenied" });
        row({ what: "a reader reads without TLS", principal: reader, action: "s3:GetObject", resource: trailLog, context: NO_TLS, expected: "ExplicitlyDenied" });
        for (const [action, resource] of [
            ["s3:PutObject", trailLog],
            ["s3:DeleteObject", trailLog],
            ["s3:DeleteObjectVersion", trailLog],
            ["s3:PutBucketPolicy", bucket],
            ["s3:PutLifecycleConfiguration", bucket],
            ["s3:PutBucketPublicAccessBlock", bucket],
            ["s3:PutBucketOwnershipControls", bucket],
            ["s3:PutObjectAcl", trailLog],
            ["s3:GetBucketPolicy", bucket],
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
    // Version deletes: denied to everyone by default; with allowDeletion the account's own IAM policies decide.
    row({
        what: subject.allowDeletion ? "the account's administrator deletes a log version (allowDeletion)" : "the account's administrator deletes a log version",
        principal: admin,
        action: "s3:DeleteObjectVersion",
        resource: trailLog,
        context: TLS,
        identityPolicy: allowAll("s3"),
        expected: subject.allowDeletion ? "Allowed" : "ExplicitlyDenied",
    });
    row({ what: "an administrator of another account deletes a log version", principal: stranger, action: "s3:DeleteObjectVersion", resource: trailLog, context: TLS, identityPolicy: allowAll("s3"), expected: subject.allowDeletion ? "ImplicitlyDenied" : "ExplicitlyDenied" });

    // No lockout: whatever readers and writers are configured, the account keeps managing its bucket.
    const root = `arn:${partition}:iam::${accountId}:root`;
    for (const [action, resource] of [
        ["s3:GetBucketPolicy", bucket],
        ["s3:PutBucketPolicy", bucket],
        ["s3:GetLifecycleConfiguration", bucket],
        ["s3:PutLifecycleConfiguration", bucket],
        ["s3:GetEncryptionConfiguration", bucket],
        ["s3:PutEncryptionConfiguration", bucket],
    ]) {
        // The root user's implicit full access is not modelled by the evaluator: it is given as an identity policy, so
        // what the row proves is that no Deny of the bucket policy covers the account root.
        row({ what: `the account root calls ${action}`, principal: root, action, resource, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
        row({ what: `an administrator whose own policy allows s3:* calls ${action}`, principal: admin, action, resource, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
    }

    rows.push(...accessLogRows(subject, admin, stranger));

    if (subject.keyPolicy && subject.kmsKeyArn) {
        rows.push(...keyRows(subject, trail, otherTrail, foreignTrail, admin, stranger, sameAccountReader));
        rows.push(...organizationKeyRows(subject, member));
    }
    return rows;
}

function keyRows(subject: MatrixSubject, trail: string, otherTrail: string, foreignTrail: string, admin: string, stranger: string, reader: string | undefined): AccessRow[] {
    const key = subject.kmsKeyArn as string;
    const { accountId, region } = subject;
    const viaS3 = serviceEndpoint("s3", region);
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
    // AWS-CT-005: with the bucket's S3 Bucket Key, creating or updating the trail needs kms:Decrypt, by trail only.
    row({ what: "CloudTrail decrypts with the key for its trail (Bucket Key: creating or updating the trail)", principal: "cloudtrail.amazonaws.com", action: "kms:Decrypt", context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "another account's trail decrypts with the key", principal: "cloudtrail.amazonaws.com", action: "kms:Decrypt", context: { ...TLS, "aws:SourceArn": foreignTrail, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail decrypts with no aws:SourceArn", principal: "cloudtrail.amazonaws.com", action: "kms:Decrypt", context: { ...TLS, "aws:SourceAccount": accountId }, expected: "ImplicitlyDenied" });
    row({ what: "CloudTrail describes the key for its trail", principal: "cloudtrail.amazonaws.com", action: "kms:DescribeKey", context: { ...TLS, "aws:SourceArn": trail, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "another account's trail describes the key", principal: "cloudtrail.amazonaws.com", action: "kms:DescribeKey", context: { ...TLS, "aws:SourceArn": foreignTrail, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "Config generates a data key for its account", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", context: { ...TLS, "aws:SourceAccount": accountId }, expected: "Allowed" });
    row({ what: "Config of another account decrypts", principal: "config.amazonaws.com", action: "kms:Decrypt", context: { ...TLS, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    if (reader) {
        row({ what: "a reader decrypts through S3", principal: reader, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": viaS3 }, expected: "Allowed" });
        row({ what: "a reader decrypts directly, not through S3", principal: reader, action: "kms:Decrypt", context: TLS, expected: "ImplicitlyDenied" });
        row({ what: "a reader decrypts through another service", principal: reader, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": serviceEndpoint("ssm", region) }, expected: "ImplicitlyDenied" });
        if (viaS3 !== `s3.${region}.amazonaws.com`) {
            row({ what: "a reader decrypts through an S3 endpoint named as in another partition (amazonaws.com)", principal: reader, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": `s3.${region}.amazonaws.com` }, expected: "ImplicitlyDenied" });
        }
        row({
            what: subject.readersEncryptQueryResults ? "a reader generates a data key through S3 (Athena query results)" : "a reader generates a data key",
            principal: reader,
            action: "kms:GenerateDataKey",
            context: { ...TLS, "kms:ViaService": viaS3 },
            expected: subject.readersEncryptQueryResults ? "Allowed" : "ImplicitlyDenied",
        });
        row({ what: "a reader generates a data key directly, not through S3", principal: reader, action: "kms:GenerateDataKey", context: TLS, expected: "ImplicitlyDenied" });
    }
    // Writers encrypt through S3 (Session Manager, Firehose); one of a member account needs its own IAM policy too.
    const writers = [...subject.sessionManagerWriterArns, ...subject.securityHubWriterArns];
    for (const writer of [writers.find((arn) => arn.split(":")[4] === accountId), writers.find((arn) => arn.split(":")[4] !== accountId)]) {
        if (!writer) {
            continue;
        }
        const own = writer.split(":")[4] === accountId ? {} : { identityPolicy: allowAll("kms") };
        const whose = writer.split(":")[4] === accountId ? "a log writer" : "a member account's log writer";
        row({ what: `${whose} generates a data key through S3`, principal: writer, action: "kms:GenerateDataKey", context: { ...TLS, "kms:ViaService": viaS3 }, ...own, expected: "Allowed" });
        row({ what: `${whose} decrypts through S3 (multipart uploads)`, principal: writer, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": viaS3 }, ...own, expected: "Allowed" });
        row({ what: `${whose} generates a data key directly, not through S3`, principal: writer, action: "kms:GenerateDataKey", context: TLS, ...own, expected: "ImplicitlyDenied" });
    }
    row({ what: "the account's administrator, allowed by IAM, schedules key deletion", principal: admin, action: "kms:ScheduleKeyDeletion", context: TLS, identityPolicy: allowAll("kms"), expected: "Allowed" });
    row({ what: "an administrator of another account decrypts", principal: stranger, action: "kms:Decrypt", context: { ...TLS, "kms:ViaService": viaS3 }, identityPolicy: allowAll("kms"), expected: "ImplicitlyDenied" });
    return rows;
}

/** Central log-archive mode: the organization trail and member accounts' Config encrypt with the key. */
function organizationKeyRows(subject: MatrixSubject, member: string): AccessRow[] {
    if (!subject.organizationId || !subject.managementAccountId || subject.cloudTrailArns.length > 0) {
        return [];
    }
    const key = subject.kmsKeyArn as string;
    const { organizationId: org, managementAccountId: management, partition, region } = subject;
    const rows: AccessRow[] = [];
    const row = (r: Omit<AccessRow, "against" | "resource">): void => {
        rows.push({ against: "key", resource: key, ...r });
    };
    const orgTrail = `arn:${partition}:cloudtrail:${region}:${management}:trail/organization-trail`;
    const memberTrail = `arn:${partition}:cloudtrail:${region}:${member}:trail/member-trail`;
    const trailContext = (trailArn: string, account: string) => ({ ...TLS, "aws:SourceArn": trailArn, "aws:SourceAccount": account, "aws:SourceOrgID": org, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn });
    row({ what: "the management account's organization trail generates a data key", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: trailContext(orgTrail, management), expected: "Allowed", dependsOnEncryptionContext: true });
    row({ what: "a member account's own trail generates a data key", principal: "cloudtrail.amazonaws.com", action: "kms:GenerateDataKey", context: trailContext(memberTrail, member), expected: "ImplicitlyDenied", dependsOnEncryptionContext: true });
    const decryptContext = (trailArn: string, account: string) => ({ ...TLS, "aws:SourceArn": trailArn, "aws:SourceAccount": account, "aws:SourceOrgID": org });
    row({ what: "the management account's organization trail decrypts with the key (Bucket Key)", principal: "cloudtrail.amazonaws.com", action: "kms:Decrypt", context: decryptContext(orgTrail, management), expected: "Allowed" });
    row({ what: "a member account's own trail decrypts with the key", principal: "cloudtrail.amazonaws.com", action: "kms:Decrypt", context: decryptContext(memberTrail, member), expected: "ImplicitlyDenied" });
    row({ what: "the management account's organization trail describes the key", principal: "cloudtrail.amazonaws.com", action: "kms:DescribeKey", context: decryptContext(orgTrail, management), expected: "Allowed" });
    const configContext = (account: string, organization = org) => ({ ...TLS, "aws:SourceAccount": account, "aws:SourceOrgID": organization });
    row({ what: "Config of a member account generates a data key", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", context: configContext(member), expected: "Allowed" });
    row({ what: "Config of an account outside the organization generates a data key", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", context: configContext(OTHER_ACCOUNT, "o-zzzzzzzzzz"), expected: "ImplicitlyDenied" });
    if (subject.sourceAccountIds) {
        row({ what: "Config of a member account not in sourceAccountIds generates a data key", principal: "config.amazonaws.com", action: "kms:GenerateDataKey", context: configContext(UNLISTED_MEMBER), expected: "ImplicitlyDenied" });
    }
    return rows;
}

/** The access-log bucket the component created: only S3's log delivery for this bucket writes, under its prefix. */
function accessLogRows(subject: MatrixSubject, admin: string, stranger: string): AccessRow[] {
    const target = subject.accessLogBucket;
    if (!target) {
        return [];
    }
    const { accountId, partition } = subject;
    const bucket = `arn:${partition}:s3:::${target.bucketName}`;
    const log = `${bucket}/${target.targetPrefix}2026-11-28-10-00-00-0123456789ABCDEF`;
    const source = `arn:${partition}:s3:::${subject.bucketName}`;
    const delivery = { ...TLS, "aws:SourceArn": source, "aws:SourceAccount": accountId };
    const rows: AccessRow[] = [];
    const row = (r: Omit<AccessRow, "against">): void => {
        rows.push({ against: "accessLogBucket", ...r });
    };
    row({ what: "S3 server access logging delivers this bucket's logs under the prefix", principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: log, context: delivery, expected: "Allowed" });
    row({ what: "S3 server access logging delivers another bucket's logs", principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: log, context: { ...delivery, "aws:SourceArn": `arn:${partition}:s3:::someone-elses-bucket` }, expected: "ImplicitlyDenied" });
    row({ what: "S3 server access logging delivers for another account", principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: log, context: { ...delivery, "aws:SourceAccount": OTHER_ACCOUNT }, expected: "ImplicitlyDenied" });
    row({ what: "S3 server access logging writes outside the prefix", principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: `${bucket}/elsewhere/log`, context: delivery, expected: "ImplicitlyDenied" });
    row({ what: "S3 server access logging delivers without TLS", principal: "logging.s3.amazonaws.com", action: "s3:PutObject", resource: log, context: { ...delivery, ...NO_TLS }, expected: "ExplicitlyDenied" });
    row({ what: "the account's administrator reads an access log", principal: admin, action: "s3:GetObject", resource: log, context: TLS, identityPolicy: allowAll("s3"), expected: "Allowed" });
    row({ what: "an administrator of another account reads an access log", principal: stranger, action: "s3:GetObject", resource: log, context: TLS, identityPolicy: allowAll("s3"), expected: "ImplicitlyDenied" });
    row({ what: "an anonymous caller reads an access log", principal: "anonymous", action: "s3:GetObject", resource: log, context: TLS, expected: "ImplicitlyDenied" });
    return rows;
}
