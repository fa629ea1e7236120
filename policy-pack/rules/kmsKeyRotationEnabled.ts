import { resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";

export const kmsKeyRotationEnabled = resourcePolicy({
    name: "kms-key-rotation-enabled",
    description: "Every customer managed symmetric KMS key has automatic rotation on.",
    enforcementLevel: "mandatory",
    types: TYPES.kmsKey,
    check: (props, name) => {
        const spec = (props.customerMasterKeySpec ?? props.keySpec ?? "SYMMETRIC_DEFAULT") as string;
        const usage = (props.keyUsage ?? "ENCRYPT_DECRYPT") as string;
        if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") {
            return [];
        }
        return props.enableKeyRotation === true ? [] : [`KMS key ${name} does not rotate: set enableKeyRotation: true.`];
    },
});
