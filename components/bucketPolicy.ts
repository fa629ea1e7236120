import { accountRootArn, bucketArn } from "./arns";
import { BUCKET_OWNER_FULL_CONTROL, SERVICE_PRINCIPALS } from "./constants";
import { isLogArchive, memberConfigSourceCondition, organizationTrailOwner, trailSourceCondition } from "./organization";
import { enabledPrefixes } from "./prefixes";
import { ConditionBlock, PolicyDocument, PolicyStatement, TLS_ONLY_SIDS, oneOrMany, policyDocument, tlsOnlyStatements } from "./policyDocument";

/** Everything the bucket policy depends on, resolved to plain values. */
export interface BucketPolicyInputs {
    partition: string;
    accountId: string;
    bucketName: string;
    prefixes: { cloudTrail: string; config: string; sessionManager: string; securityHub: string };
    /** Trails allowed to deliver, of this account or the management account; empty means every trail of each. */
    cloudTrailArns: string[];
    /** When set, the organization trail may deliver under `AWSLogs/<organizationId>/`. */
    organizationId?: string;
    /** Central log-archive mode: the management account, where the organization trail lives. */
    managementAccountId?: string;
    /** In central log-archive mode, the member accounts whose Config is admitted; undefined admits the whole organization. */
    sourceAccountIds?: string[];
    /** In central log-archive mode, the organizational-unit paths member accounts' Config must come from. */
    sourceOrgPaths?: string[];
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
    /** Drops the deny of `s3:DeleteObjectVersion`, so a throwaway bucket can be emptied and destroyed. */
    allowDeletion?: boolean;
    /**
     * AWS Config delivers here (its statements are written). `false` leaves every Config statement out.
     * @default true
     */
    configDelivery?: boolean;
}

export const BUCKET_POLICY_SIDS = {
    ...TLS_ONLY_SIDS,
    denyLogVersionDeletion: "DenyLogVersionDeletion",
    cloudTrailAclCheck: "AWSCloudTrailAclCheck",
    cloudTrailWrite: "AWSCloudTrailWrite",
    cloudTrailOrganizationAclCheck: "AWSCloudTrailOrganizationAclCheck",
    cloudTrailOrganizationWrite: "AWSCloudTrailOrganizationWrite",
    configAclCheck: "AWSConfigBucketPermissionsCheck",
    configExistenceCheck: "AWSConfigBucketExistenceCheck",
    configWrite: "AWSConfigBucketDelivery",
    configOrganizationChecks: "AWSConfigOrganizationBucketChecks",
    configOrganizationWrite: "AWSConfigOrganizationBucketDelivery",
    sessionManagerEncryptionCheck: "SessionManagerEncryptionCheck",
    sessionManagerWrite: "SessionManagerWrite",
    sessionManagerOutsidePrefix: "DenySessionManagerObjectCallsOutsidePrefix",
    sessionManagerOtherCalls: "DenySessionManagerOtherCalls",
    securityHubBucketCheck: "SecurityHubFindingsBucketCheck",
    securityHubWrite: "SecurityHubFindingsWrite",
    securityHubOutsidePrefix: "DenySecurityHubObjectCallsOutsidePrefix",
    securityHubOtherCalls: "DenySecurityHubOtherCalls",
    readersList: "LogReadersList",
    readersGet: "LogReadersGet",
    readersAllButReads: "DenyLogReadersAllButReads",
    readersReadsOutsideLogs: "DenyLogReadersReadsOutsideLogs",
    readersListOutsideLogs: "DenyLogReadersListOutsideLogs",
} as const;

/** The object reads readers are granted, on the log prefixes only. */
export const READER_OBJECT_READS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

/**
 * Every call a reader keeps (everything else on the bucket and its objects is denied to it, whatever its own IAM
 * policies say): the object reads, `s3:ListBucket` (scoped to the log prefixes: without it S3 answers a read of a
 * missing key with 403, and "missing" cannot be told from "denied"), and `s3:GetBucketLocation`, which Athena calls
 * for the reader before it reads a table's location (never granted here: the reader's own policy grants it).
 */
export const READER_KEPT_ACTIONS = [...READER_OBJECT_READS, "s3:ListBucket", "s3:GetBucketLocation"] as const;

/** The prefixes readers may read: every enabled delivery prefix. */
export function readablePrefixes(inputs: BucketPolicyInputs): string[] {
    const enabled = { sessionManager: inputs.sessionManagerWriterArns.length > 0, securityHub: inputs.securityHubWriterArns.length > 0 };
    return enabledPrefixes(inputs.prefixes, enabled).map(({ prefix }) => prefix);
}

