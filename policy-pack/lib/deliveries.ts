/**
 * The deliveries a stack declares into its own buckets: CloudTrail trails, AWS Config delivery channels and server
 * access logging, each joined to the bucket it writes to (by name or by the property dependency on the bucket) and
 * to the stack's KMS key it encrypts with. Each delivery is a list of the requests its service makes, in the form
 * the statement matcher decides, so a rule only says which requests must be admitted.
 */
import type { EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { whereDeployed } from "./accounts";
import { BucketView, bucketViews, describe, propsOf } from "./buckets";
import { KeyView, keyOfEncryption, keyViews } from "./keys";
import { Finding, pending } from "./pending";
import { METADATA, reportFindings } from "./rule";
import { ContextValue, MatchRequest, evaluatePolicy, joinPolicies } from "./statementMatcher";
import { UNKNOWN, UNKNOWN_VALUES, isUnknown, knownString } from "./unknowns";

export const TRAIL_TYPES = ["aws:cloudtrail/trail:Trail", "aws-native:cloudtrail:Trail"];
export const CHANNEL_TYPES = ["aws:cfg/deliveryChannel:DeliveryChannel", "aws-native:configuration:DeliveryChannel"];

/** A value built from parts, unknown as a whole when one part is. */
export function joined(...parts: (string | undefined)[]): string {
    return parts.some((part) => part === undefined || isUnknown(part)) ? UNKNOWN : parts.join("");
}

/** A key prefix as S3 paths carry it: empty, or the prefix and one slash. */
export function prefixPath(prefix: unknown): string {
    if (isUnknown(prefix)) {
        return UNKNOWN;
    }
    const text = typeof prefix === "string" ? prefix.replace(/^\/+|\/+$/g, "") : "";
    return text === "" ? "" : `${text}/`;
}

export interface Expected {
    /** What the request is, said in a message: "cloudtrail.amazonaws.com s3:PutObject on ...". */
    what: string;
    against: "bucket policy" | "key policy";
    request: MatchRequest;
}

export interface StackContext {
    resources: readonly PolicyResource[];
    buckets: readonly BucketView[];
    keys: readonly KeyView[];
}

const depUrns = (resource: PolicyResource, property: string): string[] => (resource.propertyDependencies?.[property] ?? []).map((dependency) => dependency.urn);

/** The stack's bucket a delivery names in `property`: by its name, or by the property dependency on it. */
export function targetBucket(resource: PolicyResource, property: string, name: unknown, buckets: readonly BucketView[]): BucketView | undefined {
    const byName = knownString(name);
    const urns = depUrns(resource, property);
    return buckets.find((view) => (byName !== undefined && view.name === byName) || urns.includes(view.bucket.urn));
}

/** The stack's key a delivery names in `property`, when it is one. */
export function targetKey(resource: PolicyResource, property: string, id: unknown, keys: readonly KeyView[]): KeyView | undefined {
    if (id === undefined || id === "") {
        return undefined;
    }
    const reference = keyOfEncryption(id, depUrns(resource, property), keys);
    return reference.kind === "key" ? reference.key : undefined;
}

/** Whether the bucket encrypts with an S3 Bucket Key: true, false, or the unknown sentinel. */
export function usesBucketKey(view: BucketView): boolean | string {
    const values = view.encryption.map((rule) => rule.bucketKeyEnabled);
    if (values.some((value) => value === true)) {
        return true;
    }
    return values.some(isUnknown) ? UNKNOWN : false;
}

/** The bucket policy of a view, all its documents read as one. */
export function bucketDocument(view: BucketView): unknown {
    return joinPolicies(view.policies.map((policy) => policy.document));
}

/** The key policy of a key, all its documents read as one; a key with none has AWS's default (the account only). */
export function keyDocument(key: KeyView): unknown {
    return joinPolicies(key.policies.map((policy) => policy.document));
}

const VERDICT: Record<string, string> = { ImplicitlyDenied: "no statement admits it", ExplicitlyDenied: "a Deny refuses it" };

/** A message with each value not known yet said as such, not as the engine's sentinel. */
function shown(text: string): string {
    return UNKNOWN_VALUES.reduce((said, sentinel) => said.split(sentinel).join("<not known yet>"), text);
}

function contextSaid(context: Readonly<Record<string, ContextValue>>): string {
    const shown = Object.entries(context).filter(([, value]) => !isUnknown(value));
    return shown.length > 0 ? ` with ${shown.map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : value}`).join(", ")}` : "";
}

/** What a delivery lacks: requests refused (each a clause naming the request and the fix), and requests that wait. */
export interface Shortfall {
    refused: string[];
    waiting: string[];
}

export function emptyShortfall(): Shortfall {
    return { refused: [], waiting: [] };
}

/** Adds to `into` each request of `expected` that `document` does not admit, or whose verdict waits for `pulumi up`. */
export function check(into: Shortfall, document: unknown, expected: readonly Expected[], fix: string): void {
    for (const item of expected) {
        const verdict = evaluatePolicy(document, item.request);
        const said = shown(`the ${item.against} must admit ${item.what}${contextSaid(item.request.context)}`);
        if (verdict.decision === "Unknown") {
            into.waiting.push(`${said}, which depends on a value not known yet`);
        } else if (verdict.decision !== "Allowed") {
            const by = verdict.statements.length > 0 ? ` (statement ${verdict.statements.join(", ")})` : "";
            into.refused.push(shown(`${said}, but ${VERDICT[verdict.decision]}${by}: ${fix}`));
        }
    }
}

/** One problem per delivery (every refusal in it), and one verdict that waits (every request whose verdict does). */
export function findingsOf(subject: string, shortfall: Shortfall): Finding[] {
    const findings: Finding[] = [];
    if (shortfall.refused.length > 0) {
        findings.push(`${subject}: ${shortfall.refused.join("; ")}.`);
    }
    if (shortfall.waiting.length > 0) {
        findings.push(pending(`${subject}: ${shortfall.waiting.join("; ")}.`));
    }
    return findings;
}

export interface DeliveryRule<Config> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: PolicyConfigSchema;
    /** The findings of the stack, each on the resource it is about. */
    check(context: StackContext, config: Config): { urn: string; findings: Finding[] }[];
}

/** A stack check over the stack's deliveries, its buckets and its keys, joined once. */
export function deliveryStackPolicy<Config extends object>(rule: DeliveryRule<Config>, anchors: readonly string[] = []): StackValidationPolicy {
    METADATA.set(rule.name, { anchors, auditLogOnly: false });
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: rule.configSchema,
        validateStack: (args, reportViolation: ReportViolation) => {
            const context: StackContext = { resources: args.resources, buckets: bucketViews(args.resources), keys: keyViews(args.resources) };
            for (const { urn, findings } of rule.check(context, args.getConfig<Config>())) {
                reportFindings(reportViolation, rule.description, findings, urn);
            }
        },
    };
}

/** The account, region and partition a delivering resource works in, each the sentinel when not known. */
export function scopeOf(resource: PolicyResource, resources: readonly PolicyResource[]): { account: string; region: string; partition: string } {
    const where = whereDeployed(resource, resources);
    return { account: where.accounts.length === 1 ? where.accounts[0] : UNKNOWN, region: where.region ?? UNKNOWN, partition: where.partition ?? UNKNOWN };
}

export { describe, propsOf };
