/**
 * Where a bucket replicates to, and what the pack can tell about the destination from the stack: the destination
 * bucket's view, its region and account, whether it is an Object-Locked vault, and whether a bucket receives AWS
 * Config. Type tokens of the resources read here (Config delivery channels, IAM roles and policies) live here too.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { Tri } from "./accessEvaluator";
import { BucketView, ReplicationRuleSetting, ReplicationSetting, bucketStatements, propsOf } from "./buckets";
import { coversAction } from "./policyDocuments";
import type { StackContext } from "./rule";
import { isUnknown, knownString, plainProps } from "./unknowns";

const providerProps = (resource: PolicyResource): Record<string, unknown> => plainProps(resource.provider?.props);

export const REPLICATION_TYPES = {
    deliveryChannel: ["aws:cfg/deliveryChannel:DeliveryChannel", "aws-native:configuration:DeliveryChannel"],
    role: ["aws:iam/role:Role"],
    rolePolicy: ["aws:iam/rolePolicy:RolePolicy"],
    policy: ["aws:iam/policy:Policy"],
    rolePolicyAttachment: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    policyAttachment: ["aws:iam/policyAttachment:PolicyAttachment"],
} as const;

export function ofType(resources: readonly PolicyResource[], kind: keyof typeof REPLICATION_TYPES): PolicyResource[] {
    const types: readonly string[] = REPLICATION_TYPES[kind];
    return resources.filter((resource) => types.includes(resource.type));
}

const dependsOn = (resource: PolicyResource, property: string, urn: string): boolean => (resource.propertyDependencies?.[property] ?? []).some((dependency) => dependency.urn === urn);

/** Whether the bucket has Object Lock enabled: on the bucket, or by an Object Lock configuration however declared. */
export function objectLockEnabled(view: BucketView): Tri {
    if (view.objectLockEnabled === true || view.objectLock.length > 0) {
        return true;
    }
    return isUnknown(view.objectLockEnabled) ? "unknown" : false;
}

/** What makes a bucket an AWS Config delivery target: grants and delivery channels, and channels that may name it. */
export interface ConfigDelivery {
    by: string[];
    /** Delivery channels whose bucket is not known yet. */
    maybe: string[];
}

const CONFIG = "config.amazonaws.com";

// AWS-CFG-151: Config delivers with s3:PutObject as config.amazonaws.com, or through the account's delivery channel.
export function configDelivery(view: BucketView, context: StackContext): ConfigDelivery {
    const by: string[] = [];
    const maybe: string[] = [];
    // A policy not known yet is not counted: every computed policy would wait, and Config also needs its delivery
    // channel, which is read below.
    const { statements } = bucketStatements(view);
    for (const statement of statements) {
        if (statement.effect === "Allow" && statement.principals.service.includes(CONFIG) && coversAction(statement, "s3:PutObject")) {
            by.push(`its bucket policy's statement ${statement.sid ?? "(no Sid)"} lets ${CONFIG} s3:PutObject`);
        }
    }
    for (const channel of ofType(context.resources, "deliveryChannel")) {
        const target = propsOf(channel).s3BucketName;
        if ((view.name !== undefined && target === view.name) || dependsOn(channel, "s3BucketName", view.bucket.urn)) {
            by.push(`Config delivery channel ${channel.name} names it`);
        } else if (isUnknown(target)) {
            maybe.push(`Config delivery channel ${channel.name} names a bucket not known yet`);
        }
    }
    return { by, maybe };
}

/** A rule's destination, joined to the stack's bucket where it is one. */
export interface Destination {
    setting: ReplicationSetting;
    rule: ReplicationRuleSetting;
    /** The destination bucket's name, from its ARN. */
    name?: string;
    /** The stack's bucket it is, when it is one. */
    view?: BucketView;
}

const BUCKET_ARN = /^arn:aws(?:-cn|-us-gov)?:s3:::([^/]+)$/;

