/** The IAM policy reader roles attach to run the named queries end to end, and nothing more. */
import { bucketArn } from "./arns";
import { dnsSuffixOf } from "./constants";
import { RESULTS_BUCKET_ACTIONS, RESULTS_OBJECT_ACTIONS } from "./athenaResults";

/** An identity-policy statement: no principal, the role it is attached to is the principal. */
export interface IdentityStatement {
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface IdentityPolicyDocument {
    Version: "2012-10-17";
    Statement: IdentityStatement[];
}

/** Everything the reader policy depends on, resolved. */
export interface ReaderPolicyInputs {
    partition: string;
    accountId: string;
    region: string;
    workgroupName: string;
    databaseName: string;
    logBucketName: string;
    /** The prefixes the tables read: CloudTrail's and Config's. */
    logPrefixes: readonly string[];
    resultsBucketName: string;
    /** The key of the logs and of the results; undefined with SSE-S3. */
    kmsKeyArn?: string;
}

export const ATHENA_QUERY_ACTIONS = [
    "athena:StartQueryExecution",
    "athena:StopQueryExecution",
    "athena:GetQueryExecution",
    "athena:BatchGetQueryExecution",
    "athena:ListQueryExecutions",
    "athena:GetQueryResults",
    "athena:GetQueryResultsStream",
    "athena:GetWorkGroup",
    "athena:GetNamedQuery",
    "athena:BatchGetNamedQuery",
    "athena:ListNamedQueries",
    // AWS-ATH-403: the console's query editor shows a running query's statistics; scoped to the workgroup.
    "athena:GetQueryRuntimeStatistics",
] as const;

/**
 * AWS-ATH-403: what the console needs besides running queries. ListWorkGroups and ListDataCatalogs take no resource
 * (the Service Authorization Reference lists no resource type for them), so they are granted on "*"; they only list
 * names. GetDataCatalog and ListDatabases take the `datacatalog` resource: the Glue Data Catalog, as Athena names it.
 */
export const ATHENA_CONSOLE_LIST_ACTIONS = ["athena:ListWorkGroups", "athena:ListDataCatalogs"] as const;
export const ATHENA_CONSOLE_CATALOG_ACTIONS = ["athena:GetDataCatalog", "athena:ListDatabases"] as const;

/** Athena's name for the account's Glue Data Catalog. */
export const GLUE_DATA_CATALOG_NAME = "AwsDataCatalog";

/** Read-only Glue calls Athena makes to plan a query over the catalog. */
export const GLUE_READ_ACTIONS = ["glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"] as const;

export const READER_POLICY_SIDS = {
    athena: "RunQueriesInTheAuditWorkgroup",
    glue: "ReadTheAuditLogTables",
    logBucket: "LocateAndListTheLogs",
    logObjects: "ReadTheLogs",
    resultsBucket: "UseTheResultsBucket",
    resultsObjects: "WriteAndReadQueryResults",
    kms: "DecryptLogsAndEncryptResultsViaS3",
    consoleLists: "ListWorkgroupsAndCatalogsInTheConsole",
    consoleCatalog: "BrowseTheGlueCatalogInTheConsole",
} as const;

/**
 * The IAM policy a reader role attaches to run the named queries end to end, from the CLI or the console: Athena in
 * this workgroup only (and the console's listing of workgroups and catalogs, and of this catalog's databases), Glue
 * reads on this database only, reads of the log prefixes (the bucket policy grants the same, and denies readers any
 * write), what Athena needs in the results bucket, and the key through S3 only: `Decrypt` to read logs and results,
 * `GenerateDataKey` to write encrypted results.
 */
export function readerPolicy(inputs: ReaderPolicyInputs): IdentityPolicyDocument {
    const { partition, accountId, region } = inputs;
    const logBucket = bucketArn(partition, inputs.logBucketName);
    const resultsBucket = bucketArn(partition, inputs.resultsBucketName);
    const glue = (resource: string): string => `arn:${partition}:glue:${region}:${accountId}:${resource}`;
    const statements: IdentityStatement[] = [
        {
            Sid: READER_POLICY_SIDS.athena,
            Effect: "Allow",
            Action: [...ATHENA_QUERY_ACTIONS],
            Resource: `arn:${partition}:athena:${region}:${accountId}:workgroup/${inputs.workgroupName}`,
        },
        { Sid: READER_POLICY_SIDS.consoleLists, Effect: "Allow", Action: [...ATHENA_CONSOLE_LIST_ACTIONS], Resource: "*" },
        {
            Sid: READER_POLICY_SIDS.consoleCatalog,
            Effect: "Allow",
            Action: [...ATHENA_CONSOLE_CATALOG_ACTIONS],
            Resource: `arn:${partition}:athena:${region}:${accountId}:datacatalog/${GLUE_DATA_CATALOG_NAME}`,
        },
        {
            Sid: READER_POLICY_SIDS.glue,
            Effect: "Allow",
            Action: [...GLUE_READ_ACTIONS],
            Resource: [glue("catalog"), glue(`database/${inputs.databaseName}`), glue(`table/${inputs.databaseName}/*`)],
        },
        { Sid: READER_POLICY_SIDS.logBucket, Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: logBucket },
        {
            Sid: `${READER_POLICY_SIDS.logBucket}UnderPrefixes`,
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: logBucket,
            Condition: { StringLike: { "s3:prefix": inputs.logPrefixes.map((prefix) => `${prefix}*`) } },
        },
        { Sid: READER_POLICY_SIDS.logObjects, Effect: "Allow", Action: ["s3:GetObject"], Resource: inputs.logPrefixes.map((prefix) => `${logBucket}/${prefix}*`) },
        { Sid: READER_POLICY_SIDS.resultsBucket, Effect: "Allow", Action: [...RESULTS_BUCKET_ACTIONS], Resource: resultsBucket },
        { Sid: READER_POLICY_SIDS.resultsObjects, Effect: "Allow", Action: [...RESULTS_OBJECT_ACTIONS], Resource: `${resultsBucket}/*` },
    ];
    if (inputs.kmsKeyArn) {
        statements.push({
            Sid: READER_POLICY_SIDS.kms,
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: inputs.kmsKeyArn,
            // kms:ViaService is S3's endpoint name, which follows the partition (amazonaws.com.cn in China).
            Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${dnsSuffixOf(partition)}` } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
