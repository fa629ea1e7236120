import { accountRootArn, accountTrailsPattern, bucketArn } from "./arns";
import { BUCKET_OWNER_FULL_CONTROL, SERVICE_PRINCIPALS } from "./constants";
import { isLogArchive, listedMemberAccounts } from "./organization";
import { enabledPrefixes } from "./prefixes";
import { ConditionBlock, PolicyDocument, PolicyStatement, TLS_ONLY_SIDS, oneOrMany, policyDocument, tlsOnlyStatements } from "./policyDocument";

/** Everything the bucket policy depends on, resolved to plain values. */
export interface BucketPolicyInputs {
    partition: string;
    accountId: string;
    bucketName: string;
    prefixes: { cloudTrail: string; config: string; sessionManager: string; securityHub: string };
    /** Trails allowed to deliver; empty means every trail of the account. */
    cloudTrailArns: string[];
    /** When set, the organization trail may deliver under `AWSLogs/<organizationId>/`. */
    organizationId?: string;
    /** Central log-archive mode: the management account, where the organization trail lives. */
    managementAccountId?: string;
    /** In central log-archive mode, the member accounts admitted; undefined admits the whole organization. */
    sourceAccountIds?: string[];
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
    /** Drops the deny of `s3:DeleteObjectVersion`, so a throwaway bucket can be emptied and destroyed. */
    allowDeletion?: boolean;
    /** AWS Config delivers here; `false` leaves out every Config statement. @default true */
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
    configOrganizationAclCheck: "AWSConfigOrganizationBucketPermissionsCheck",
    configOrganizationExistenceCheck: "AWSConfigOrganizationBucketExistenceCheck",
    configOrganizationWrite: "AWSConfigOrganizationBucketDelivery",
    sessionManagerEncryptionCheck: "SessionManagerEncryptionCheck",
    sessionManagerWrite: "SessionManagerWrite",
    securityHubBucketCheck: "SecurityHubFindingsBucketCheck",
    securityHubWrite: "SecurityHubFindingsWrite",
    sessionManagerWritesOutsidePrefix: "DenySessionManagerWritesOutsidePrefix",
    securityHubWritesOutsidePrefix: "DenySecurityHubWritesOutsidePrefix",
    readersChanges: "DenyLogReadersChanges",
    readersList: "LogReadersList",
    readersGet: "LogReadersGet",
} as const;

/** What readers may never do to the bucket or its logs. */
export const READER_DENIED_ACTIONS = [
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketVersioning",
    "s3:PutEncryptionConfiguration",
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutObjectRetention",
    "s3:PutObjectLegalHold",
    "s3:BypassGovernanceRetention",
];

/** The prefixes readers may read: every enabled delivery prefix. */
export function readablePrefixes(inputs: BucketPolicyInputs): string[] {
    const enabled = { config: inputs.configDelivery, sessionManager: inputs.sessionManagerWriterArns.length > 0, securityHub: inputs.securityHubWriterArns.length > 0 };
    return enabledPrefixes(inputs.prefixes, enabled).map(({ prefix }) => prefix);
}

/**
 * The bucket policy: hardening denies first, then one grant per delivering service, each confined to its prefix and
 * scoped to the account (or organization) it serves, then the readers.
 */
