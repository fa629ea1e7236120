import { accountRootArn, accountTrailsPattern } from "./arns";
import { SERVICE_PRINCIPALS, dnsSuffixOf } from "./constants";
import { isLogArchive, listedMemberAccounts } from "./organization";
import { ConditionBlock, PolicyDocument, PolicyStatement, oneOrMany, policyDocument } from "./policyDocument";

/** Everything the key policy depends on, resolved to plain values. */
export interface KeyPolicyInputs {
    partition: string;
    accountId: string;
    region: string;
    /** Trails allowed to encrypt; empty means every trail of the account. */
    cloudTrailArns: string[];
    organizationId?: string;
    /** Central log-archive mode: the management account, whose trails are the organization trail. */
    managementAccountId?: string;
    /** In central log-archive mode, the member accounts admitted; undefined admits the whole organization. */
    sourceAccountIds?: string[];
    readerArns: string[];
    /** Session Manager and Security Hub writers: they encrypt through S3 when they put objects. */
    writerArns: string[];
    /**
     * Readers also get `kms:GenerateDataKey` through S3, so query results they write (e.g. Athena's, into an
     * SSE-KMS results location under this key) can be encrypted. Still through S3 only.
     * @default false
     */
    readersEncryptQueryResults?: boolean;
    /** AWS Config delivers here; `false` leaves out the Config statements. @default true */
    configDelivery?: boolean;
}

export const KEY_POLICY_SIDS = {
    accountAdministration: "EnableAccountAdministration",
    cloudTrailEncrypt: "AllowCloudTrailEncryptLogs",
    cloudTrailDescribe: "AllowCloudTrailDescribeKey",
    organizationTrailEncrypt: "AllowOrganizationTrailEncryptLogs",
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
    const trailArns = inputs.cloudTrailArns.length > 0 ? inputs.cloudTrailArns : [accountTrailsPattern(inputs.partition, inputs.accountId)];
    const trailSource: ConditionBlock =
        inputs.cloudTrailArns.length > 0
            ? { StringEquals: { "aws:SourceArn": oneOrMany(inputs.cloudTrailArns) } }
            : { ArnLike: { "aws:SourceArn": oneOrMany(trailArns) } };
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
        {
            Sid: sids.cloudTrailEncrypt,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                ...trailSource,
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": oneOrMany(trailArns) },
            },
        },
        {
            Sid: sids.cloudTrailDescribe,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: trailSource,
        },
    ];
    if (inputs.configDelivery !== false) {
        statements.push({
            Sid: sids.configEncrypt,
            Effect: "Allow",
            Principal: { Service: SERVICE_PRINCIPALS.config },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": inputs.accountId } },
        });
    }
    if (inputs.organizationId) {
        const organizationTrails =
            inputs.cloudTrailArns.length > 0
                ? inputs.cloudTrailArns
                : [inputs.managementAccountId !== undefined ? accountTrailsPattern(inputs.partition, inputs.managementAccountId) : `arn:${inputs.partition}:cloudtrail:*:*:trail/*`];
        const organizationSource = { "aws:SourceOrgID": inputs.organizationId };
        statements.push(
            {
                Sid: sids.organizationTrailEncrypt,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: {
                    StringEquals: organizationSource,
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": oneOrMany(organizationTrails) },
                },
            },
            {
                Sid: sids.organizationTrailDescribe,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
                Action: "kms:DescribeKey",
                Resource: "*",
                Condition: { StringEquals: organizationSource },
            },
        );
    }
    if (isLogArchive(inputs) && inputs.configDelivery !== false) {
        const members = listedMemberAccounts(inputs);
        if (members === undefined || members.length > 0) {
            statements.push({
                Sid: sids.organizationConfigEncrypt,
                Effect: "Allow",
                Principal: { Service: SERVICE_PRINCIPALS.config },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: { StringEquals: members ? { "aws:SourceAccount": oneOrMany(members) } : { "aws:SourceOrgID": inputs.organizationId } },
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
