/**
 * Whether S3, acting as a replication rule's role, may write into the destination and use the destination's key:
 * the requests replication makes, and the policies of the stack that decide them (the destination's bucket policy,
 * the key policy, and the role's own IAM policies where the stack declares the role).
 */
import type { PolicyResource } from "@pulumi/policy";
import { AccessRequest, NOTHING, PolicyVerdict, RawStatement, Tri, accountOfPrincipal, evaluatePolicy, or3, readDocument } from "./accessEvaluator";
import { BucketView, propsOf } from "./buckets";
import { KeyView, keyOfEncryption } from "./keys";
import { Destination, accountOf, ofType, regionOf } from "./replication";
import type { StackContext } from "./rule";
import { UNKNOWN, isUnknown, knownString, listOf } from "./unknowns";

/** The replication role: its ARN (given, or built from a declared role's name), and the role resource if the stack declares it. */
export interface Role {
    arn?: string;
    resource?: PolicyResource;
}

const ROLE_NAME = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/;

export function roleOf(setting: { role: unknown; dependencyUrns: readonly string[] }, context: StackContext): Role {
    const roles = ofType(context.resources, "role");
    const given = knownString(setting.role);
    if (given !== undefined) {
        const name = ROLE_NAME.exec(given)?.[1];
        return { arn: given, resource: roles.find((role) => propsOf(role).arn === given || (name !== undefined && propsOf(role).name === name)) };
    }
    const resource = roles.find((role) => setting.dependencyUrns.includes(role.urn));
    if (!resource) {
        return {};
    }
    const props = propsOf(resource);
    const name = knownString(props.name);
    const account = accountOf(resource);
    const path = knownString(props.path) ?? "/";
    // A created role's ARN is not known until `up`, but its name and account make it.
    const built = name !== undefined && account !== undefined ? `arn:aws:iam::${account}:role${path}${name}` : undefined;
    return { arn: knownString(props.arn) ?? built, resource };
}

/** The role's own IAM policies as the stack declares them; `complete` is false when one is attached from outside. */
export interface RolePolicies {
    statements: RawStatement[];
    unknown: boolean;
    complete: boolean;
}

const depends = (resource: PolicyResource, property: string, urn: string): boolean => (resource.propertyDependencies?.[property] ?? []).some((dependency) => dependency.urn === urn);

export function rolePolicies(role: PolicyResource, context: StackContext): RolePolicies {
    const props = propsOf(role);
    const name = knownString(props.name);
    const documents: unknown[] = listOf(props.inlinePolicies).map((inline) => (inline !== null && typeof inline === "object" ? (inline as Record<string, unknown>).policy : inline));
    const names = (value: unknown): boolean => listOf(value).some((entry) => entry === name && name !== undefined);
    for (const policy of ofType(context.resources, "rolePolicy")) {
        if (names(propsOf(policy).role) || depends(policy, "role", role.urn)) {
            documents.push(propsOf(policy).policy);
        }
    }
    const managed = ofType(context.resources, "policy");
    let complete = true;
    const attach = (arn: unknown, from: PolicyResource | undefined, property: string): void => {
        const found = managed.find((policy) => (knownString(arn) !== undefined && propsOf(policy).arn === arn) || (from !== undefined && depends(from, property, policy.urn)));
        if (found) {
            documents.push(propsOf(found).policy);
        } else {
            complete = false;
        }
    };
    for (const attachment of ofType(context.resources, "rolePolicyAttachment")) {
        if (names(propsOf(attachment).role) || depends(attachment, "role", role.urn)) {
            attach(propsOf(attachment).policyArn, attachment, "policyArn");
        }
    }
    for (const attachment of ofType(context.resources, "policyAttachment")) {
        if (names(propsOf(attachment).roles) || depends(attachment, "roles", role.urn)) {
            attach(propsOf(attachment).policyArn, attachment, "policyArn");
        }
    }
    for (const arn of listOf(props.managedPolicyArns)) {
        attach(arn, undefined, "");
    }
    const read = statementsOf(documents);
    return { statements: read.statements, unknown: read.unknown || isUnknown(props.inlinePolicies) || isUnknown(props.managedPolicyArns), complete };
}

