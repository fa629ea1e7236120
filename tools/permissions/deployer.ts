/**
 * What the deployer's credentials must allow: for each resource type the stacks plan, the AWS API calls the
 * provider (terraform-provider-aws, which @pulumi/aws 7.x wraps) makes to create, read (every refresh, and the read
 * that ends each create) and delete it, with the IAM action each call is authorized by. The README's deployer
 * permissions are generated from this table (`npx ts-node tools/permissions/deployer.ts` prints them), and a test
 * holds them to every type the shipped stacks plan.
 */

/** One API call and the IAM action that authorizes it (they differ: HeadBucket is s3:ListBucket). */
export interface ApiCall {
    api: string;
    action: string;
}

/** A call made only when the planned inputs ask for it. */
export interface ConditionalCalls {
    /** What in the plan turns the calls on (see `conditionHolds`). */
    when: Condition;
    /** The README group the calls belong to. */
    feature: Feature;
    create?: readonly ApiCall[];
    read?: readonly ApiCall[];
    delete?: readonly ApiCall[];
    why: string;
}

export type Condition = "tags" | "objectLockEnabled" | "forceDestroy" | "inSseKmsBucket";

/** The README's groups, in the order the list shows them. */
export const FEATURES = {
    every: "Every stack (create, then the reads of every refresh)",
    notifications: "EventBridge notifications (`eventBridgeNotifications`, on by default)",
    createdKey: "SSE-KMS with a key the component creates (`encryption: SSE_KMS` without `kmsKeyArn`)",
    sseKms: "Any SSE-KMS bucket (a created key or `kmsKeyArn`): the prefix markers are uploads, encrypted with the bucket's key",
    objectLock: "Object Lock (`objectLockDays`)",
    accessLogging: "Server access logging (`accessLogBucket` or `createAccessLogBucket`)",
    athena: "Athena (`athena`)",
    vault: "The vault (replication to a locked copy)",
    destroy: "Destroying a throwaway stack (`allowDeletion`)",
} as const;
export type Feature = keyof typeof FEATURES;

export interface ResourcePermissions {
    /** The Pulumi type token, as the plan shows it. */
    type: string;
    /** The terraform-provider-aws resource it wraps, and the file its calls are read from. */
    terraform: string;
    source: string;
    /** The docs/aws-requirements.md entry that sources the row. */
    fact: string;
    feature: Feature;
    create: readonly ApiCall[];
    read: readonly ApiCall[];
    delete: readonly ApiCall[];
    /** Calls an update of a deployed resource makes beyond its create's (the next `pulumi up`). */
    update?: readonly ApiCall[];
    conditional?: readonly ConditionalCalls[];
}

const c = (api: string, action: string): ApiCall => ({ api, action });
const same = (service: string, ...apis: string[]): ApiCall[] => apis.map((api) => c(api, `${service}:${api}`));

