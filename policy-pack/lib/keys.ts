import type { PolicyResource } from "@pulumi/policy";
import { propsOf } from "./buckets";
import { isNative, isType } from "./types";
import { isUnknown, knownString } from "./unknowns";

/** A KMS key with its policy documents, however declared: `Key.policy`, a separate `KeyPolicy`, aws-native `keyPolicy`. */
export interface KeyView {
    key: PolicyResource;
    props: Record<string, unknown>;
    native: boolean;
    enabled: unknown;
    rotation: unknown;
    /** Days before deletion once scheduled (`deletionWindowInDays`, aws-native `pendingWindowInDays`); AWS's default is 30. */
    deletionWindow: unknown;
    spec: unknown;
    usage: unknown;
    policies: { from: PolicyResource; document: unknown }[];
}

/** Identifiers a key can be named by in another resource: id, key id, ARN (outputs, present in a state export). */
function identifiers(props: Record<string, unknown>): string[] {
    return [props.id, props.keyId, props.arn].map(knownString).filter((value): value is string => value !== undefined);
}

/** Every key of the stack, with `aws.kms.KeyPolicy` resources joined to their key by key id or property dependency. */
export function keyViews(resources: readonly PolicyResource[]): KeyView[] {
    const views = resources.filter((resource) => isType(resource.type, "kmsKey")).map((key): KeyView => {
        const props = propsOf(key);
        const native = isNative(key.type);
        const document = native ? props.keyPolicy : props.policy;
        return {
            key,
            props,
            native,
            enabled: native ? props.enabled : props.isEnabled,
            rotation: props.enableKeyRotation,
            deletionWindow: native ? props.pendingWindowInDays : props.deletionWindowInDays,
            spec: props.keySpec ?? props.customerMasterKeySpec,
            usage: props.keyUsage,
            policies: document === undefined ? [] : [{ from: key, document }],
        };
    });
    for (const resource of resources.filter((candidate) => isType(candidate.type, "kmsKeyPolicy"))) {
        const props = propsOf(resource);
        const target = knownString(props.keyId);
        const dependencies = (resource.propertyDependencies?.keyId ?? []).map((dependency) => dependency.urn);
        const view = views.find((candidate) => dependencies.includes(candidate.key.urn) || (target !== undefined && identifiers(candidate.props).includes(target)));
        view?.policies.push({ from: resource, document: props.policy });
    }
    return views;
}

/** What an SSE-KMS setting names as its key. */
export type KeyReference = { kind: "key"; key: KeyView } | { kind: "aws-managed" } | { kind: "unknown" } | { kind: "external"; id: string };

const AWS_MANAGED_S3 = /^(arn:aws(?:-cn|-us-gov)?:kms:[^:]+:\d{12}:)?alias\/aws\/s3$/;

/**
 * The key an SSE-KMS rule uses: the stack's key it depends on or names, the AWS managed `aws/s3` key (no key id, or
 * its alias), a key outside the stack, or one not known until `pulumi up`.
 */
export function keyOfEncryption(kmsKeyId: unknown, keyUrns: readonly string[], keys: readonly KeyView[]): KeyReference {
    const byDependency = keys.find((key) => keyUrns.includes(key.key.urn));
    if (byDependency) {
        return { kind: "key", key: byDependency };
    }
    if (isUnknown(kmsKeyId)) {
        return { kind: "unknown" };
    }
    const id = knownString(kmsKeyId);
    if (id === undefined || AWS_MANAGED_S3.test(id)) {
        return { kind: "aws-managed" };
    }
    const named = keys.find((key) => identifiers(key.props).includes(id));
    return named ? { kind: "key", key: named } : { kind: "external", id };
}
