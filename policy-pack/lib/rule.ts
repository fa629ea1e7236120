import type { EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { BucketView, auditLogStatus, bucketViews, describe } from "./buckets";
import { KeyView, keyViews } from "./keys";
import { Finding, Pending, pending } from "./pending";
import { plainProps } from "./unknowns";

/** The default name prefix of audit-log buckets, the component's own. */
export const DEFAULT_AUDIT_BUCKET_PREFIX = "network-compliance-logs-";

export const AUDIT_BUCKET_PREFIX_SCHEMA = {
    bucketNamePrefix: {
        type: "string",
        default: DEFAULT_AUDIT_BUCKET_PREFIX,
        description: "Buckets whose name starts with this prefix (or tagged purpose: audit-logs) are audit-log buckets.",
    },
} as const;

/** What a rule can read besides its own bucket: the whole stack, joined once per stack check. */
export interface StackContext {
    resources: readonly PolicyResource[];
    buckets: readonly BucketView[];
    keys: readonly KeyView[];
}

export interface BucketRule<Config> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** Only audit-log buckets, recognised by `bucketNamePrefix` or the purpose tag. */
    auditLogBucketsOnly?: boolean;
    /** Reports each problem of one bucket as a sentence that says what is wrong and how to fix it. */
    check(view: BucketView, config: Config, context: StackContext): Finding[];
}

export { pending };
export type { Finding, Pending };

export interface RuleMetadata {
    /** Anchor controls this rule covers: Security Hub, Checkov, Prowler, cdk-nag, Pulumi compliance-ready ids. */
    anchors: readonly string[];
    /** Only audit-log buckets. */
    auditLogOnly: boolean;
}

/** Per-policy metadata the README's rule table is generated from and tested against. */
export const METADATA = new Map<string, RuleMetadata>();

// The typed ReportViolation takes a string only; @pulumi/policy's server also takes a diagnostic object whose own
// enforcementLevel wins (server.js makeReportViolationFun), which is how one resource's pending verdict is advisory.
type DiagnosticReporter = (diagnostic: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void;

/** Reports findings: problems at the policy's level, pending verdicts as advisory on the same resource. */
export function reportFindings(report: ReportViolation, description: string, findings: readonly Finding[], urn?: string): void {
    for (const finding of findings) {
        if (typeof finding === "string") {
            report(finding, urn);
        } else {
            (report as unknown as DiagnosticReporter)({
                message: `${description}\nnot decided until \`pulumi up\`: ${finding.pending}`,
                urn,
                enforcementLevel: "advisory",
            });
        }
    }
}

// @pulumi/policy hands each stack policy its own copy of the resources, so the join is per policy: it is linear in
// the stack's size and costs far less than one protocol round trip.
function contextOf(resources: readonly PolicyResource[]): StackContext {
    return { resources, buckets: bucketViews(resources), keys: keyViews(resources) };
}

/**
 * A stack check over every bucket (or every audit-log bucket) joined to its settings: v7 keeps versioning, public
 * access, encryption, lifecycle and policy in sibling resources, so a rule about one bucket spans several resources.
 */
export function bucketStackPolicy<Config extends object>(rule: BucketRule<Config>, anchors: readonly string[] = []): StackValidationPolicy {
    const schema: PolicyConfigSchema | undefined = rule.auditLogBucketsOnly
        ? { properties: { ...AUDIT_BUCKET_PREFIX_SCHEMA, ...(rule.configSchema?.properties ?? {}) } }
        : rule.configSchema;
    METADATA.set(rule.name, { anchors, auditLogOnly: rule.auditLogBucketsOnly === true });
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: schema,
        validateStack: (args, reportViolation: ReportViolation) => {
            const config = args.getConfig<Config & { bucketNamePrefix?: string }>();
            const prefix = config.bucketNamePrefix ?? DEFAULT_AUDIT_BUCKET_PREFIX;
            const context = contextOf(args.resources);
            for (const view of context.buckets) {
                const audit = rule.auditLogBucketsOnly ? auditLogStatus(view, prefix) : "yes";
                if (audit === "no") {
                    continue;
                }
                let findings = rule.check(view, config, context);
                if (audit === "unknown") {
                    findings = findings.map((finding) =>
                        pending(`${describe(view)} is an audit-log bucket only if its name, not known yet, starts with "${prefix}"; if it is: ${typeof finding === "string" ? finding : finding.pending}`),
                    );
                }
                reportFindings(reportViolation, rule.description, findings, view.bucket.urn);
            }
        },
    };
}

export interface KeyRule {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** Reports each problem of one KMS key, joined to its policies however they are declared. */
    check(key: KeyView, keys: readonly KeyView[], resources: readonly PolicyResource[]): Finding[];
}

/** A stack check over every KMS key joined to its policies: a separate `aws.kms.KeyPolicy` is another resource. */
export function keyStackPolicy(rule: KeyRule, anchors: readonly string[] = []): StackValidationPolicy {
    METADATA.set(rule.name, { anchors, auditLogOnly: false });
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        validateStack: (args, reportViolation: ReportViolation) => {
            const keys = keyViews(args.resources);
            for (const key of keys) {
                reportFindings(reportViolation, rule.description, rule.check(key, keys, args.resources), key.key.urn);
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
    /** Findings about one resource's plain properties (unknowns are the sentinel, never a throw). */
    check(props: Record<string, unknown>, name: string, type: string, config: Record<string, unknown>): Finding[];
}

/** A check of one resource's own properties. */
export function resourcePolicy(rule: PropertyRule, anchors: readonly string[] = []): ResourceValidationPolicy {
    METADATA.set(rule.name, { anchors, auditLogOnly: false });
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: rule.configSchema,
        validateResource: (args, reportViolation) => {
            if (!rule.types.includes(args.type)) {
                return;
            }
            reportFindings(reportViolation, rule.description, rule.check(plainProps(args.props), args.name, args.type, args.getConfig<Record<string, unknown>>()));
        },
    };
}

export interface RemediationRule {
    name: string;
    description: string;
    configSchema?: PolicyConfigSchema;
    types: readonly string[];
    /**
     * The resource's properties with the one safe value set, or undefined when they need no change (or the change
     * depends on a value not known yet). Never mutates `props`.
     */
    fix(props: Record<string, unknown>, type: string, config: Record<string, unknown>): Record<string, unknown> | undefined;
    /** What the fix changes, for the violation reported when the policy validates instead of remediating. */
    problem: string;
}

/**
 * A resource-level policy that, at the `remediate` level, sets the one safe value on the resource that carries the
 * wrong one, as `pulumi preview`/`up` apply it before analysis; at any other level it reports the same resource.
 * Disabled by default: remediation is opt-in through the policy config, and the stack checks still catch a missing
 * setting, which no remediation can create.
 */
export function remediationPolicy(rule: RemediationRule, anchors: readonly string[] = []): ResourceValidationPolicy {
    METADATA.set(rule.name, { anchors, auditLogOnly: false });
    const applies = (args: ResourceValidationArgs): boolean => rule.types.includes(args.type);
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: "disabled",
        configSchema: rule.configSchema,
        validateResource: (args, reportViolation) => {
            if (applies(args) && rule.fix(plainProps(args.props), args.type, args.getConfig<Record<string, unknown>>()) !== undefined) {
                reportViolation(`${args.name}: ${rule.problem}`);
            }
        },
        remediateResource: (args) => (applies(args) ? rule.fix(plainProps(args.props), args.type, args.getConfig<Record<string, unknown>>()) : undefined),
    };
}