/**
 * The bucket policy: hardening denies first, then one grant per delivering service, each confined to its prefix and
 * scoped to the account (or organization) it serves, then the writers and the readers, each confined by denies to
 * the calls it exists for. Its size does not depend on the number of accounts of the organization: only the
 * principal lists, the named trails, `sourceAccountIds` and `sourceOrgPaths` make it grow (see policySize.ts).
 */
export function buildBucketPolicy(inputs: BucketPolicyInputs): PolicyDocument {
    const bucket = bucketArn(inputs.partition, inputs.bucketName);
    const objects = (key: string): string => `${bucket}/${key}`;
    const sids = BUCKET_POLICY_SIDS;

    const statements: PolicyStatement[] = [
        ...tlsOnlyStatements(bucket),
        // Without this deny, version deletes are governed by the account's own IAM policies (allowDeletion).
        ...(inputs.allowDeletion
            ? []
            : [{ Sid: sids.denyLogVersionDeletion, Effect: "Deny" as const, Principal: "*" as const, Action: "s3:DeleteObjectVersion", Resource: objects("*") }]),
        ...cloudTrailStatements(inputs, bucket, objects),
        ...(inputs.configDelivery === false ? [] : configStatements(inputs, bucket, objects)),
        ...writerStatements(inputs.sessionManagerWriterArns, bucket, objects(`${inputs.prefixes.sessionManager}*`), {
            checkSid: sids.sessionManagerEncryptionCheck,
            bucketActions: SESSION_MANAGER_WRITER_ACTIONS.bucket,
            writeSid: sids.sessionManagerWrite,
            objectActions: SESSION_MANAGER_WRITER_ACTIONS.objects,
            sparedObjectActions: SESSION_MANAGER_WRITER_ACTIONS.sparedObjects,
            outsideSid: sids.sessionManagerOutsidePrefix,
            otherCallsSid: sids.sessionManagerOtherCalls,
        }),
        ...writerStatements(inputs.securityHubWriterArns, bucket, objects(`${inputs.prefixes.securityHub}*`), {
            checkSid: sids.securityHubBucketCheck,
            bucketActions: FIREHOSE_WRITER_ACTIONS.bucket,
            writeSid: sids.securityHubWrite,
            objectActions: FIREHOSE_WRITER_ACTIONS.objects,
            sparedObjectActions: FIREHOSE_WRITER_ACTIONS.sparedObjects,
            outsideSid: sids.securityHubOutsidePrefix,
            otherCallsSid: sids.securityHubOtherCalls,
        }),
        ...readerStatements(inputs, bucket, objects),
    ];
    assertNoDenyCoversTheAccount(statements, inputs);
    return policyDocument(statements);
}

/**
 * CloudTrail: `s3:GetBucketAcl` on the bucket and `s3:PutObject` with the owner ACL under
 * `<prefix>AWSLogs/<account>/`, from this account's trails (AWS-CT-001, AWS-CT-002). With an organization, the
 * organization trail as AWS writes it (AWS-CT-003): under `AWSLogs/<organization>/` for every account of the
 * organization, listed or not, and under `AWSLogs/<management account>/` for the trail turned back into an account
 * trail, only from the management account's trails (`aws:SourceArn`, with `aws:SourceOrgID`), so a member
 * account's own trail cannot write another account's partition.
 */
function cloudTrailStatements(inputs: BucketPolicyInputs, bucket: string, objects: (key: string) => string): PolicyStatement[] {
    const sids = BUCKET_POLICY_SIDS;
    const cloudTrail = { Service: SERVICE_PRINCIPALS.cloudTrail };
    const statements: PolicyStatement[] = [];
    const own = trailSourceCondition(inputs.partition, inputs.accountId, inputs.cloudTrailArns);
    if (own) {
        statements.push(
            { Sid: sids.cloudTrailAclCheck, Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: bucket, Condition: own },
            {
                Sid: sids.cloudTrailWrite,
                Effect: "Allow",
                Principal: cloudTrail,
                Action: "s3:PutObject",
                Resource: objects(`${inputs.prefixes.cloudTrail}AWSLogs/${inputs.accountId}/*`),
                Condition: withOwnerFullControl(own),
            },
        );
    }
    if (inputs.organizationId === undefined) {
        return statements;
    }
    const owner = organizationTrailOwner(inputs);
    const ownerTrails = trailSourceCondition(inputs.partition, owner, inputs.cloudTrailArns);
    if (!ownerTrails) {
        return statements;
    }
    const source = withEquals(ownerTrails, { "aws:SourceOrgID": inputs.organizationId });
    const paths = [`${inputs.prefixes.cloudTrail}AWSLogs/${inputs.organizationId}/*`];
    if (owner !== inputs.accountId) {
        // The bucket's own trails already check the ACL; the management account's need their own grant.
        statements.push({ Sid: sids.cloudTrailOrganizationAclCheck, Effect: "Allow", Principal: cloudTrail, Action: "s3:GetBucketAcl", Resource: bucket, Condition: source });
        paths.push(`${inputs.prefixes.cloudTrail}AWSLogs/${owner}/*`);
    }
    statements.push({
        Sid: sids.cloudTrailOrganizationWrite,
        Effect: "Allow",
        Principal: cloudTrail,
        Action: "s3:PutObject",
        Resource: oneOrMany(paths.map(objects)),
        Condition: withOwnerFullControl(source),
    });
    return statements;
}

