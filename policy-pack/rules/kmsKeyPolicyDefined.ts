import type { PolicyResource } from "@pulumi/policy";
import { propsOf } from "../lib/buckets";
import type { KeyView } from "../lib/keys";
import { readPolicy } from "../lib/policyDocuments";
import { Finding, keyStackPolicy, pending } from "../lib/rule";
import { isType } from "../lib/types";
import { knownString } from "../lib/unknowns";

/** A policy document that is given: a string, an object, or a value not known yet (which still means one is given). */
function given(document: unknown): boolean {
    return readPolicy(document).kind !== "absent";
}

/**
 * `aws.kms.KeyPolicy` resources joined to no key of the stack because the key they name is not known yet and no
 * property dependency names it: any key of the stack may be theirs.
 */
function unjoinedPolicies(resources: readonly PolicyResource[], keys: readonly KeyView[]): PolicyResource[] {
    const joined = new Set(keys.flatMap((key) => key.policies.map((policy) => policy.from.urn)));
    return resources.filter((resource) => isType(resource.type, "kmsKeyPolicy") && !joined.has(resource.urn) && knownString(propsOf(resource).keyId) === undefined);
}

/**
 * A key created without a policy gets KMS's default key policy, which lets the account's IAM policies grant any use
 * of the key (KMS developer guide, "Default key policy"): who can decrypt the logs is then decided outside the key.
 */
export function keyPolicyFindings(key: KeyView, unjoined: readonly PolicyResource[]): Finding[] {
    if (key.policies.some((policy) => given(policy.document))) {
        return [];
    }
    if (unjoined.length > 0) {
        return [pending(`KMS key ${key.key.name} has no policy of its own; ${unjoined.map((policy) => policy.name).join(", ")} may be its KeyPolicy, for a key not known yet.`)];
    }
    const property = key.native ? "keyPolicy" : "policy";
    return [`KMS key ${key.key.name} has no key policy, so it gets the default one, under which any IAM policy of the account can grant its use: set ${property}, or add an aws.kms.KeyPolicy for it.`];
}

export const kmsKeyPolicyDefined = keyStackPolicy(
    {
        name: "kms-key-policy-defined",
        description: "Every KMS key has a key policy of its own (Key.policy, aws.kms.KeyPolicy or aws-native keyPolicy), rather than the default one that hands its use to the account's IAM policies.",
        enforcementLevel: "advisory",
        // A stack check, not a resource check: a separate aws.kms.KeyPolicy, joined to its key, counts as its policy.
        check: (key, keys, resources) => keyPolicyFindings(key, unjoinedPolicies(resources, keys)),
    },
    ["CKV2_AWS_64"],
);