/** S3 operations whose IAM action has another name (S3 API reference, each operation's "Permissions"). */
const S3 = {
    headBucket: c("HeadBucket", "s3:ListBucket"),
    getEncryption: c("GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    putEncryption: c("PutBucketEncryption", "s3:PutEncryptionConfiguration"),
    deleteEncryption: c("DeleteBucketEncryption", "s3:PutEncryptionConfiguration"),
    getLifecycle: c("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
    putLifecycle: c("PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
    deleteLifecycle: c("DeleteBucketLifecycle", "s3:PutLifecycleConfiguration"),
    getReplication: c("GetBucketReplication", "s3:GetReplicationConfiguration"),
    putReplication: c("PutBucketReplication", "s3:PutReplicationConfiguration"),
    deleteReplication: c("DeleteBucketReplication", "s3:PutReplicationConfiguration"),
    getObjectLock: c("GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"),
    putObjectLock: c("PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"),
    getCors: c("GetBucketCors", "s3:GetBucketCORS"),
    getAccelerate: c("GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration"),
    getNotification: c("GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
    putNotification: c("PutBucketNotificationConfiguration", "s3:PutBucketNotification"),
    deletePublicAccessBlock: c("DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    getPublicAccessBlock: c("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    putPublicAccessBlock: c("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    deleteOwnership: c("DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
    headObject: c("HeadObject", "s3:GetObject"),
    listObjectVersions: c("ListObjectVersions", "s3:ListBucketVersions"),
    deleteObjectVersion: c("DeleteObject (with a version id)", "s3:DeleteObjectVersion"),
};

/** Every resource type the shipped stacks plan, and those the vault will plan. */
export const DEPLOYER_PERMISSIONS: readonly ResourcePermissions[] = [
    {
        type: "pulumi:providers:aws",
        terraform: "provider configuration",
        source: "internal/provider/provider.go",
        fact: "AWS-PROV-600",
        feature: "every",
        // The provider checks the caller against allowedAccountIds; index.ts asks for the account when accountId is not set.
        create: same("sts", "GetCallerIdentity"),
        read: [],
        delete: [],
    },
    {
        type: "aws:s3/bucket:Bucket",
        terraform: "aws_s3_bucket",
        source: "internal/service/s3/bucket.go",
        fact: "AWS-PROV-601",
        feature: "every",
        create: same("s3", "CreateBucket"),
        // The read that ends every create and refresh reads each inline setting the resource can hold.
        read: [
            S3.headBucket,
            ...same("s3", "GetBucketPolicy", "GetBucketAcl", "GetBucketWebsite", "GetBucketVersioning", "GetBucketRequestPayment", "GetBucketLogging"),
            S3.getCors,
            S3.getAccelerate,
            S3.getLifecycle,
            S3.getReplication,
            S3.getEncryption,
            S3.getObjectLock,
        ],
        delete: same("s3", "DeleteBucket"),
        conditional: [
            {
                when: "tags",
                feature: "every",
                // AWS-PROV-602: tags through S3 Control, falling back to the bucket tagging calls
                create: [c("TagResource (S3 Control)", "s3:TagResource"), c("PutBucketTagging (fallback)", "s3:PutBucketTagging")],
                read: [c("ListTagsForResource (S3 Control)", "s3:ListTagsForResource"), c("GetBucketTagging (fallback)", "s3:GetBucketTagging")],
                why: "tags are sent with the create through the S3 Control tagging API, or put afterwards when that is denied",
            },
            {
                when: "objectLockEnabled",
                feature: "objectLock",
                create: [S3.putObjectLock, c("PutBucketVersioning", "s3:PutBucketVersioning")],
                why: "CreateBucket with Object Lock enabled needs the Object Lock and versioning permissions too",
            },
            {
                when: "forceDestroy",
                feature: "destroy",
                delete: [S3.listObjectVersions, c("DeleteObject", "s3:DeleteObject"), S3.deleteObjectVersion],
                why: "a force-destroy empties every version before DeleteBucket",
            },
        ],
    },
    {
        type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        terraform: "aws_s3_bucket_ownership_controls",
        source: "internal/service/s3/bucket_ownership_controls.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: same("s3", "PutBucketOwnershipControls"),
        read: same("s3", "GetBucketOwnershipControls"),
        delete: [S3.deleteOwnership],
    },
    {
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        terraform: "aws_s3_bucket_public_access_block",
        source: "internal/service/s3/bucket_public_access_block.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: [S3.putPublicAccessBlock],
        read: [S3.getPublicAccessBlock],
        delete: [S3.deletePublicAccessBlock],
    },
    {
        type: "aws:s3/bucketVersioning:BucketVersioning",
        terraform: "aws_s3_bucket_versioning",
        source: "internal/service/s3/bucket_versioning.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: same("s3", "PutBucketVersioning"),
        read: same("s3", "GetBucketVersioning"),
        // A delete suspends versioning: S3 cannot turn it off.
        delete: same("s3", "PutBucketVersioning"),
    },
    {
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        terraform: "aws_s3_bucket_server_side_encryption_configuration",
        source: "internal/service/s3/bucket_server_side_encryption_configuration.go",
        fact: "AWS-PROV-604",
        feature: "every",
        create: [S3.putEncryption],
        read: [S3.getEncryption],
        delete: [S3.deleteEncryption],
    },
    {
        type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        terraform: "aws_s3_bucket_lifecycle_configuration",
        source: "internal/service/s3/bucket_lifecycle_configuration.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: [S3.putLifecycle],
        read: [S3.getLifecycle],
        delete: [S3.deleteLifecycle],
    },
    {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        terraform: "aws_s3_bucket_policy",
        source: "internal/service/s3/bucket_policy.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: same("s3", "PutBucketPolicy"),
        read: same("s3", "GetBucketPolicy"),
        delete: same("s3", "DeleteBucketPolicy"),
    },
    {
        type: "aws:s3/bucketObjectv2:BucketObjectv2",
        terraform: "aws_s3_object",
        source: "internal/service/s3/object.go",
        fact: "AWS-PROV-603",
        feature: "every",
        create: same("s3", "PutObject"),
        read: [S3.headObject, c("GetObjectTagging", "s3:GetObjectTagging")],
        delete: [S3.listObjectVersions, c("DeleteObject", "s3:DeleteObject"), S3.deleteObjectVersion],
        conditional: [
            {
                when: "inSseKmsBucket",
                feature: "sseKms",
                // AWS-S3-604: an upload encrypted with a KMS key needs kms:GenerateDataKey on it
                create: same("kms", "GenerateDataKey"),
                why: "the marker is an upload that S3 encrypts with the bucket's key, on the deployer's behalf",
            },
        ],
    },
    {
        type: "aws:s3/bucketNotification:BucketNotification",
        terraform: "aws_s3_bucket_notification",
        source: "internal/service/s3/bucket_notification.go",
        fact: "AWS-PROV-603",
        feature: "notifications",
        create: [S3.putNotification],
        read: [S3.getNotification],
        // The provider deletes the configuration by putting an empty one.
        delete: [S3.putNotification],
    },
    {
        type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        terraform: "aws_s3_bucket_object_lock_configuration",
        source: "internal/service/s3/bucket_object_lock_configuration.go",
        fact: "AWS-PROV-603",
        feature: "objectLock",
        create: [S3.putObjectLock],
        read: [S3.getObjectLock],
        delete: [S3.putObjectLock],
    },
    {
        type: "aws:s3/bucketLogging:BucketLogging",
        terraform: "aws_s3_bucket_logging",
        source: "internal/service/s3/bucket_logging.go",
        fact: "AWS-PROV-603",
        feature: "accessLogging",
        create: same("s3", "PutBucketLogging"),
        read: same("s3", "GetBucketLogging"),
        delete: same("s3", "PutBucketLogging"),
    },
    {
        type: "aws:kms/key:Key",
        terraform: "aws_kms_key",
        source: "internal/service/kms/key.go",
        fact: "AWS-PROV-605",
        feature: "createdKey",
        // The policy goes with CreateKey; the create then waits until the policy and tags read back.
        create: [...same("kms", "CreateKey", "EnableKeyRotation", "GetKeyPolicy", "ListResourceTags")],
        read: same("kms", "DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "ListResourceTags"),
        delete: same("kms", "ScheduleKeyDeletion", "DescribeKey"),
        conditional: [
            { when: "tags", feature: "createdKey", create: same("kms", "TagResource"), why: "CreateKey with tags needs kms:TagResource" },
        ],
        // A new reader or trail changes the key policy of a deployed key.
        update: same("kms", "PutKeyPolicy"),
    },
    {
        type: "aws:kms/alias:Alias",
        terraform: "aws_kms_alias",
        source: "internal/service/kms/alias.go",
        fact: "AWS-PROV-607",
        feature: "createdKey",
        create: same("kms", "CreateAlias"),
        read: same("kms", "ListAliases"),
        delete: same("kms", "DeleteAlias"),
    },
    {
        type: "aws:glue/catalogDatabase:CatalogDatabase",
        terraform: "aws_glue_catalog_database",
        source: "internal/service/glue/catalog_database.go",
        fact: "AWS-PROV-606",
        feature: "athena",
        create: same("glue", "CreateDatabase"),
        read: same("glue", "GetDatabase"),
        delete: same("glue", "DeleteDatabase"),
        conditional: [{ when: "tags", feature: "athena", create: same("glue", "TagResource"), read: same("glue", "GetTags"), why: "the database's tags" }],
    },
    {
        type: "aws:glue/catalogTable:CatalogTable",
        terraform: "aws_glue_catalog_table",
        source: "internal/service/glue/catalog_table.go",
        fact: "AWS-PROV-607",
        feature: "athena",
        create: same("glue", "CreateTable"),
        read: same("glue", "GetTable"),
        delete: same("glue", "DeleteTable"),
    },
    {
        type: "aws:athena/workgroup:Workgroup",
        terraform: "aws_athena_workgroup",
        source: "internal/service/athena/workgroup.go",
        fact: "AWS-PROV-606",
        feature: "athena",
        create: same("athena", "CreateWorkGroup"),
        read: same("athena", "GetWorkGroup"),
        delete: same("athena", "DeleteWorkGroup"),
        conditional: [{ when: "tags", feature: "athena", create: same("athena", "TagResource"), read: same("athena", "ListTagsForResource"), why: "the workgroup's tags" }],
    },
    {
        type: "aws:athena/namedQuery:NamedQuery",
        terraform: "aws_athena_named_query",
        source: "internal/service/athena/named_query.go",
        fact: "AWS-PROV-607",
        feature: "athena",
        create: same("athena", "CreateNamedQuery"),
        read: same("athena", "GetNamedQuery"),
        delete: same("athena", "DeleteNamedQuery"),
    },
    {
        type: "aws:iam/role:Role",
        terraform: "aws_iam_role",
        source: "internal/service/iam/role.go",
        fact: "AWS-PROV-607",
        feature: "vault",
        create: same("iam", "CreateRole"),
        read: same("iam", "GetRole", "ListRolePolicies", "ListAttachedRolePolicies"),
        delete: same("iam", "ListInstanceProfilesForRole", "DeleteRolePolicy", "DetachRolePolicy", "DeleteRole"),
        conditional: [{ when: "tags", feature: "vault", create: same("iam", "TagRole"), why: "the role's tags" }],
    },
    {
        type: "aws:iam/rolePolicy:RolePolicy",
        terraform: "aws_iam_role_policy",
        source: "internal/service/iam/role_policy.go",
        fact: "AWS-PROV-607",
        feature: "vault",
        create: same("iam", "PutRolePolicy"),
        read: same("iam", "GetRolePolicy"),
        delete: same("iam", "DeleteRolePolicy"),
    },
    {
        type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        terraform: "aws_s3_bucket_replication_configuration",
        source: "internal/service/s3/bucket_replication_configuration.go",
        fact: "AWS-PROV-607",
        feature: "vault",
        // S3 checks that the deployer may pass the replication role to it.
        create: [S3.putReplication, c("PassRole", "iam:PassRole")],
        read: [S3.getReplication],
        delete: [S3.deleteReplication],
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        terraform: "aws_cloudwatch_metric_alarm",
        source: "internal/service/cloudwatch/metric_alarm.go",
        fact: "AWS-PROV-607",
        feature: "vault",
        create: same("cloudwatch", "PutMetricAlarm"),
        read: same("cloudwatch", "DescribeAlarms", "ListTagsForResource"),
        delete: same("cloudwatch", "DeleteAlarms"),
        conditional: [{ when: "tags", feature: "vault", create: same("cloudwatch", "TagResource"), why: "the alarm's tags" }],
    },
];

/** The planned resource as far as the table needs it. */
export interface PlannedResource {
    type: string;
    custom: boolean;
    inputs: Record<string, unknown>;
}

/** Types of `resources` that make AWS calls but have no row: the table must grow with the stacks. */
export function typesWithoutRow(resources: readonly PlannedResource[], table: readonly ResourcePermissions[] = DEPLOYER_PERMISSIONS): string[] {
    const known = new Set(table.map((row) => row.type));
    return [...new Set(resources.filter((resource) => resource.custom && !known.has(resource.type)).map((resource) => resource.type))].sort();
}

/** Whether `condition` holds for `resource` in the plan it belongs to. */
export function conditionHolds(condition: Condition, resource: PlannedResource, plan: readonly PlannedResource[]): boolean {
    const inputs = resource.inputs;
    switch (condition) {
        case "tags":
            return typeof inputs.tags === "object" && inputs.tags !== null && Object.keys(inputs.tags).length > 0;
        case "objectLockEnabled":
            return inputs.objectLockEnabled === true;
        case "forceDestroy":
            return inputs.forceDestroy === true;
        case "inSseKmsBucket":
            return plan.some(
                (other) =>
                    other.type === "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration" &&
                    other.inputs.bucket === inputs.bucket &&
                    (Array.isArray(other.inputs.rules) ? other.inputs.rules : []).some((rule: { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }) =>
                        String(rule.applyServerSideEncryptionByDefault?.sseAlgorithm ?? "").startsWith("aws:kms"),
                    ),
            );
    }
}

/**
 * The IAM actions a `pulumi up` (create, and the read that ends it) and a refresh of `plan` need, with what its
 * inputs turn on; `withDelete` adds what a destroy needs. A type without a row is an error.
 */
export function requiredActions(plan: readonly PlannedResource[], options: { withDelete?: boolean } = {}): string[] {
    const missing = typesWithoutRow(plan);
    if (missing.length > 0) {
        throw new Error(`no deployer permissions are known for ${missing.join(", ")}: add a row to tools/permissions/deployer.ts`);
    }
    const actions = new Set<string>(rowOf("pulumi:providers:aws").create.map((call) => call.action));
    for (const resource of plan.filter((candidate) => candidate.custom)) {
        const row = rowOf(resource.type);
        const calls = [...row.create, ...row.read, ...(row.update ?? []), ...(options.withDelete ? row.delete : [])];
        for (const extra of row.conditional ?? []) {
            if (conditionHolds(extra.when, resource, plan)) {
                calls.push(...(extra.create ?? []), ...(extra.read ?? []), ...(options.withDelete ? (extra.delete ?? []) : []));
            }
        }
        calls.forEach((call) => actions.add(call.action));
    }
    return [...actions].sort();
}

function rowOf(type: string): ResourcePermissions {
    const row = DEPLOYER_PERMISSIONS.find((candidate) => candidate.type === type);
    if (!row) {
        throw new Error(`no deployer permissions are known for ${type}`);
    }
    return row;
}

/** The actions of each README group, each listed once, in the first group that needs it. */
export function actionsByFeature(table: readonly ResourcePermissions[] = DEPLOYER_PERMISSIONS): [Feature, string[]][] {
    const byFeature = new Map<Feature, Set<string>>((Object.keys(FEATURES) as Feature[]).map((feature) => [feature, new Set<string>()]));
    const add = (feature: Feature, calls: readonly ApiCall[] = []) => calls.forEach((call) => byFeature.get(feature)?.add(call.action));
    for (const row of table) {
        add(row.feature, [...row.create, ...row.read, ...(row.update ?? [])]);
        add("destroy", row.delete);
        for (const extra of row.conditional ?? []) {
            add(extra.feature, [...(extra.create ?? []), ...(extra.read ?? [])]);
            add("destroy", extra.delete);
        }
    }
    const seen = new Set<string>();
    return (Object.keys(FEATURES) as Feature[]).map((feature) => {
        const actions = [...(byFeature.get(feature) ?? [])].filter((action) => !seen.has(action)).sort();
        actions.forEach((action) => seen.add(action));
        return [feature, actions];
    });
}

/** The README's deployer permissions list, between its markers. */
export function deployerPermissionsList(table: readonly ResourcePermissions[] = DEPLOYER_PERMISSIONS): string {
    return actionsByFeature(table)
        .map(([feature, actions]) => `  - ${FEATURES[feature]}: ${actions.map((action) => `\`${action}\``).join(", ")}.`)
        .join("\n");
}

if (require.main === module) {
    console.log(deployerPermissionsList());
}