/**
 * AWS Config: `s3:GetBucketAcl`, `s3:ListBucket` and `s3:PutObject` with the owner ACL under
 * `<prefix>AWSLogs/<account>/Config/`, scoped by `aws:SourceAccount` (AWS-CFG-001). In central log-archive mode,
 * member accounts too, each confined to its own `AWSLogs/<member>/Config/` by the policy variable
 * `${aws:SourceAccount}` in the resource (AWS-IAM-002), scoped by the account list or the organization
 * (memberConfigSourceCondition): no per-account path, so the size does not grow with the organization.
 */
function configStatements(inputs: BucketPolicyInputs, bucket: string, objects: (key: string) => string): PolicyStatement[] {
    const sids = BUCKET_POLICY_SIDS;
    const config = { Service: SERVICE_PRINCIPALS.config };
    const own: ConditionBlock = { StringEquals: { "aws:SourceAccount": inputs.accountId } };
    const statements: PolicyStatement[] = [
        { Sid: sids.configAclCheck, Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: bucket, Condition: own },
        { Sid: sids.configExistenceCheck, Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: bucket, Condition: own },
        {
            Sid: sids.configWrite,
            Effect: "Allow",
            Principal: config,
            Action: "s3:PutObject",
            Resource: objects(`${inputs.prefixes.config}AWSLogs/${inputs.accountId}/Config/*`),
            Condition: withOwnerFullControl(own),
        },
    ];
    const members = memberConfigSourceCondition(inputs);
    if (members) {
        statements.push(
            { Sid: sids.configOrganizationChecks, Effect: "Allow", Principal: config, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucket, Condition: members },
            {
                Sid: sids.configOrganizationWrite,
                Effect: "Allow",
                Principal: config,
                Action: "s3:PutObject",
                Resource: objects(`${inputs.prefixes.config}AWSLogs/\${aws:SourceAccount}/Config/*`),
                Condition: withOwnerFullControl(members),
            },
        );
    }
    return statements;
}

/**
 * Readers: a prefix-scoped `s3:ListBucket` and the object reads of the log prefixes, and denies of everything else
 * (AWS-IAM-001): a reader whose own IAM policy allows `s3:*` still cannot write, delete, change a setting of the
 * bucket (its policy, public access block, ownership, ACLs, notifications, replication, logging...) or read outside
 * the log prefixes. None without readers.
 */
function readerStatements(inputs: BucketPolicyInputs, bucket: string, objects: (key: string) => string): PolicyStatement[] {
    if (inputs.readerArns.length === 0) {
        return [];
    }
    const sids = BUCKET_POLICY_SIDS;
    const readers = { AWS: oneOrMany(inputs.readerArns) };
    const prefixes = readablePrefixes(inputs).map((prefix) => `${prefix}*`);
    const logObjects = prefixes.map(objects);
    return [
        // AWS-S3-002: without ListBucket a read of a missing key answers 403, not 404.
        { Sid: sids.readersList, Effect: "Allow", Principal: readers, Action: "s3:ListBucket", Resource: bucket, Condition: { StringLike: { "s3:prefix": prefixes } } },
        { Sid: sids.readersGet, Effect: "Allow", Principal: readers, Action: [...READER_OBJECT_READS], Resource: logObjects },
        { Sid: sids.readersAllButReads, Effect: "Deny", Principal: readers, NotAction: [...READER_KEPT_ACTIONS], Resource: [bucket, objects("*")] },
        { Sid: sids.readersReadsOutsideLogs, Effect: "Deny", Principal: readers, Action: [...READER_OBJECT_READS], NotResource: logObjects },
        // A missing s3:prefix (a list of the whole bucket) matches StringNotLike too, so it is denied as well.
        { Sid: sids.readersListOutsideLogs, Effect: "Deny", Principal: readers, Action: "s3:ListBucket", Resource: bucket, Condition: { StringNotLike: { "s3:prefix": prefixes } } },
    ];
}

