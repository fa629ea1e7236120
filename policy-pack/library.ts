import { EnforcementLevel, Policies, PolicyPack } from "@pulumi/policy";
import { memoizeStructConversion } from "./lib/structMemo";
import { policies as allPolicies } from "./policies";

/** A policy's setting: a level, or its level with the knobs its config schema declares (`requireKms`, ...). */
export type PolicySetting = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/**
 * The pack's config, as `pulumi preview --policy-pack-config` takes it: `all` sets every policy's level, and each
 * policy by name takes a level or an object with one and its knobs.
 */
export type AuditLogBucketPoliciesConfig = { all?: EnforcementLevel } & { [policy: string]: PolicySetting | undefined };

export class PolicyConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`audit-log-bucket policy config: ${problems.join("; ")}`);
        this.name = "PolicyConfigError";
    }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The names of every policy of the pack, in the pack's order. */
export function policyNames(): string[] {
    return allPolicies.map((policy) => policy.name);
}

/**
 * Every problem of a config, against the schema the pack validates: known policy names, known levels, and knobs
 * its config schema declares, of the declared type. Empty when the config is sound.
 */
export function configProblems(config: AuditLogBucketPoliciesConfig): string[] {
    const problems: string[] = [];
    const byName = new Map(allPolicies.map((policy) => [policy.name, policy]));
    for (const [name, setting] of Object.entries(config)) {
        if (setting === undefined) {
            continue;
        }
        if (name === "all") {
            if (!LEVELS.includes(setting as EnforcementLevel)) {
                problems.push(`all: "${String(setting)}" is not a level (${LEVELS.join(", ")})`);
            }
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            problems.push(`"${name}" is not a policy of the pack (policies: ${policyNames().join(", ")})`);
            continue;
        }
        const { enforcementLevel, ...knobs } = typeof setting === "object" && setting !== null ? setting : { enforcementLevel: setting };
        if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
            problems.push(`${name}: enforcementLevel "${String(enforcementLevel)}" is not a level (${LEVELS.join(", ")})`);
        }
        const schema = policy.configSchema?.properties ?? {};
        for (const [knob, value] of Object.entries(knobs)) {
            const declared = schema[knob] as { type?: string } | undefined;
            if (!declared) {
                problems.push(`${name}: unknown setting "${knob}" (known: ${Object.keys(schema).join(", ") || "none"})`);
            } else if (declared.type && !matchesType(value, declared.type)) {
                problems.push(`${name}: ${knob} must be of type ${declared.type}, got ${JSON.stringify(value)}`);
            }
        }
    }
    return problems;
}

/**
 * The pack's policies with `config` applied, for a `new PolicyPack(...)` of your own (the @pulumi/awsguard shape):
 * each policy at its configured level (else `all`, else its own), its knobs as the defaults of its config schema,
 * so that a policy config given to the CLI still overrides them. Throws a PolicyConfigError naming every problem.
 */
export function policies(config: AuditLogBucketPoliciesConfig = {}): Policies {
    const problems = configProblems(config);
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return allPolicies.map((policy) => {
        const setting = config[policy.name];
        const { enforcementLevel, ...knobs } = typeof setting === "object" && setting !== null ? setting : { enforcementLevel: setting };
        const level = enforcementLevel ?? config.all ?? policy.enforcementLevel;
        const schema = policy.configSchema;
        const properties = schema
            ? Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, name in knobs ? { ...property, default: knobs[name] } : property]))
            : undefined;
        return { ...policy, ...(level ? { enforcementLevel: level } : {}), ...(schema && properties ? { configSchema: { ...schema, properties } } : {}) };
    }) as Policies;
}

/**
 * The audit-log-bucket policy pack, configured, in one line of a pack project's index.ts:
 * `new AuditLogBucketPolicies({ all: "mandatory", "audit-log-retention": { minRetentionDays: 730 } })`.
 * Like @pulumi/awsguard's AwsGuard, it creates the PolicyPack (one per process); the config is validated against
 * the pack's schema first, every problem named.
 */
export class AuditLogBucketPolicies {
    readonly pack: PolicyPack;

    constructor(config: AuditLogBucketPoliciesConfig = {}, name = "audit-log-bucket") {
        const configured = policies(config);
        // Before the server starts: each request's properties are then converted once, not once per policy.
        memoizeStructConversion();
        this.pack = new PolicyPack(name, { policies: configured });
    }
}

// The same check as tools/policy/analyzer.ts's: the pack ships compiled on its own (policy-pack/bin), which the
// tools' compiled dist cannot import from, so each side keeps its copy.
function matchesType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer":
            return Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "array":
            return Array.isArray(value);
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        default:
            return typeof value === type;
    }
}