/** The statements of policy documents, and whether one of them is not known yet. */
function statementsOf(documents: readonly unknown[]): { statements: RawStatement[]; unknown: boolean } {
    const statements: RawStatement[] = [];
    let unknown = false;
    for (const document of documents) {
        const read = readDocument(document);
        if (read.kind === "statements") {
            statements.push(...read.statements);
        } else if (read.kind === "unknown") {
            unknown = true;
        }
    }
    return { statements, unknown };
}

/** What the role's IAM policies say; a role the stack does not declare, or one with policies from outside, may be allowed. */
export function identityVerdict(policies: RolePolicies | undefined, request: AccessRequest): PolicyVerdict {
    if (!policies) {
        return { deny: false, allow: true, allowAccount: false };
    }
    const verdict = evaluatePolicy(policies.statements, request, "identity");
    const maybe: Tri = policies.unknown ? "unknown" : false;
    return { deny: or3(verdict.deny, maybe), allow: policies.complete ? or3(verdict.allow, maybe) : true, allowAccount: false };
}

/** The statements of a resource's policies, or unknown when one is not known yet. */
export function resourceVerdict(documents: readonly unknown[], request: AccessRequest): PolicyVerdict {
    const { statements, unknown } = statementsOf(documents);
    if (statements.length === 0 && !unknown) {
        return NOTHING;
    }
    const verdict = evaluatePolicy(statements, request, "resource");
    const maybe: Tri = unknown ? "unknown" : false;
    return { deny: or3(verdict.deny, maybe), allow: or3(verdict.allow, maybe), allowAccount: or3(verdict.allowAccount, maybe) };
}

/** The destination's key for SSE-KMS replicas: the stack's key the rule names or depends on. */
export function replicaKeyOf(destination: Destination, context: StackContext): KeyView | undefined {
    const id = destination.rule.replicaKmsKeyId;
    if (destination.rule.sseKmsSelected !== true || id === undefined) {
        return undefined;
    }
    if (isUnknown(id)) {
        // A key not known yet is the stack's key the rules depend on, when only one is.
        const dependencies = context.keys.filter((key) => destination.setting.dependencyUrns.includes(key.key.urn));
        return dependencies.length === 1 ? dependencies[0] : undefined;
    }
    const reference = keyOfEncryption(id, [], context.keys);
    return reference.kind === "key" ? reference.key : undefined;
}

const KEY_ARN = /^arn:(aws(?:-cn|-us-gov)?):kms:([^:]+):(\d{12}):/;

/** A key's account and region: from its ARN (the key's, or the rule's replicaKmsKeyId), else its provider's. */
export function keyPlace(key: KeyView, named: unknown): { account?: string; region?: string; arn?: string } {
    const arn = knownString(key.props.arn) ?? (KEY_ARN.test(String(named)) ? String(named) : undefined);
    const parsed = arn === undefined ? undefined : KEY_ARN.exec(arn);
    return { arn, account: parsed?.[3] ?? accountOf(key.key), region: parsed?.[2] ?? regionOf(key.key).region };
}

/** The key policy in force: a separate KeyPolicy replaces the key's own; a key without one gets the default (its account's root). */
export function keyPolicyDocuments(key: KeyView, account: string | undefined): unknown[] | undefined {
    const last = key.policies[key.policies.length - 1];
    if (last) {
        return [last.document];
    }
    // AWS-KMS-152: the default key policy gives the key's account root kms:*, which hands its use to IAM policies.
    return account === undefined ? undefined : [{ Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] }];
}

/** The S3 endpoint a key is called through, in the key's partition. */
export function viaService(region: string | undefined): string {
    if (region === undefined) {
        return UNKNOWN;
    }
    return region.startsWith("cn-") ? `s3.${region}.amazonaws.com.cn` : `s3.${region}.amazonaws.com`;
}

/** The context keys of a request replication makes as the role. */
export function roleContext(roleArn: string, extra: Record<string, string> = {}): Record<string, string> {
    const account = accountOfPrincipal(roleArn) ?? UNKNOWN;
    // AWS-S3-153: replication's requests are taken to arrive over TLS.
    return { "aws:PrincipalArn": roleArn, "aws:PrincipalAccount": account, "aws:SecureTransport": "true", ...extra };
}

/** Whether a bucket uses an S3 Bucket Key by default (any SSE-KMS rule with it on). */
export function usesBucketKey(view: BucketView | undefined): boolean {
    return view !== undefined && view.encryption.some((rule) => rule.bucketKeyEnabled === true);
}
