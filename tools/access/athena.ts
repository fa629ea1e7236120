import { AthenaArgs, resolveAthenaArgs, resultsBucketName } from "../../components/athena";
import { readerPolicy } from "../../components/athenaReaderPolicy";
import { resultsBucketPolicy } from "../../components/athenaResults";
import { ATHENA_TABLE_NAMES } from "../../components/athenaTables";
import { buildBucketPolicy } from "../../components/bucketPolicy";
import { dnsSuffixOf } from "../../components/constants";
import { buildKeyPolicy } from "../../components/keyPolicy";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import { RowVerdict, evaluateRow } from "./evaluate";
import type { AccessRow, Expected, MatrixSubject } from "./rows";

/** Everything the Athena rows are judged against: the three resource policies and the reader's own policy. */
export interface AthenaMatrixSubject {
    stack: string;
    partition: string;
    accountId: string;
    region: string;
    logBucketName: string;
    resultsBucketName: string;
    workgroupName: string;
    databaseName: string;
    kmsKeyArn?: string;
    logBucketPolicy: Record<string, unknown>;
    resultsBucketPolicy: Record<string, unknown>;
    keyPolicy?: Record<string, unknown>;
    /** `readerPolicyJson`, parsed: the identity policy every reader row carries. */
    readerPolicy: Record<string, unknown>;
    readerArns: string[];
}

/** What the stack configures, resolved: the subject is built from it by the same builders the components call. */
export interface AthenaStackInputs {
    stack: string;
    partition: string;
    accountId: string;
    region: string;
    logBucketName: string;
    organizationId?: string;
    cloudTrailArns: string[];
    readerArns: string[];
    /** The key the component creates; undefined with SSE-S3. */
    kmsKeyArn?: string;
    athena: AthenaArgs;
    /** Whether the key policy gives readers `kms:GenerateDataKey` through S3 (what Athena on needs). */
    readersEncryptQueryResults: boolean;
}

export function athenaMatrixSubject(inputs: AthenaStackInputs): AthenaMatrixSubject {
    const settings = resolveAthenaArgs(inputs.athena);
    const results = resultsBucketName(inputs.accountId, inputs.region);
    const principals = { cloudTrailArns: inputs.cloudTrailArns, organizationId: inputs.organizationId, readerArns: inputs.readerArns };
    return {
        stack: inputs.stack,
        partition: inputs.partition,
        accountId: inputs.accountId,
        region: inputs.region,
        logBucketName: inputs.logBucketName,
        resultsBucketName: results,
        workgroupName: settings.workgroupName,
        databaseName: settings.databaseName,
        kmsKeyArn: inputs.kmsKeyArn,
        logBucketPolicy: asRecord(
            buildBucketPolicy({ partition: inputs.partition, accountId: inputs.accountId, bucketName: inputs.logBucketName, prefixes: DEFAULT_PREFIXES, ...principals, sessionManagerWriterArns: [], securityHubWriterArns: [] }),
        ),
        resultsBucketPolicy: asRecord(resultsBucketPolicy({ partition: inputs.partition, resultsBucketName: results, readerArns: inputs.readerArns })),
        keyPolicy: inputs.kmsKeyArn
            ? asRecord(buildKeyPolicy({ partition: inputs.partition, accountId: inputs.accountId, region: inputs.region, ...principals, writerArns: [], readersEncryptQueryResults: inputs.readersEncryptQueryResults }))
            : undefined,
        readerPolicy: asRecord(
            readerPolicy({
                partition: inputs.partition,
                accountId: inputs.accountId,
                region: inputs.region,
                workgroupName: settings.workgroupName,
                databaseName: settings.databaseName,
                logBucketName: inputs.logBucketName,
                logPrefixes: [DEFAULT_PREFIXES.cloudTrail, DEFAULT_PREFIXES.config],
                resultsBucketName: results,
                kmsKeyArn: inputs.kmsKeyArn,
            }),
        ),
        readerArns: inputs.readerArns,
    };
}

/** Which policy decides besides the caller's own: a bucket's, the key's, or none (Athena and Glue resources have none). */
export type AthenaRowTarget = "logBucket" | "resultsBucket" | "key" | "none";

export interface AthenaAccessRow extends Omit<AccessRow, "against"> {
    against: AthenaRowTarget;
    /** The step of a query this row is (rows of one step read as one call Athena makes on the caller's behalf). */
    step: string;
}

const TLS = { "aws:SecureTransport": "true" };
const NO_TLS = { "aws:SecureTransport": "false" };
const OTHER_ACCOUNT = "999999999999";
const EMPTY_POLICY = { Version: "2012-10-17", Statement: [] };

