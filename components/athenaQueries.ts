import { ATHENA_TABLE_NAMES, DAY_FORMATS, PARTITION_KEYS } from "./athenaTables";

/** One saved query, in the shape of `aws.athena.NamedQuery`'s name, description and query inputs. */
export interface NamedQueryDefinition {
    /** Short, stable, used in the child resource's name. */
    id: string;
    name: string;
    /** The question and where its filter comes from, in one line each; the query's description. */
    description: string;
    /** The question the query answers, in one line. */
    question: string;
    /** The source of its filter: a CIS AWS Foundations Benchmark control, a Security Hub control, an AWS guide. */
    filterSource: string;
    /** The SQL, headed by the question and the filter's source as comments. */
    query: string;
}

export interface NamedQueryInputs {
    databaseName: string;
    /** The audit-log bucket, whose own configuration changes one query looks for. */
    logBucketName: string;
    /**
     * The account every query searches: a filter on the projected `account` column, so that a query reads one
     * account's partitions whether the accounts are enumerated or injected (edit the literal to search another).
     */
    accountId: string;
    /** How many days back each query looks, today included: at most 30, so a query reads at most 31 days. */
    lookbackDays?: number;
}

export const NAMED_QUERY_LOOKBACK_DAYS = 30;

/** Athena's date_format pattern (MySQL style) for each service's key format: `%c`/`%e` are the unpadded month and day. */
const SQL_DAY_FORMATS: Record<keyof typeof DAY_FORMATS, string> = { cloudTrail: "%Y/%m/%d", config: "%Y/%c/%e" };

/**
 * The day predicate that projection can prune on, in the projection's own format (AWS-ATH-400): CloudTrail's padded
 * days compare as strings in date order, so a lower bound is a range; Config's unpadded days do not ("2026/11/10" <
 * "2026/11/4"), so they are listed, one value per day of the window, each computed from current_date.
 */
export function dayWindow(service: keyof typeof DAY_FORMATS, days: number): string {
    const { day } = PARTITION_KEYS;
    const format = SQL_DAY_FORMATS[service];
    if (service === "cloudTrail") {
        return `${day} >= date_format(current_date - interval '${days}' day, '${format}')`;
    }
    const values = Array.from({ length: days + 1 }, (_, back) => (back === 0 ? `date_format(current_date, '${format}')` : `date_format(current_date - interval '${back}' day, '${format}')`));
    // date_parse only as a backstop beside the pruning list: a function on the column gives projection no range.
    return [`${day} IN (\n    ${values.join(",\n    ")}\n  )`, `date_parse(${day}, '${format}') >= current_date - interval '${days}' day`].join("\n  AND ");
}

/**
 * The questions auditors ask first, as saved queries in the workgroup. Each prunes on the projected day and account
 * (AWS-ATH-400), so it reads at most 31 days of one account in the projected regions, within the workgroup's scan
 * limit. Values put in the SQL are names validated elsewhere (bucket, database, account id): none can hold a quote.
 */
