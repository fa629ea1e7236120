import type { EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { BucketView, bucketViews, isAuditLogBucket } from "./buckets";

/** The default name prefix of audit-log buckets, the component's own. */
export const DEFAULT_AUDIT_BUCKET_PREFIX = "network-compliance-logs-";

export const AUDIT_BUCKET_PREFIX_SCHEMA = {
    bucketNamePrefix: {
        type: "string",
        default: DEFAULT_AUDIT_BUCKET_PREFIX,
        description: "Buckets whose name starts with this prefix (or tagged purpose: audit-logs) are audit-log buckets.",
    },
} as const;

export interface BucketRule<Config> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** Only audit-log buckets, recognised by `bucketNamePrefix` or the purpose tag. */
    auditLogBucketsOnly?: boolean;
    /** Reports each problem of one bucket as a sentence that says what is wrong and how to fix it. */
    check(view: BucketView, config: Config, resources: readonly PolicyResource[]): string[];
}

/**
 * A stack check over every bucket (or every audit-log bucket) joined to its settings: v7 keeps versioning, public
 * access, encryption, lifecycle and policy in sibling resources, so a rule about one bucket spans several resources.
 */
export function bucketStackPolicy<Config extends object>(rule: BucketRule<Config>): StackValidationPolicy {
    const schema: PolicyConfigSchema | undefined = rule.auditLogBucketsOnly
        ? { properties: { ...AUDIT_BUCKET_PREFIX_SCHEMA, ...(rule.configSchema?.properties ?? {}) } }
        : rule.configSchema;
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: schema,
        validateStack: (args, reportViolation: ReportViolation) => {
            const config = args.getConfig<Config & { bucketNamePrefix?: string }>();
            const prefix = config.bucketNamePrefix ?? DEFAULT_AUDIT_BUCKET_PREFIX;
            for (const view of bucketViews(args.resources)) {
                if (rule.auditLogBucketsOnly && !isAuditLogBucket(view, prefix)) {
                    continue;
                }
                for (const message of rule.check(view, config, args.resources)) {
                    reportViolation(message, view.bucket.urn);
                }
            }
        },
    };
}

export interface PropertyRule {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** The resource types it reads. */
    types: readonly string[];
    check(props: Record<string, unknown>, name: string): string[];
}

/** A check of one resource's own properties. */
export function resourcePolicy(rule: PropertyRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: rule.configSchema,
        validateResource: (args, reportViolation) => {
            if (!rule.types.includes(args.type)) {
                return;
            }
            for (const message of rule.check(args.props, args.name)) {
                reportViolation(message);
            }
        },
    };
}