export function buildBucketPolicy(inputs: BucketPolicyInputs): PolicyDocument {
    const bucket = bucketArn(inputs.partition, inputs.bucketName);
    const objects = (key: string): string => `${bucket}/${key}`;
    const trailSource = cloudTrailSourceCondition(inputs);
    const sids = BUCKET_POLICY_SIDS;

    const statements: PolicyStatement[] = [
        ...tlsOnlyStatements(bucket),
        // Without this deny, version deletes are governed by the account's own IAM policies (allowDeletion).
        ...(inputs.allowDeletion
            ? []
            : [{ Sid: sids.denyLogVersionDeletion, Effect: "Deny" as const, Principal: "*" as const, Action: "s3:DeleteObjectVersion", Resource: objects("*") }]),
        {
            Sid: sids.cloudTrailAclCheck,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
            Action: "s3:GetBucketAcl",
            Resource: bucket,
            Condition: trailSource,
        },
        {
            Sid: sids.cloudTrailWrite,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
            Action: "s3:PutObject",
            Resource: objects(`${inputs.prefixes.cloudTrail}AWSLogs/${inputs.accountId}/*`),
            Condition: withOwnerFullControl(trailSource),
        },
    ];
    if (inputs.organizationId) {
        const organizationSource = organizationTrailSourceCondition(inputs, inputs.organizationId);
        statements.push(
            {
                Sid: sids.cloudTrailOrganizationAclCheck,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
                Action: "s3:GetBucketAcl",
                Resource: bucket,
                Condition: organizationSource,
            },
            {
                Sid: sids.cloudTrailOrganizationWrite,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
                Action: "s3:PutObject",
                Resource: oneOrMany(organizationTrailPaths(inputs, inputs.organizationId).map(objects)),
                Condition: withOwnerFullControl(organizationSource),
            },
        );
    }

    const configSource: ConditionBlock = { StringEquals: { "aws:SourceAccount": inputs.accountId } };
    if (inputs.configDelivery !== false) statements.push(
        {
            Sid: sids.configAclCheck,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.config },
            Action: "s3:GetBucketAcl",
            Resource: bucket,
            Condition: configSource,
        },
        {
            Sid: sids.configExistenceCheck,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.config },
            Action: "s3:ListBucket",
            Resource: bucket,
            Condition: configSource,
        },
        {
            Sid: sids.configWrite,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.config },
            Action: "s3:PutObject",
            Resource: objects(`${inputs.prefixes.config}AWSLogs/${inputs.accountId}/Config/*`),
            Condition: withOwnerFullControl(configSource),
        },
        ...memberConfigStatements(inputs, bucket, objects),
    );

    statements.push(
        ...writerStatements(inputs.sessionManagerWriterArns, bucket, objects(`${inputs.prefixes.sessionManager}*`), {
            checkSid: sids.sessionManagerEncryptionCheck,
            bucketActions: SESSION_MANAGER_WRITER_ACTIONS.bucket,
            writeSid: sids.sessionManagerWrite,
            objectActions: SESSION_MANAGER_WRITER_ACTIONS.objects,
            outsideSid: sids.sessionManagerWritesOutsidePrefix,
        }),
        ...writerStatements(inputs.securityHubWriterArns, bucket, objects(`${inputs.prefixes.securityHub}*`), {
            checkSid: sids.securityHubBucketCheck,
            bucketActions: FIREHOSE_WRITER_ACTIONS.bucket,
            writeSid: sids.securityHubWrite,
            objectActions: FIREHOSE_WRITER_ACTIONS.objects,
            outsideSid: sids.securityHubWritesOutsidePrefix,
        }),
    );

    if (inputs.readerArns.length > 0) {
        const readers = { AWS: oneOrMany(inputs.readerArns) };
        const prefixes = readablePrefixes(inputs);
        statements.push(
            {
                Sid: sids.readersList,
                Effect: "Allow",
                Principal: readers,
                Action: "s3:ListBucket",
                Resource: bucket,
                Condition: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } },
            },
            {
                Sid: sids.readersGet,
                Effect: "Allow",
                Principal: readers,
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: prefixes.map((prefix) => objects(`${prefix}*`)),
            },
            // Readers stay read-only even when their own IAM policies are broader.
            {
                Sid: sids.readersChanges,
                Effect: "Deny",
                Principal: readers,
                Action: READER_DENIED_ACTIONS,
                Resource: [bucket, objects("*")],
            },
        );
    }
    assertNoDenyCoversTheAccount(statements, inputs);
    return policyDocument(statements);
}

/**
 * What the Session Manager agent calls: `GetBucketEncryption` before it uploads, then `PutObject` (a failing
 * `PutObjectAcl` is ignored). Same grants for a role of this account or of a member account.
 */
export const SESSION_MANAGER_WRITER_ACTIONS = {
    bucket: ["s3:GetEncryptionConfiguration"],
    objects: ["s3:PutObject"],
} as const;