export function namedQueries(inputs: NamedQueryInputs): NamedQueryDefinition[] {
    const days = inputs.lookbackDays ?? NAMED_QUERY_LOOKBACK_DAYS;
    const trail = `"${inputs.databaseName}"."${ATHENA_TABLE_NAMES.cloudTrail}"`;
    const config = `"${inputs.databaseName}"."${ATHENA_TABLE_NAMES.config}"`;
    const account = `${PARTITION_KEYS.account} = '${inputs.accountId}'`;
    const trailWindow = `${dayWindow("cloudTrail", days)}\n  AND ${account}`;
    const configWindow = `${dayWindow("config", days)}\n  AND ${account}`;

    const definitions: (Omit<NamedQueryDefinition, "description" | "query"> & { sql: string[] })[] = [
        {
            id: "root-account-use",
            name: "Root account use",
            question: `Which calls were made as the root user, by a person rather than by a service, in the last ${days} days?`,
            filterSource: "CIS AWS Foundations Benchmark v1.4.0 4.3 / Security Hub CloudWatch.1 (userIdentity.type Root, no invokedBy, not an AwsServiceEvent)",
            sql: [
                "SELECT eventtime, recipientaccountid, awsregion, eventsource, eventname, sourceipaddress, useragent, errorcode",
                `FROM ${trail}`,
                "WHERE useridentity.type = 'Root'",
                "  AND useridentity.invokedby IS NULL",
                "  AND eventtype <> 'AwsServiceEvent'",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ],
        },
        {
            id: "console-sign-in-without-mfa",
            name: "Console sign-ins without MFA",
            question: `Which IAM users and root users signed in to the console without MFA in the last ${days} days?`,
            filterSource:
                "CIS AWS Foundations Benchmark v1.4.0 4.2 / Security Hub CloudWatch.3 (ConsoleLogin Success, MFAUsed not Yes, userIdentity.type IAMUser; Root added). Federated and IAM Identity Center sign-ins log MFAUsed No even when their identity provider enforced MFA, so they are left out",
            sql: [
                "SELECT eventtime, recipientaccountid, useridentity.type AS identity_type, useridentity.arn, sourceipaddress, useragent",
                `FROM ${trail}`,
                "WHERE eventname = 'ConsoleLogin'",
                "  AND useridentity.type IN ('IAMUser', 'Root')",
                "  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'",
                "  AND coalesce(json_extract_scalar(additionaleventdata, '$.MFAUsed'), 'No') <> 'Yes'",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ],
        },
        {
            id: "log-bucket-protection-changes",
            name: "Changes to the audit-log bucket's policy, encryption or public access block",
            question: `Who changed or removed the bucket policy, default encryption or public access block of ${inputs.logBucketName} in the last ${days} days?`,
            filterSource: "CIS AWS Foundations Benchmark v1.4.0 4.8 / Security Hub CloudWatch.8 (S3 bucket policy changes), narrowed to this bucket and extended to its encryption and public access block",
            sql: [
                "SELECT eventtime, useridentity.arn, eventname, errorcode, sourceipaddress, requestparameters",
                `FROM ${trail}`,
                "WHERE eventsource = 's3.amazonaws.com'",
                "  AND eventname IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketEncryption', 'DeleteBucketEncryption', 'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock')",
                `  AND json_extract_scalar(requestparameters, '$.bucketName') = '${inputs.logBucketName}'`,
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ],
        },
        {
            id: "kms-key-disable-or-deletion",
            name: "KMS keys disabled or scheduled for deletion",
            question: `Which KMS keys were disabled or scheduled for deletion in the last ${days} days? A disabled or deleted key makes the logs it encrypts unreadable.`,
            filterSource: "CIS AWS Foundations Benchmark v1.4.0 4.7 / Security Hub CloudWatch.7 (kms.amazonaws.com DisableKey or ScheduleKeyDeletion)",
            sql: [
                "SELECT eventtime, recipientaccountid, awsregion, useridentity.arn, eventname, errorcode, json_extract_scalar(requestparameters, '$.keyId') AS key_id",
                `FROM ${trail}`,
                "WHERE eventsource = 'kms.amazonaws.com'",
                "  AND eventname IN ('DisableKey', 'ScheduleKeyDeletion')",
                `  AND ${trailWindow}`,
                "ORDER BY eventtime DESC",
            ],
        },
        {
            id: "config-non-compliant",
            name: "Config items that became non-compliant",
            question: `Which resources did AWS Config record as becoming NON_COMPLIANT with a rule in the last ${days} days? Read from the configuration history only: snapshots repeat every item at each delivery.`,
            filterSource: "AWS Config developer guide: AWS::Config::ResourceCompliance configuration items, configuration.complianceType NON_COMPLIANT",
            sql: [
                "SELECT item.configurationItemCaptureTime AS captured_at, item.awsAccountId AS account_id, item.awsRegion AS region,",
                "       item.resourceId AS resource, item.configuration.complianceType AS compliance",
                `FROM ${config}`,
                "CROSS JOIN UNNEST(configurationitems) AS t(item)",
                "WHERE item.resourceType = 'AWS::Config::ResourceCompliance'",
                "  AND item.configuration.complianceType = 'NON_COMPLIANT'",
                `  AND ${configWindow}`,
                "ORDER BY captured_at DESC",
            ],
        },
    ];
    return definitions.map(({ sql, ...definition }) => ({
        ...definition,
        description: `${definition.question} Filter: ${definition.filterSource}.`.slice(0, 1024),
        query: [`-- Question: ${definition.question}`, `-- Filter from: ${definition.filterSource}`, ...sql].join("\n"),
    }));
}
