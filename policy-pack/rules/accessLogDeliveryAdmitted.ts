import { whereDeployed } from "../lib/accounts";
import { BucketView } from "../lib/buckets";
import { Expected, StackContext, bucketDocument, check as admits, deliveryStackPolicy, describe, emptyShortfall, findingsOf, joined } from "../lib/deliveries";
import { Finding, pending } from "../lib/pending";
import { UNKNOWN, isUnknown, knownString } from "../lib/unknowns";

const LOGGING = "logging.s3.amazonaws.com";

/** Each server access logging setting of the stack, with the stack's bucket it delivers to. */
export function accessLogDeliveries(context: StackContext): { source: BucketView; setting: BucketView["logging"][number]; target: BucketView }[] {
    return context.buckets.flatMap((source) =>
        source.logging.flatMap((setting) => {
            const name = knownString(setting.targetBucket);
            const target = context.buckets.find((view) => (name !== undefined && view.name === name) || setting.targetUrns.includes(view.bucket.urn));
            return target ? [{ source, setting, target }] : [];
        }),
    );
}

function deliveryFindings(source: BucketView, setting: BucketView["logging"][number], target: BucketView, context: StackContext): Finding[] {
    const where = whereDeployed(source.bucket, context.resources);
    const account = where.accounts.length === 1 ? where.accounts[0] : UNKNOWN;
    const partition = where.partition ?? UNKNOWN;
    const prefix = isUnknown(setting.targetPrefix) ? UNKNOWN : typeof setting.targetPrefix === "string" ? setting.targetPrefix : "";
    const logObject = joined("arn:", partition, ":s3:::", target.name, "/", prefix, "2026-01-01-00-00-00-0123456789ABCDEF");
    const sourceArn = joined("arn:", partition, ":s3:::", source.name);
    // AWS-S3-100: logging.s3.amazonaws.com puts each log object, with aws:SourceArn (the source bucket) and aws:SourceAccount.
    const expected: Expected[] = [{ what: `${LOGGING} s3:PutObject on ${logObject}`, against: "bucket policy", request: { principal: LOGGING, action: "s3:PutObject", resource: logObject, context: { "aws:SourceArn": sourceArn, "aws:SourceAccount": account } } }];
    const subject = `${describe(source)} delivers its server access logs to ${describe(target)}`;
    const shortfall = emptyShortfall();
    admits(shortfall, bucketDocument(target), expected, `grant ${LOGGING} s3:PutObject on the target prefix, scoped by aws:SourceArn to the source bucket and aws:SourceAccount`);
    // AWS-S3-101: a bucket with Object Lock cannot be a server access log target.
    if (target.objectLockEnabled === true || target.objectLock.length > 0) {
        shortfall.refused.push("the target has Object Lock, and S3 does not deliver server access logs into a bucket with Object Lock: deliver them to a bucket without it");
    } else if (isUnknown(target.objectLockEnabled)) {
        shortfall.waiting.push("whether the target has Object Lock (into which S3 delivers no server access logs) is not known yet");
    }
    return findingsOf(subject, shortfall);
}

export const accessLogDeliveryAdmitted = deliveryStackPolicy(
    {
        name: "s3-access-log-delivery-admitted",
        description: "Every server access logging setting of the stack delivers to a target that S3 can write to: its bucket policy grants logging.s3.amazonaws.com s3:PutObject for the source bucket (aws:SourceArn, aws:SourceAccount), and it has no Object Lock.",
        enforcementLevel: "mandatory",
        check: (context: StackContext) => accessLogDeliveries(context).map(({ source, setting, target }) => ({ urn: setting.from.urn, findings: deliveryFindings(source, setting, target, context) })),
    },
    [],
);

export const accessLogTargetSseS3 = deliveryStackPolicy(
    {
        name: "s3-access-log-target-sse-s3",
        description: "Every server access log target of the stack encrypts by default with SSE-S3, the default encryption S3's documentation names for log delivery (an SSE-KMS target needs a key policy that admits the delivery).",
        enforcementLevel: "advisory",
        check: (context: StackContext) =>
            accessLogDeliveries(context).map(({ source, setting, target }) => {
                // AWS-S3-102: SSE-S3 on the target is what S3 documents for server access log delivery.
                const algorithms = target.encryption.map((rule) => rule.algorithm);
                const findings: Finding[] = [];
                if (algorithms.some(isUnknown)) {
                    findings.push(pending(`${describe(source)} delivers its server access logs to ${describe(target)}, whose default encryption is not known yet.`));
                } else if (algorithms.some((algorithm) => algorithm !== "AES256")) {
                    findings.push(`${describe(source)} delivers its server access logs to ${describe(target)}, which encrypts with ${algorithms.filter((algorithm) => algorithm !== "AES256").join(", ")}: use SSE-S3 (AES256) on the target.`);
                }
                return { urn: setting.from.urn, findings };
            }),
    },
    [],
);
