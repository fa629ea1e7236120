import { accountRootArn } from "./arns";
import { SERVICE_PRINCIPALS, dnsSuffixOf } from "./constants";
import { memberConfigSourceCondition, organizationTrailOwner, trailSourceCondition, trailsOf } from "./organization";
import { ConditionBlock, PolicyDocument, PolicyStatement, oneOrMany, policyDocument } from "./policyDocument";

/** Everything the key policy depends on, resolved to plain values. */
export interface KeyPolicyInputs {
    partition: string;
    accountId: string;
    region: string;
    /** Trails allowed to encrypt, of this account or the management account; empty means every trail of each. */
    cloudTrailArns: string[];
    organizationId?: string;
    /** Central log-archive mode: the management account, whose trails are the organization trail. */
    managementAccountId?: string;
    /** In central log-archive mode, the member accounts whose Config is admitted; undefined admits the whole organization. */
    sourceAccountIds?: string[];
    /** In central log-archive mode, the organizational-unit paths member accounts' Config must come from. */
    sourceOrgPaths?: string[];
    readerArns: string[];
    /** Session Manager and Security Hub writers: they encrypt through S3 when they put objects. */
    writerArns: string[];
    /**
     * Readers also get `kms:GenerateDataKey` through S3, so query results they write (e.g. Athena's, into an
     * SSE-KMS results location under this key) can be encrypted. Still through S3 only.
     * @default false
     */
    readersEncryptQueryResults?: boolean;
    /**
     * AWS Config delivers to the bucket (its statements are written). `false` leaves every Config statement out.
     * @default true
     */
    configDelivery?: boolean;
}

export const KEY_POLICY_SIDS = {
    accountAdministration: "EnableAccountAdministration",
    cloudTrailEncrypt: "AllowCloudTrailEncryptLogs",
    cloudTrailDecrypt: "AllowCloudTrailDecryptWithBucketKey",
    cloudTrailDescribe: "AllowCloudTrailDescribeKey",
    organizationTrailEncrypt: "AllowOrganizationTrailEncryptLogs",
    organizationTrailDecrypt: "AllowOrganizationTrailDecryptWithBucketKey",
    organizationTrailDescribe: "AllowOrganizationTrailDescribeKey",
    configEncrypt: "AllowConfigEncryptDeliveries",
    organizationConfigEncrypt: "AllowOrganizationConfigEncryptDeliveries",
    readersDecrypt: "AllowLogReadersDecryptViaS3",
    readersEncryptQueryResults: "AllowLogReadersEncryptQueryResultsViaS3",
    writersEncrypt: "AllowLogWritersEncryptViaS3",
} as const;

/**
 * The policy of the key the component creates. The account keeps administration through IAM (without it the key
 * could become unmanageable); services and principals get only the calls their deliveries and reads need.
 */
export function buildKeyPolicy(inputs: KeyPolicyInputs): PolicyDocument {
    const sids = KEY_POLICY_SIDS;
    // kms:ViaService is the endpoint's name, which follows the partition (s3.cn-north-1.amazonaws.com.cn in China).
    const viaS3 = `s3.${inputs.region}.${dnsSuffixOf(inputs.partition)}`;

    const statements: PolicyStatement[] = [
        {
            Sid: sids.accountAdministration,
            Effect: "Allow",
            Principal: { AWS: accountRootArn(inputs.partition, inputs.accountId) },
            Action: "kms:*",
            Resource: "*",
        },
        ...trailStatements(inputs, inputs.accountId, { encrypt: sids.cloudTrailEncrypt, decrypt: sids.cloudTrailDecrypt, describe: sids.cloudTrailDescribe }),
    ];
    const owner = organizationTrailOwner(inputs);
    // With organizationId alone the organization trail is one of this account's trails, admitted just above.
    if (inputs.organizationId !== undefined && owner !== inputs.accountId) {
        statements.push(
            ...trailStatements(inputs, owner, { encrypt: sids.organizationTrailEncrypt, decrypt: sids.organizationTrailDecrypt, describe: sids.organizationTrailDescribe }, { "aws:SourceOrgID": inputs.organizationId }),
        );
    }
    if (inputs.configDelivery !== false) {
        // AWS-CFG-002: Config encrypts its deliveries with the bucket's key.
        statements.push({
            Sid: sids.configEncrypt,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.config },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": inputs.accountId } },
        });
        const members = memberConfigSourceCondition(inputs);
        if (members) {
            statements.push({
                Sid: sids.organizationConfigEncrypt,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.config },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: members,
            });
        }
    }
    if (inputs.readerArns.length > 0) {
        statements.push({
            Sid: sids.readersDecrypt,
            Effect: "Allow",
            Principal: { AWS: oneOrMany(inputs.readerArns) },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": viaS3 } },
        });
        if (inputs.readersEncryptQueryResults) {
            statements.push({
                Sid: sids.readersEncryptQueryResults,
                Effect: "Allow",
                Principal: { AWS: oneOrMany(inputs.readerArns) },
                Action: "kms:GenerateDataKey",
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": viaS3 } },
            });
        }
    }
    if (inputs.writerArns.length > 0) {
        statements.push({
            Sid: sids.writersEncrypt,
            Effect: "Allow",
            Principal: { AWS: oneOrMany(inputs.writerArns) },
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": viaS3 } },
        });
    }
    return policyDocument(statements);
}

/**
 * CloudTrail's three statements for the trails of `account` (none when none of its trails is admitted):
 * `kms:GenerateDataKey*` scoped by `aws:SourceArn` and the `aws:cloudtrail:arn` encryption context (AWS-CT-004);
 * `kms:Decrypt`, which CloudTrail needs to create or update a trail when the bucket uses an S3 Bucket Key (always
 * on here), scoped by `aws:SourceArn` only, since with a Bucket Key the encryption context is the bucket's ARN, not
 * the trail's (AWS-CT-005, AWS-KMS-001); and `kms:DescribeKey` (AWS-CT-004).
 */
function trailStatements(inputs: KeyPolicyInputs, account: string, sidsOf: { encrypt: string; decrypt: string; describe: string }, extra: Record<string, string> = {}): PolicyStatement[] {
    const condition = trailSourceCondition(inputs.partition, account, inputs.cloudTrailArns);
    const trails = trailsOf(inputs.partition, account, inputs.cloudTrailArns);
    if (!condition || !trails) {
        return [];
    }
    const source: ConditionBlock = Object.keys(extra).length > 0 ? { ...condition, StringEquals: { ...(condition.StringEquals ?? {}), ...extra } } : condition;
    const cloudTrail = { Service: SERVICE_PRINCIPALS.cloudTrail };
    return [
        {
            Sid: sidsOf.encrypt,
            Effect: "Allow",
            Principal: cloudTrail,
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: { ...source, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": oneOrMany(trails) } },
        },
        { Sid: sidsOf.decrypt, Effect: "Allow", Principal: cloudTrail, Action: "kms:Decrypt", Resource: "*", Condition: source },
        { Sid: sidsOf.describe, Effect: "Allow", Principal: cloudTrail, Action: "kms:DescribeKey", Resource: "*", Condition: source },
    ];
}
