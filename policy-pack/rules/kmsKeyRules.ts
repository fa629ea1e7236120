import { Finding, pending, resourcePolicy } from "../lib/rule";
import { TYPES, isNative } from "../lib/types";
import { isUnknown } from "../lib/unknowns";
import { publicPrincipalFindings } from "./bucketPolicyNoPublicPrincipal";

export const kmsKeyRotationEnabled = resourcePolicy(
    {
        name: "kms-key-rotation-enabled",
        description: "Every customer managed symmetric KMS key has automatic rotation on.",
        enforcementLevel: "mandatory",
        types: TYPES.kmsKey,
        check: (props, name): Finding[] => {
            const spec = props.keySpec ?? props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
            const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
            if (isUnknown(spec) || isUnknown(usage) || isUnknown(props.enableKeyRotation)) {
                return props.enableKeyRotation === true ? [] : [pending(`whether KMS key ${name} can and does rotate is not known yet.`)];
            }
            if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") {
                return [];
            }
            return props.enableKeyRotation === true ? [] : [`KMS key ${name} does not rotate: set enableKeyRotation: true.`];
        },
    },
    ["SH KMS.4", "CKV_AWS_7", "kms_cmk_rotation_enabled"],
);

export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy(
    {
        name: "kms-key-policy-no-public-principal",
        description: 'No KMS key policy statement (Key.policy, aws.kms.KeyPolicy, aws-native keyPolicy) allows a public principal ("*" or {"AWS": "*"}) without a condition that restricts it to an account, organization or source.',
        enforcementLevel: "mandatory",
        types: [...TYPES.kmsKey, ...TYPES.kmsKeyPolicy],
        check: (props, name, type) => publicPrincipalFindings(isNative(type) ? props.keyPolicy : props.policy, name, "key policy"),
    },
    ["SH KMS.5", "CKV_AWS_33", "kms_key_not_publicly_accessible"],
);

export const kmsKeyNoLockoutBypass = resourcePolicy(
    {
        name: "kms-key-no-lockout-bypass",
        description: "No KMS key or key policy sets bypassPolicyLockoutSafetyCheck: true, which lets a policy lock every administrator out of the key.",
        enforcementLevel: "mandatory",
        types: [...TYPES.kmsKey, ...TYPES.kmsKeyPolicy],
        check: (props, name): Finding[] => {
            if (props.bypassPolicyLockoutSafetyCheck === true) {
                return [`${name} sets bypassPolicyLockoutSafetyCheck: true: remove it, and keep a statement that lets the account administer the key.`];
            }
            return isUnknown(props.bypassPolicyLockoutSafetyCheck) ? [pending(`${name} sets bypassPolicyLockoutSafetyCheck from a value not known yet.`)] : [];
        },
    },
    [],
);

export const kmsKeySingleRegion = resourcePolicy(
    {
        name: "kms-key-single-region",
        description: "KMS keys should be single-region: a multi-Region key's replicas in other regions can decrypt the same data under policies of their own.",
        enforcementLevel: "advisory",
        types: TYPES.kmsKey,
        check: (props, name): Finding[] => {
            if (props.multiRegion === true) {
                return [`KMS key ${name} is a multi-Region key: create it with multiRegion: false unless another region must decrypt the logs.`];
            }
            return isUnknown(props.multiRegion) ? [pending(`whether KMS key ${name} is multi-Region is not known yet.`)] : [];
        },
    },
    ["kms_cmk_not_multi_region"],
);