function allowAll(...services: string[]): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: services.map((service) => `${service}:*`), Resource: "*" }] };
}

/**
 * The rows: a same-account reader runs a query end to end (every call Athena makes with the reader's credentials:
 * the workgroup, the catalog, the log objects, the key, the results), a reader in another account uses the results
 * bucket, a reader cannot write or delete logs or change the catalog, and an outsider can do nothing.
 */
export function athenaAccessRows(subject: AthenaMatrixSubject): AthenaAccessRow[] {
    const { partition, accountId, region } = subject;
    const logBucket = `arn:${partition}:s3:::${subject.logBucketName}`;
    const resultsBucket = `arn:${partition}:s3:::${subject.resultsBucketName}`;
    const day = "2026/11/28";
    const trailPrefix = `${DEFAULT_PREFIXES.cloudTrail}AWSLogs/${accountId}/CloudTrail/${region}/${day}/`;
    const trailLog = `${logBucket}/${trailPrefix}${accountId}_CloudTrail_${region}_20261128T1205Z_abc.json.gz`;
    const configLog = `${logBucket}/${DEFAULT_PREFIXES.config}AWSLogs/${accountId}/Config/${region}/2026/11/28/ConfigHistory/x.json.gz`;
    const result = `${resultsBucket}/7f1c2d3e-aaaa-bbbb-cccc-0123456789ab.csv`;
    const workgroup = `arn:${partition}:athena:${region}:${accountId}:workgroup/${subject.workgroupName}`;
    const glue = (resource: string): string => `arn:${partition}:glue:${region}:${accountId}:${resource}`;
    const table = glue(`table/${subject.databaseName}/${ATHENA_TABLE_NAMES.cloudTrail}`);
    const viaS3 = { ...TLS, "kms:ViaService": `s3.${region}.${dnsSuffixOf(partition)}` };
    const reader = subject.readerArns.find((arn) => arn.split(":")[4] === accountId);
    const crossAccountReader = subject.readerArns.find((arn) => arn.split(":")[4] !== accountId);
    const stranger = `arn:${partition}:iam::${OTHER_ACCOUNT}:role/Administrator`;
    const rows: AthenaAccessRow[] = [];
    const row = (step: string, what: string, principal: string, action: string, resource: string, against: AthenaRowTarget, expected: Expected, context: Record<string, string> = TLS, identityPolicy?: Record<string, unknown>): void => {
        rows.push({ step, what, principal, action, resource, against, expected, context, ...(identityPolicy ? { identityPolicy } : {}) });
    };

    if (reader) {
        const as = subject.readerPolicy;
        const run = "a reader runs a query end to end";
        row(run, "a reader starts a query in the workgroup", reader, "athena:StartQueryExecution", workgroup, "none", "Allowed", TLS, as);
        row(run, "a reader reads the workgroup's settings", reader, "athena:GetWorkGroup", workgroup, "none", "Allowed", TLS, as);
        row(run, "Athena reads the database for the reader", reader, "glue:GetDatabase", glue(`database/${subject.databaseName}`), "none", "Allowed", TLS, as);
        row(run, "Athena reads the CloudTrail table for the reader", reader, "glue:GetTable", table, "none", "Allowed", TLS, as);
        row(run, "Athena locates the log bucket for the reader", reader, "s3:GetBucketLocation", logBucket, "logBucket", "Allowed", TLS, as);
        row(run, "Athena lists a projected CloudTrail partition for the reader", reader, "s3:ListBucket", logBucket, "logBucket", "Allowed", { ...TLS, "s3:prefix": trailPrefix }, as);
        row(run, "Athena reads a CloudTrail log for the reader", reader, "s3:GetObject", trailLog, "logBucket", "Allowed", TLS, as);
        row(run, "Athena reads a Config snapshot for the reader", reader, "s3:GetObject", configLog, "logBucket", "Allowed", TLS, as);
        if (subject.kmsKeyArn && subject.keyPolicy) {
            row(run, "Athena decrypts a log through S3 for the reader", reader, "kms:Decrypt", subject.kmsKeyArn, "key", "Allowed", viaS3, as);
            row(run, "Athena gets a data key through S3 to encrypt the reader's result", reader, "kms:GenerateDataKey", subject.kmsKeyArn, "key", "Allowed", viaS3, as);
        }
        row(run, "Athena locates the results bucket for the reader", reader, "s3:GetBucketLocation", resultsBucket, "resultsBucket", "Allowed", TLS, as);
        row(run, "Athena writes the reader's result", reader, "s3:PutObject", result, "resultsBucket", "Allowed", TLS, as);
        row(run, "Athena lists multipart uploads of results", reader, "s3:ListBucketMultipartUploads", resultsBucket, "resultsBucket", "Allowed", TLS, as);
        row(run, "Athena aborts a multipart upload of a result", reader, "s3:AbortMultipartUpload", result, "resultsBucket", "Allowed", TLS, as);
        row(run, "a reader fetches the query's results", reader, "athena:GetQueryResults", workgroup, "none", "Allowed", TLS, as);
        row(run, "a reader downloads the result file", reader, "s3:GetObject", result, "resultsBucket", "Allowed", TLS, as);

        // AWS-ATH-403: what the Athena console calls, with the reader's credentials, before and while a query runs.
        const consoleSession = "a reader uses the Athena console";
        const catalog = `arn:${partition}:athena:${region}:${accountId}:datacatalog/AwsDataCatalog`;
        row(consoleSession, "the console lists the workgroups", reader, "athena:ListWorkGroups", "*", "none", "Allowed", TLS, as);
        row(consoleSession, "the console lists the data catalogs", reader, "athena:ListDataCatalogs", "*", "none", "Allowed", TLS, as);
        row(consoleSession, "the console reads the Glue Data Catalog", reader, "athena:GetDataCatalog", catalog, "none", "Allowed", TLS, as);
        row(consoleSession, "the console lists the catalog's databases", reader, "athena:ListDatabases", catalog, "none", "Allowed", TLS, as);
        row(consoleSession, "the console lists the databases in Glue", reader, "glue:GetDatabases", glue("catalog"), "none", "Allowed", TLS, as);
        row(consoleSession, "the console lists the saved queries", reader, "athena:ListNamedQueries", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console opens a saved query", reader, "athena:GetNamedQuery", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console starts the query", reader, "athena:StartQueryExecution", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console polls the query", reader, "athena:GetQueryExecution", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console shows the query's runtime statistics", reader, "athena:GetQueryRuntimeStatistics", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console shows the results", reader, "athena:GetQueryResults", workgroup, "none", "Allowed", TLS, as);
        row(consoleSession, "the console lists the query history", reader, "athena:ListQueryExecutions", workgroup, "none", "Allowed", TLS, as);

        const bounds = "a reader stays within the workgroup, the database and the log prefixes";
        const otherWorkgroup = `arn:${partition}:athena:${region}:${accountId}:workgroup/primary`;
        row(bounds, "a reader starts a query in another workgroup (no enforced result location there)", reader, "athena:StartQueryExecution", otherWorkgroup, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader changes the workgroup's settings", reader, "athena:UpdateWorkGroup", workgroup, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader reads another workgroup's runtime statistics", reader, "athena:GetQueryRuntimeStatistics", otherWorkgroup, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader reads another data catalog", reader, "athena:GetDataCatalog", `arn:${partition}:athena:${region}:${accountId}:datacatalog/federated_mysql`, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader changes the Glue Data Catalog's registration", reader, "athena:UpdateDataCatalog", `arn:${partition}:athena:${region}:${accountId}:datacatalog/AwsDataCatalog`, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader reads a table of another database", reader, "glue:GetTable", glue("table/finance/ledger"), "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader redefines the CloudTrail table", reader, "glue:UpdateTable", table, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader drops the CloudTrail table", reader, "glue:DeleteTable", table, "none", "ImplicitlyDenied", TLS, as);
        row(bounds, "a reader lists the whole log bucket", reader, "s3:ListBucket", logBucket, "logBucket", "ExplicitlyDenied", { ...TLS, "s3:prefix": "" }, as);
        row(bounds, "a reader reads outside the log prefixes", reader, "s3:GetObject", `${logBucket}/scratch/notes.txt`, "logBucket", "ExplicitlyDenied", TLS, as);
        row(bounds, "a reader writes its result without TLS", reader, "s3:PutObject", result, "resultsBucket", "ExplicitlyDenied", NO_TLS, as);
        if (subject.kmsKeyArn && subject.keyPolicy) {
            row(bounds, "a reader decrypts directly, not through S3", reader, "kms:Decrypt", subject.kmsKeyArn, "key", "ImplicitlyDenied", TLS, as);
            row(bounds, "a reader generates a data key directly, not through S3", reader, "kms:GenerateDataKey", subject.kmsKeyArn, "key", "ImplicitlyDenied", TLS, as);
        }

        const noWrites = "a reader cannot write logs";
        row(noWrites, "a reader writes into cloudtrail-logs/ (a query result sent to the log bucket)", reader, "s3:PutObject", trailLog, "logBucket", "ExplicitlyDenied", TLS, as);
        row(noWrites, "a reader, with s3:* in its own policy too, writes a log", reader, "s3:PutObject", trailLog, "logBucket", "ExplicitlyDenied", TLS, allowAll("s3"));
        row(noWrites, "a reader deletes a log", reader, "s3:DeleteObject", configLog, "logBucket", "ExplicitlyDenied", TLS, allowAll("s3"));
        row(noWrites, "a reader changes the log bucket's policy", reader, "s3:PutBucketPolicy", logBucket, "logBucket", "ExplicitlyDenied", TLS, allowAll("s3"));
        row(noWrites, "a reader, with only the reader policy, deletes a log", reader, "s3:DeleteObject", trailLog, "logBucket", "ExplicitlyDenied", TLS, as);
    }

    if (crossAccountReader) {
        const as = subject.readerPolicy;
        const cross = "a reader in another account uses the results bucket";
        row(cross, "a reader in another account writes a result", crossAccountReader, "s3:PutObject", result, "resultsBucket", "Allowed", TLS, as);
        row(cross, "a reader in another account reads a result", crossAccountReader, "s3:GetObject", result, "resultsBucket", "Allowed", TLS, as);
        row(cross, "a reader in another account lists the results bucket", crossAccountReader, "s3:ListBucket", resultsBucket, "resultsBucket", "Allowed", TLS, as);
        row(cross, "a reader in another account reads a CloudTrail log", crossAccountReader, "s3:GetObject", trailLog, "logBucket", "Allowed", TLS, as);
        if (subject.kmsKeyArn && subject.keyPolicy) {
            row(cross, "a reader in another account encrypts a result through S3", crossAccountReader, "kms:GenerateDataKey", subject.kmsKeyArn, "key", "Allowed", viaS3, as);
        }
        row(cross, "a reader in another account without the reader policy writes a result", crossAccountReader, "s3:PutObject", result, "resultsBucket", "ImplicitlyDenied", TLS);
    }

    const outsider = "an outsider can do nothing";
    const strangerCan = allowAll("s3", "kms", "athena", "glue");
    row(outsider, "an administrator of another account starts a query in the workgroup", stranger, "athena:StartQueryExecution", workgroup, "none", "ImplicitlyDenied", TLS, strangerCan);
    row(outsider, "an administrator of another account reads the CloudTrail table", stranger, "glue:GetTable", table, "none", "ImplicitlyDenied", TLS, strangerCan);
    row(outsider, "an administrator of another account reads a result", stranger, "s3:GetObject", result, "resultsBucket", "ImplicitlyDenied", TLS, strangerCan);
    row(outsider, "an administrator of another account writes a result", stranger, "s3:PutObject", result, "resultsBucket", "ImplicitlyDenied", TLS, strangerCan);
    row(outsider, "an administrator of another account lists the results bucket", stranger, "s3:ListBucket", resultsBucket, "resultsBucket", "ImplicitlyDenied", TLS, strangerCan);
    row(outsider, "an administrator of another account reads a log", stranger, "s3:GetObject", trailLog, "logBucket", "ImplicitlyDenied", TLS, strangerCan);
    if (subject.kmsKeyArn && subject.keyPolicy) {
        row(outsider, "an administrator of another account decrypts through S3", stranger, "kms:Decrypt", subject.kmsKeyArn, "key", "ImplicitlyDenied", viaS3, strangerCan);
    }
    row(outsider, "an anonymous caller reads a result", "anonymous", "s3:GetObject", result, "resultsBucket", "ImplicitlyDenied");
    row(outsider, "an anonymous caller writes a result", "anonymous", "s3:PutObject", result, "resultsBucket", "ImplicitlyDenied");
    return rows;
}

/** One row under the real evaluator, through the matrix's own `evaluateRow`, against the policy the row names. */
export async function evaluateAthenaRow(subject: AthenaMatrixSubject, row: AthenaAccessRow): Promise<RowVerdict> {
    const resourcePolicy = row.against === "logBucket" ? subject.logBucketPolicy : row.against === "resultsBucket" ? subject.resultsBucketPolicy : EMPTY_POLICY;
    const matrix: MatrixSubject = {
        stack: subject.stack,
        accountId: subject.accountId,
        region: subject.region,
        partition: subject.partition,
        bucketName: subject.logBucketName,
        allowDeletion: false,
        bucketPolicy: resourcePolicy,
        keyPolicy: subject.keyPolicy,
        kmsKeyArn: subject.kmsKeyArn,
        cloudTrailArns: [],
        readerArns: subject.readerArns,
        sessionManagerWriterArns: [],
        securityHubWriterArns: [],
        readersEncryptQueryResults: true,
    };
    const { step: _step, ...rest } = row;
    return evaluateRow(matrix, { ...rest, against: row.against === "key" ? "key" : "bucket" });
}

function asRecord(document: object): Record<string, unknown> {
    return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}
