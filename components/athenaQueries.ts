import { ATHENA_TABLE_NAMES, PARTITION_KEYS } from "./athenaTables";

/** One saved query, in the shape of `aws.athena.NamedQuery`'s name, description and query inputs. */
export interface NamedQueryDefinition {
    /** Short, stable, used in the child resource's name. */
    id: string;
    name: string;
    description: string;
    query: string;
}

export interface NamedQueryInputs {
    databaseName: string;
    /** The audit-log bucket, whose own configuration changes one query looks for. */
    logBucketName: string;
    accountId: string;
    /**
     * Which tables project the account as `injected`: Athena then needs every query to name the account, so the
     * queries name this one (edit the literal to search a member account).
     */
    injectedAccount: { cloudTrail: boolean; config: boolean };
    /** How many days back each query looks: a partition filter, so a query scans only those days. */
    lookbackDays?: number;
}

export const NAMED_QUERY_LOOKBACK_DAYS = 30;

/**
 * The questions auditors ask first, as saved queries in the workgroup. Each filters on the projected day, so it reads
 * only the last `lookbackDays` of logs (and stays within the workgroup's scan limit). Values put in the SQL are names
 * validated elsewhere (bucket, database, account id): none can hold a quote.
 */
export function namedQueries(inputs: NamedQueryInputs): NamedQueryDefinition[] {
    const days = inputs.lookbackDays ?? NAMED_QUERY_LOOKBACK_DAYS;
    const trail = `"${inputs.databaseName}"."${ATHENA_TABLE_NAMES.cloudTrail}"`;
    const config = `"${inputs.databaseName}"."${ATHENA_TABLE_NAMES.config}"`;
    const { account, day } = PARTITION_KEYS;
    // CloudTrail's day is zero-padded, so the string compares in date order and prunes partitions directly.
    const trailWindow = [
        `${day} >= date_format(current_date - interval '${days}' day, '%Y/%m/%d')`,
        ...(inputs.injectedAccount.cloudTrail ? [`${account} = '${inputs.accountId}'`] : []),
    ].join("\n  AND ");
    // Config's day is not padded ("2016/9/27"): compare it as a date, never as a string.
    const configWindow = [
        `date_parse(${day}, '%Y/%c/%e') >= current_date - interval '${days}' day`,
        ...(inputs.injectedAccount.config ? [`${account} = '${inputs.accountId}'`] : []),
    ].join("\n  AND ");

    return [
        {
            id: "root-account-use",
            name: "Root account use",
            description: `Calls made as the account's root user in the last ${days} days (CIS AWS Foundations: root account usage).`,
            query: [
                "SELECT eventtime, recipientaccountid, awsregion, eventsource, eventname, sourceipaddress, useragent, errorcode",
                `FROM ${trail}`,
                "WHERE useridentity.type = 'Root'",
                "  AND useridentity.invokedby IS NULL",
                "  AND eventtype <> 'AwsServiceEvent'",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ].join("\n"),
        },
        {
            id: "console-sign-in-without-mfa",
            name: "Console sign-ins without MFA",
            description: `Successful console sign-ins that did not use MFA, in the last ${days} days.`,
            query: [
                "SELECT eventtime, recipientaccountid, useridentity.type AS identity_type, useridentity.arn, sourceipaddress, useragent",
                `FROM ${trail}`,
                "WHERE eventname = 'ConsoleLogin'",
                "  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'",
                "  AND coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), 'No') <> 'Yes'",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ].join("\n"),
        },
        {
            id: "log-bucket-protection-changes",
            name: "Changes to the audit-log bucket's policy, encryption or public access block",
            description: `Every call that changed or removed the bucket policy, default encryption or public access block of ${inputs.logBucketName}, in the last ${days} days.`,
            query: [
                "SELECT eventtime, useridentity.arn, eventname, errorcode, sourceipaddress, requestparameters",
                `FROM ${trail}`,
                "WHERE eventsource = 's3.amazonaws.com'",
                "  AND eventname IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketEncryption', 'DeleteBucketEncryption', 'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock')",
                `  AND json_extract_scalar(requestparameters, '$.bucketName') = '${inputs.logBucketName}'`,
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ].join("\n"),
        },
        {
            id: "kms-key-disable-or-deletion",
            name: "KMS keys disabled or scheduled for deletion",
            description: `DisableKey and ScheduleKeyDeletion calls in the last ${days} days: a disabled or deleted key makes the logs it encrypts unreadable.`,
            query: [
                "SELECT eventtime, recipientaccountid, awsregion, useridentity.arn, eventname, errorcode, json_extract_scalar(requestparameters, '$.keyId') AS key_id",
                `FROM ${trail}`,
                "WHERE eventsource = 'kms.amazonaws.com'",
                "  AND eventname IN ('DisableKey', 'ScheduleKeyDeletion')",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ].join("\n"),
        },
        {
            id: "config-non-compliant",
            name: "Config items that became non-compliant",
            description: `Resources AWS Config recorded as NON_COMPLIANT with a rule, in the last ${days} days.`,
            query: [
                "SELECT item.configurationItemCaptureTime AS captured_at, item.awsAccountId AS account_id, item.awsRegion AS region,",
                "       item.resourceId AS resource, item.configuration.complianceType AS compliance",
                `FROM ${config}`,
                "CROSS JOIN UNNEST(configurationitems) AS t(item)",
                "WHERE item.resourceType = 'AWS::Config::ResourceCompliance'",
                "  AND item.configuration.complianceType = 'NON_COMPLIANT'",
                `  AND ${configWindow}`,
                "ORDER BY captured_at DESC",
            ].join("\n"),
        },
    ];
}
