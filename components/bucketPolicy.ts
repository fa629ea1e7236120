import { accountTrailsPattern, bucketArn } from "./arns";
import { BUCKET_OWNER_FULL_CONTROL, SERVICE_PRINCIPALS } from "./constants";
import { enabledPrefixes } from "./prefixes";
import { ConditionBlock, PolicyDocument, PolicyStatement, oneOrMany, policyDocument } from "./policyDocument";

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
    readerArns: string[];
    sessionManagerWriterArns: string[];
    securityHubWriterArns: string[];
}

export const BUCKET_POLICY_SIDS = {
    denyInsecureTransport: "DenyInsecureTransport",
    denyOutdatedTls: "DenyOutdatedTls",
    denyLogVersionDeletion: "DenyLogVersionDeletion",
    cloudTrailAclCheck: "AWSCloudTrailAclCheck",
    cloudTrailWrite: "AWSCloudTrailWrite",
    cloudTrailOrganizationAclCheck: "AWSCloudTrailOrganizationAclCheck",
    cloudTrailOrganizationWrite: "AWSCloudTrailOrganizationWrite",
    configAclCheck: "AWSConfigBucketPermissionsCheck",
    configExistenceCheck: "AWSConfigBucketExistenceCheck",
    configWrite: "AWSConfigBucketDelivery",
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
    const enabled = { sessionManager: inputs.sessionManagerWriterArns.length > 0, securityHub: inputs.securityHubWriterArns.length > 0 };
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
        {
            Sid: sids.denyInsecureTransport,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket, objects("*")],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: sids.denyOutdatedTls,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket, objects("*")],
            Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
        {
            Sid: sids.denyLogVersionDeletion,
            Effect: "Deny",
            Principal: "*",
            Action: "s3:DeleteObjectVersion",
            Resource: objects("*"),
        },
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
                Resource: objects(`${inputs.prefixes.cloudTrail}AWSLogs/${inputs.organizationId}/*`),
                Condition: withOwnerFullControl(organizationSource),
            },
        );
    }

    const configSource: ConditionBlock = { StringEquals: { "aws:SourceAccount": inputs.accountId } };
    statements.push(
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
    );

    statements.push(
        ...writerStatements(inputs.sessionManagerWriterArns, bucket, objects(`${inputs.prefixes.sessionManager}*`), {
            checkSid: sids.sessionManagerEncryptionCheck,
            checkAction: "s3:GetEncryptionConfiguration",
            writeSid: sids.sessionManagerWrite,
            writeActions: ["s3:PutObject"],
            outsideSid: sids.sessionManagerWritesOutsidePrefix,
        }),
        ...writerStatements(inputs.securityHubWriterArns, bucket, objects(`${inputs.prefixes.securityHub}*`), {
            checkSid: sids.securityHubBucketCheck,
            checkAction: "s3:GetBucketLocation",
            writeSid: sids.securityHubWrite,
            writeActions: ["s3:PutObject", "s3:AbortMultipartUpload"],
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
    return policyDocument(statements);
}

interface WriterGrant {
    checkSid: string;
    /** The bucket-level call the writer makes before it writes. */
    checkAction: string;
    writeSid: string;
    writeActions: string[];
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
        { Sid: grant.checkSid, Effect: "Allow", Principal: writers, Action: grant.checkAction, Resource: bucket },
        { Sid: grant.writeSid, Effect: "Allow", Principal: writers, Action: oneOrMany(grant.writeActions), Resource: prefixObjects },
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
 * as well when trails are named.
 */
function organizationTrailSourceCondition(inputs: Pick<BucketPolicyInputs, "cloudTrailArns">, organizationId: string): ConditionBlock {
    const equals: Record<string, string | string[]> = { "aws:SourceOrgID": organizationId };
    if (inputs.cloudTrailArns.length > 0) {
        equals["aws:SourceArn"] = oneOrMany(inputs.cloudTrailArns);
    }
    return { StringEquals: equals };
}

function withOwnerFullControl(condition: ConditionBlock): ConditionBlock {
    return {
        ...condition,
        StringEquals: { ...(condition.StringEquals ?? {}), "s3:x-amz-acl": BUCKET_OWNER_FULL_CONTROL },
    };
}
