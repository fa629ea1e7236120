import * as pulumi from "@pulumi/pulumi";
import * as athena from "@pulumi/aws/athena";
import * as glue from "@pulumi/aws/glue";
import * as s3 from "@pulumi/aws/s3";
import { BLOCKED_ENCRYPTION_TYPES } from "./constants";
import { ATHENA_PURPOSE_TAG, AthenaArgs, resolveAthenaArgs, resultsBucketName, validateAthenaArgs } from "./athena";
import { readerPolicy } from "./athenaReaderPolicy";
import { resultsBucketPolicy, resultsLifecycleRules, workgroupConfiguration } from "./athenaResults";
import { LogLayout, cloudTrailTable, configTable, logLayoutProblems } from "./athenaTables";
import { namedQueries } from "./athenaQueries";
import { AuditLogBucketArgsError } from "./validation";

/** The Pulumi type token of the Athena child component. */
export const AUDIT_LOG_ATHENA_TYPE = "audit-logs:index:AuditLogAthena";

/** What the parent component hands its Athena child: plain resolved values where it has them. */
export interface AuditLogAthenaInputs {
    partition: string;
    accountId: string;
    region: string;
    /** The audit-log bucket the tables read. */
    bucketName: string;
    cloudTrailPrefix: string;
    configPrefix: string;
    /** With an organization trail, the CloudTrail table reads `AWSLogs/<organizationId>/<account>/`. */
    organizationId?: string;
    /** Central log-archive mode: member accounts' Config deliveries land here too. */
    managementAccountId?: string;
    /**
     * Accounts the projections enumerate besides this one and the management account; `injected` for the whole
     * organization (each query then names the account it searches).
     * @default this account alone; with an organization, `injected`
     */
    sourceAccountIds?: string[] | "injected";
    /** Roles that run queries: admitted to the results bucket, and the audience of `readerPolicyJson`. */
    readerArns: pulumi.Input<string[]>;
    /**
     * The audit-log bucket's KMS key: it encrypts the results too (SSE-KMS with Bucket Key). Leave it undefined with
     * SSE-S3: whether there is a key must be known when the component is constructed, so that the encryption
     * settings are known in a preview even when the key is created in the same run.
     */
    kmsKeyArn?: pulumi.Input<string>;
    /** Tags of the parent; `purpose` is replaced by `athena-query-results`. */
    tags: Record<string, string>;
    athena: AthenaArgs;
    /**
     * The parent's throwaway-stack opt-out: a destroy may then empty the results bucket and the workgroup's history.
     * @default false
     */
    allowDeletion?: boolean;
    /** AWS Config delivers to the bucket; `false` leaves out the Config table and its query. @default true */
    configDelivery?: boolean;
}

/**
 * Athena over the audit logs: a Glue database with a CloudTrail and a Config table (partitions projected, so no
 * crawler and no MSCK REPAIR), a workgroup that enforces where and how results are written, a hardened results
 * bucket that is not an audit-log bucket, and the saved queries auditors ask first.
 */
export class AuditLogAthena extends pulumi.ComponentResource {
    public readonly databaseName: pulumi.Output<string>;
    public readonly workgroupName: pulumi.Output<string>;
    public readonly resultsBucketName: pulumi.Output<string>;
    /** The IAM policy (JSON) reader roles attach to run the queries end to end. */
    public readonly readerPolicyJson: pulumi.Output<string>;

