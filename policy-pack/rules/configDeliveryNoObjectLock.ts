import { describe } from "../lib/buckets";
import { configDelivery, objectLockEnabled } from "../lib/replication";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";

/** AWS's words, quoted in the violation so a reviewer can check them. */
export const CONFIG_OBJECT_LOCK_RULE = `"AWS Config does not support the delivery channel to an Amazon S3 bucket where object lock is enabled" (AWS CloudFormation reference, AWS::Config::DeliveryChannel)`;

/** The way to a WORM copy of what Config delivers. */
export const VAULT_WAY_OUT = "replicate the bucket into an Object-Locked vault bucket in another region instead (vaultRegion in this package's component)";

// AWS-CFG-150: Config does not deliver to a bucket with Object Lock enabled.
export const configDeliveryNoObjectLock = bucketStackPolicy(
    {
        name: "s3-config-delivery-no-object-lock",
        description: "No bucket that receives AWS Config (its policy lets config.amazonaws.com put objects, or a Config delivery channel names it) has Object Lock enabled: AWS Config does not deliver to such a bucket.",
        enforcementLevel: "mandatory",
        check: (view, _config, context): Finding[] => {
            const lock = objectLockEnabled(view);
            if (lock === false) {
                return [];
            }
            const delivery = configDelivery(view, context);
            if (delivery.by.length === 0) {
                return delivery.maybe.length > 0 ? [pending(`${describe(view)} has Object Lock enabled, and may receive AWS Config: ${delivery.maybe.join("; ")}.`)] : [];
            }
            const finding = `${describe(view)} has Object Lock enabled and receives AWS Config (${delivery.by.join("; ")}), but ${CONFIG_OBJECT_LOCK_RULE}: Config would deliver nothing. S3 cannot turn Object Lock off, so deliver Config to a bucket without it, and ${VAULT_WAY_OUT}.`;
            return [lock === true ? finding : pending(`whether ${describe(view)} has Object Lock enabled is not known yet; if it has: ${finding}`)];
        },
    },
    [],
);