/**
 * What the Session Manager agent calls: `GetBucketEncryption` (`s3:GetEncryptionConfiguration`) before it uploads,
 * then `PutObject` (AWS-SSM-001). Same grants for a role of this account or of a member account.
 */
export const SESSION_MANAGER_WRITER_ACTIONS = {
    bucket: ["s3:GetEncryptionConfiguration"],
    objects: ["s3:PutObject"],
    sparedObjects: [],
} as const;

/**
 * What a Firehose delivery role needs on its destination (AWS-FH-001): three bucket calls and three object calls,
 * granted. Firehose also calls `s3:PutObjectAcl` when the bucket belongs to another account; it is never granted
 * here (ACLs are off, BucketOwnerEnforced, and a cross-account ACL grant is an administrative one) but spared from
 * the deny under the writer's prefix, so the role's own IAM policy decides there.
 */
export const FIREHOSE_WRITER_ACTIONS = {
    bucket: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
    objects: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"],
    sparedObjects: ["s3:PutObjectAcl"],
} as const;

/**
 * A Deny naming the account root (or the bare account id) covers every principal of the account, the deployer
 * included, and only the root user could put a fixed policy back. Validation refuses such principals; this keeps
 * the builder from ever writing one, whatever its caller passed.
 */
function assertNoDenyCoversTheAccount(statements: PolicyStatement[], inputs: Pick<BucketPolicyInputs, "partition" | "accountId">): void {
    const account = new Set([accountRootArn(inputs.partition, inputs.accountId), inputs.accountId]);
    for (const statement of statements) {
        const principals = statement.Principal === "*" ? [] : [statement.Principal.AWS ?? []].flat();
        if (statement.Effect === "Deny" && principals.some((principal) => account.has(principal))) {
            throw new Error(`bucket policy statement ${statement.Sid} would deny the whole account ${inputs.accountId}, locking the owner out`);
        }
    }
}

interface WriterGrant {
    checkSid: string;
    /** The bucket-level calls the writer's service makes. */
    bucketActions: readonly string[];
    writeSid: string;
    /** The object-level calls, granted under the writer's prefix and denied everywhere else. */
    objectActions: readonly string[];
    /** Object-level calls the service makes that are not granted, only spared from the deny under the prefix. */
    sparedObjectActions: readonly string[];
    outsideSid: string;
    otherCallsSid: string;
}

/**
 * A writer role's grants: its bucket-level calls, its object calls under its prefix, a deny of those object calls
 * anywhere else (writing, and reading, other prefixes), and a deny of every other call on the bucket and its
 * objects (AWS-IAM-001): writers may hold broad IAM policies, and this confines them whatever those say. None
 * without writers.
 */
function writerStatements(writerArns: string[], bucket: string, prefixObjects: string, grant: WriterGrant): PolicyStatement[] {
    if (writerArns.length === 0) {
        return [];
    }
    const writers = { AWS: oneOrMany(writerArns) };
    return [
        { Sid: grant.checkSid, Effect: "Allow", Principal: writers, Action: oneOrMany(grant.bucketActions), Resource: bucket },
        { Sid: grant.writeSid, Effect: "Allow", Principal: writers, Action: oneOrMany(grant.objectActions), Resource: prefixObjects },
        { Sid: grant.outsideSid, Effect: "Deny", Principal: writers, Action: oneOrMany([...grant.objectActions, ...grant.sparedObjectActions]), NotResource: prefixObjects },
        {
            Sid: grant.otherCallsSid,
            Effect: "Deny",
            Principal: writers,
            NotAction: [...grant.bucketActions, ...grant.objectActions, ...grant.sparedObjectActions],
            Resource: [bucket, `${bucket}/*`],
        },
    ];
}

function withEquals(condition: ConditionBlock, equals: Record<string, string | string[]>): ConditionBlock {
    return { ...condition, StringEquals: { ...(condition.StringEquals ?? {}), ...equals } };
}

function withOwnerFullControl(condition: ConditionBlock): ConditionBlock {
    // AWS-CT-002, AWS-CFG-001: CloudTrail and Config send the bucket-owner-full-control canned ACL.
    return withEquals(condition, { "s3:x-amz-acl": BUCKET_OWNER_FULL_CONTROL });
}