    constructor(name: string, inputs: AuditLogAthenaInputs, opts?: pulumi.ComponentResourceOptions) {
        const problems = [...validateAthenaArgs(inputs.athena, inputs), ...logLayoutProblems(inputs)];
        if (problems.length > 0) {
            throw new AuditLogBucketArgsError(name, problems);
        }
        super(AUDIT_LOG_ATHENA_TYPE, name, {}, opts);
        const child = (extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({ parent: this, ...extra });
        const settings = resolveAthenaArgs(inputs.athena);
        const tags = { ...inputs.tags, [ATHENA_PURPOSE_TAG.key]: ATHENA_PURPOSE_TAG.value };
        const kmsKeyArn = inputs.kmsKeyArn !== undefined ? pulumi.output(inputs.kmsKeyArn) : undefined;
        const readerArns = pulumi.output(inputs.readerArns);

        const bucket = new s3.Bucket(`${name}-results`, { bucket: resultsBucketName(inputs.accountId, inputs.region), forceDestroy: inputs.allowDeletion ?? false, tags }, child());
        const bucketId = bucket.bucket;
        const ownership = new s3.BucketOwnershipControls(`${name}-results-ownership`, { bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } }, child());
        const publicAccessBlock = new s3.BucketPublicAccessBlock(
            `${name}-results-public-access-block`,
            { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child(),
        );
        const versioning = new s3.BucketVersioning(`${name}-results-versioning`, { bucket: bucketId, versioningConfiguration: { status: "Enabled" } }, child());
        const encryption = new s3.BucketServerSideEncryptionConfiguration(
            `${name}-results-encryption`,
            {
                bucket: bucketId,
                rules: [
                    kmsKeyArn
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true, blockedEncryptionTypes: [...BLOCKED_ENCRYPTION_TYPES] }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: [...BLOCKED_ENCRYPTION_TYPES] },
                ],
            },
            child(),
        );
        new s3.BucketLifecycleConfiguration(
            `${name}-results-lifecycle`,
            { bucket: bucketId, rules: resultsLifecycleRules(settings.resultsRetentionDays) },
            child({ dependsOn: [versioning] }),
        );
        const policy = new s3.BucketPolicy(
            `${name}-results-policy`,
            { bucket: bucketId, policy: readerArns.apply((readers) => JSON.stringify(resultsBucketPolicy({ partition: inputs.partition, resultsBucketName: resultsBucketName(inputs.accountId, inputs.region), readerArns: readers }))) },
            // S3 rejects a policy put that races the public access block.
            child({ dependsOn: [ownership, publicAccessBlock] }),
        );

        const layout: LogLayout = {
            partition: inputs.partition,
            accountId: inputs.accountId,
            bucketName: inputs.bucketName,
            cloudTrailPrefix: inputs.cloudTrailPrefix,
            configPrefix: inputs.configPrefix,
            organizationId: inputs.organizationId,
            managementAccountId: inputs.managementAccountId,
            sourceAccountIds: inputs.sourceAccountIds,
            projectionStartDate: settings.projectionStartDate,
            regions: settings.regions,
        };
        const database = new glue.CatalogDatabase(
            `${name}-database`,
            { name: settings.databaseName, description: `Tables over the audit logs in s3://${inputs.bucketName}`, tags },
            child(),
        );
        const tables = [cloudTrailTable(layout), ...(inputs.configDelivery === false ? [] : [configTable(layout)])].map(
            (table) => new glue.CatalogTable(`${name}-table-${table.name.replace(/_/g, "-")}`, { databaseName: database.name, ...table }, child()),
        );

        const workgroup = new athena.Workgroup(
            `${name}-workgroup`,
            {
                name: settings.workgroupName,
                description: `Queries over the audit logs in s3://${inputs.bucketName}; results in s3://${resultsBucketName(inputs.accountId, inputs.region)}/`,
                state: "ENABLED",
                forceDestroy: inputs.allowDeletion ?? false,
                configuration: workgroupConfiguration({
                    accountId: inputs.accountId,
                    resultsBucketName: resultsBucketName(inputs.accountId, inputs.region),
                    kmsKeyArn,
                    bytesScannedCutoffPerQuery: settings.bytesScannedCutoffPerQuery,
                }),
                tags,
            },
            // Results must land encrypted and under the policy from the first query on.
            child({ dependsOn: [encryption, policy] }),
        );
        const queries = namedQueries({ databaseName: settings.databaseName, logBucketName: inputs.bucketName, accountId: inputs.accountId });
        for (const query of queries.filter((named) => inputs.configDelivery !== false || !named.id.startsWith("config-"))) {
            new athena.NamedQuery(
                `${name}-query-${query.id}`,
                { name: query.name, description: query.description, database: database.name, workgroup: workgroup.name, query: query.query },
                child({ dependsOn: tables }),
            );
        }

        this.databaseName = database.name;
        this.workgroupName = workgroup.name;
        this.resultsBucketName = bucketId;
        this.readerPolicyJson = pulumi.output(kmsKeyArn).apply((key) =>
            JSON.stringify(
                readerPolicy({
                    partition: inputs.partition,
                    accountId: inputs.accountId,
                    region: inputs.region,
                    workgroupName: settings.workgroupName,
                    databaseName: settings.databaseName,
                    logBucketName: inputs.bucketName,
                    logPrefixes: [inputs.cloudTrailPrefix, inputs.configPrefix],
                    resultsBucketName: resultsBucketName(inputs.accountId, inputs.region),
                    kmsKeyArn: key,
                }),
            ),
        );
        this.registerOutputs({
            databaseName: this.databaseName,
            workgroupName: this.workgroupName,
            resultsBucketName: this.resultsBucketName,
            readerPolicyJson: this.readerPolicyJson,
        });
    }
}