/** What a Firehose delivery role needs on its destination (Firehose Developer Guide, "Controlling access"). */
export const FIREHOSE_WRITER_ACTIONS = {
    bucket: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
    objects: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"],
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

/**
 * Where the organization trail writes: `AWSLogs/<org>/<account>/` for the admitted accounts when a list is given
 * (the bucket's own and the management account always), else anywhere under `AWSLogs/<org>/`.
 */
function organizationTrailPaths(inputs: BucketPolicyInputs, organizationId: string): string[] {
    const root = `${inputs.prefixes.cloudTrail}AWSLogs/${organizationId}/`;
    if (inputs.managementAccountId === undefined || inputs.sourceAccountIds === undefined) {
        return [`${root}*`];
    }
    return unique([inputs.accountId, inputs.managementAccountId, ...inputs.sourceAccountIds]).map((account) => `${root}${account}/*`);
}

/**
 * Central log-archive mode: AWS Config of member accounts delivers under `AWSLogs/<member>/Config/`, scoped by the
 * account list or, without one, by `aws:SourceOrgID`. Config always writes under its own account's path.
 */
function memberConfigStatements(inputs: BucketPolicyInputs, bucket: string, objects: (key: string) => string): PolicyStatement[] {
    if (!isLogArchive(inputs)) {
        return [];
    }
    const members = listedMemberAccounts(inputs);
    if (members !== undefined && members.length === 0) {
        return [];
    }
    const source: ConditionBlock = members ? { StringEquals: { "aws:SourceAccount": oneOrMany(members) } } : { StringEquals: { "aws:SourceOrgID": inputs.organizationId } };
    const paths = members ? members.map((account) => `${inputs.prefixes.config}AWSLogs/${account}/Config/*`) : [`${inputs.prefixes.config}AWSLogs/*/Config/*`];
    const sids = BUCKET_POLICY_SIDS;
    const config = { Service: SERVICE_PRINCIPALS.config };
    return [
        { Sid: sids.configOrganizationAclCheck, Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: bucket, Condition: source },
        { Sid: sids.configOrganizationExistenceCheck, Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: bucket, Condition: source },
        { Sid: sids.configOrganizationWrite, Effect: "Allow", Principal: config, Action: "s3:PutObject", Resource: oneOrMany(paths.map(objects)), Condition: withOwnerFullControl(source) },
    ];
}

function unique(values: readonly string[]): string[] {
    return [...new Set(values)];
}

interface WriterGrant {
    checkSid: string;
    /** The bucket-level calls the writer's service makes. */
    bucketActions: readonly string[];
    writeSid: string;
    /** The object-level calls, confined to the writer's prefix. */
    objectActions: readonly string[];
    outsideSid: string;
}

/**
 * A writer role's grants: its bucket-level check, writes under its prefix, and a deny of writes anywhere else: same
 * account writers may hold broad IAM policies, and this confines them whatever those say. None without writers.
 */
function writerStatements(writerArns: string[], bucket: string, prefixObjects: string, grant: WriterGrant): PolicyStatement[] {
    if (writerArns.length === 0) {
        return [];
    }
    const writers = { AWS: oneOrMany(writerArns) };
    return [
        { Sid: grant.checkSid, Effect: "Allow", Principal: writers, Action: oneOrMany(grant.bucketActions), Resource: bucket },
        { Sid: grant.writeSid, Effect: "Allow", Principal: writers, Action: oneOrMany(grant.objectActions), Resource: prefixObjects },
        { Sid: grant.outsideSid, Effect: "Deny", Principal: writers, Action: "s3:PutObject", NotResource: prefixObjects },
    ];
}

/** Named trails match exactly; without names, any trail of the account matches by pattern. */
export function cloudTrailSourceCondition(inputs: Pick<BucketPolicyInputs, "partition" | "accountId" | "cloudTrailArns">): ConditionBlock {
    if (inputs.cloudTrailArns.length > 0) {
        return { StringEquals: { "aws:SourceArn": oneOrMany(inputs.cloudTrailArns) } };
    }
    return { ArnLike: { "aws:SourceArn": accountTrailsPattern(inputs.partition, inputs.accountId) } };
}

/**
 * An organization trail is owned by the management account, so it is matched by organization id, and by trail ARN
 * as well when trails are named, or by the management account's trails pattern in central log-archive mode.
 */
function organizationTrailSourceCondition(inputs: Pick<BucketPolicyInputs, "cloudTrailArns" | "managementAccountId" | "partition">, organizationId: string): ConditionBlock {
    const equals: Record<string, string | string[]> = { "aws:SourceOrgID": organizationId };
    if (inputs.cloudTrailArns.length > 0) {
        equals["aws:SourceArn"] = oneOrMany(inputs.cloudTrailArns);
    } else if (inputs.managementAccountId !== undefined) {
        return { StringEquals: equals, ArnLike: { "aws:SourceArn": accountTrailsPattern(inputs.partition, inputs.managementAccountId) } };
    }
    return { StringEquals: equals };
}

function withOwnerFullControl(condition: ConditionBlock): ConditionBlock {
    return {
        ...condition,
        StringEquals: { ...(condition.StringEquals ?? {}), "s3:x-amz-acl": BUCKET_OWNER_FULL_CONTROL },
    };
}