/** The destinations of the bucket's enabled rules (a rule not known yet counts), joined by ARN or by dependency. */
export function destinationsOf(view: BucketView, context: StackContext): Destination[] {
    const found: Destination[] = [];
    for (const setting of view.replication) {
        const dependencies = context.buckets.filter((candidate) => candidate !== view && setting.dependencyUrns.includes(candidate.bucket.urn));
        for (const rule of setting.rules.filter((candidate) => candidate.enabled !== false && candidate.enabled !== undefined)) {
            const arn = knownString(rule.destinationBucket);
            const name = arn === undefined ? undefined : (BUCKET_ARN.exec(arn)?.[1] ?? arn);
            const byName = name === undefined ? undefined : context.buckets.find((candidate) => candidate.name === name);
            // A destination not known yet is the stack's bucket the rules depend on, when only one is.
            const byDependency = name === undefined && dependencies.length === 1 ? dependencies[0] : undefined;
            found.push({ setting, rule, name: name ?? byDependency?.name, view: byName ?? byDependency });
        }
    }
    return found;
}

/** A resource's region: its own `region` (v7), else its provider's; and the provider it takes it from. */
export function regionOf(resource: PolicyResource): { region?: string; unknown: boolean; own: boolean } {
    const own = propsOf(resource).region;
    if (own !== undefined) {
        return { region: knownString(own), unknown: isUnknown(own), own: true };
    }
    const fromProvider = providerProps(resource).region;
    return { region: knownString(fromProvider), unknown: fromProvider === undefined || isUnknown(fromProvider), own: false };
}

/** Whether two resources are in the same region: by their regions, or by sharing one provider and no region of their own. */
export function sameRegion(a: PolicyResource, b: PolicyResource): Tri {
    const [ra, rb] = [regionOf(a), regionOf(b)];
    if (ra.region !== undefined && rb.region !== undefined) {
        return ra.region === rb.region;
    }
    return !ra.own && !rb.own && a.provider?.urn === b.provider?.urn ? true : "unknown";
}

/** Provider inputs carry list-valued config as a JSON string. */
function listValue(value: unknown): unknown[] {
    if (typeof value === "string" && !isUnknown(value)) {
        try {
            const parsed: unknown = JSON.parse(value);
            return Array.isArray(parsed) ? parsed : [value];
        } catch {
            return [value];
        }
    }
    return Array.isArray(value) ? value : [];
}

const ROLE_ACCOUNT = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):/;

/** The account a resource is deployed in: its provider's single allowed account, or the account of the role it assumes. */
export function accountOf(resource: PolicyResource): string | undefined {
    const provider = providerProps(resource);
    const allowed = listValue(provider.allowedAccountIds).filter((account): account is string => typeof account === "string" && /^\d{12}$/.test(account));
    if (allowed.length === 1) {
        return allowed[0];
    }
    const assumed = listValue(provider.assumeRoles).map((role) => (role !== null && typeof role === "object" ? knownString((role as Record<string, unknown>).roleArn) : undefined));
    const accounts = [...new Set(assumed.map((arn) => (arn === undefined ? undefined : ROLE_ACCOUNT.exec(arn)?.[1])).filter((account): account is string => account !== undefined))];
    return accounts.length === 1 ? accounts[0] : undefined;
}

/** The account of a replication destination: the rule's owner-override account, else the destination bucket's. */
export function destinationAccount(destination: Destination): string | undefined {
    return knownString(destination.rule.destinationAccount) ?? (destination.view ? accountOf(destination.view.bucket) : undefined);
}

/** The source bucket's account: its provider's, else the replication role's (S3 assumes a role of the source account). */
export function sourceAccount(view: BucketView, setting: ReplicationSetting): string | undefined {
    const role = knownString(setting.role);
    return accountOf(view.bucket) ?? (role === undefined ? undefined : ROLE_ACCOUNT.exec(role)?.[1]);
}

/** Whether a destination is in the source's account: by account ids, or by sharing one provider. */
export function sameAccountAsSource(view: BucketView, destination: Destination): Tri {
    const [source, target] = [sourceAccount(view, destination.setting), destinationAccount(destination)];
    if (source !== undefined && target !== undefined) {
        return source === target;
    }
    return destination.view !== undefined && knownString(destination.rule.destinationAccount) === undefined && view.bucket.provider?.urn === destination.view.bucket.provider?.urn ? true : "unknown";
}

/** Whether a destination is a vault: a bucket of the stack with an Object Lock default retention. */
export function isVault(destination: Destination): boolean {
    return destination.view !== undefined && destination.view.objectLock.length > 0;
}
