import type { PolicyResource } from "@pulumi/policy";
import { Expected, StackContext, TRAIL_TYPES, bucketDocument, check as admits, deliveryStackPolicy, describe, emptyShortfall, findingsOf, joined, keyDocument, prefixPath, propsOf, scopeOf, targetBucket, targetKey, usesBucketKey } from "../lib/deliveries";
import type { Finding } from "../lib/pending";
import { isUnknown, knownString } from "../lib/unknowns";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
/** Stands for any member account of an organization, listed anywhere or not: the organization trail logs them all. */
export const ANY_MEMBER = "000000000000";

export interface TrailConfig {
    organizationId?: string;
}

/** What the trail is, read the same way from `aws.cloudtrail.Trail` and aws-native's `Trail`. */
function trailOf(resource: PolicyResource) {
    const props = propsOf(resource);
    return {
        name: resource.type.startsWith("aws-native:") ? props.trailName : props.name,
        arn: knownString(props.arn),
        bucket: props.s3BucketName,
        prefix: props.s3KeyPrefix,
        kmsKeyId: props.kmsKeyId,
        organization: props.isOrganizationTrail,
        validation: props.enableLogFileValidation,
    };
}

function check(context: StackContext, config: TrailConfig): { urn: string; findings: Finding[] }[] {
    const results: { urn: string; findings: Finding[] }[] = [];
    for (const resource of context.resources.filter((candidate) => TRAIL_TYPES.includes(candidate.type))) {
        const trail = trailOf(resource);
        const view = targetBucket(resource, "s3BucketName", trail.bucket, context.buckets);
        if (!view) {
            continue;
        }
        const { account, region, partition } = scopeOf(resource, context.resources);
        // A trail without a name in its inputs is auto-named by the engine: its ARN is not known here.
        const name = knownString(trail.name);
        // AWS-CT-100: aws:SourceArn is the trail's ARN.
        const trailArn = trail.arn ?? joined("arn:", partition, ":cloudtrail:", region, ":", account, ":trail/", name);
        const bucketArn = joined("arn:", partition, ":s3:::", view.name);
        const organizationId = knownString(config.organizationId);
        const source: Record<string, string> = { "aws:SourceArn": trailArn, "aws:SourceAccount": account };
        if (organizationId !== undefined) {
            source["aws:SourceOrgID"] = organizationId;
        }
        const subject = `trail ${resource.name} delivers to ${describe(view)}`;
        const shortfall = emptyShortfall();
        const organizationTrail = trail.organization === true;
        if (isUnknown(trail.organization)) {
            shortfall.waiting.push("whether it is an organization trail is not known yet");
        }
        const prefix = prefixPath(trail.prefix);
        const logUnder = (path: string, folder = "CloudTrail"): string => joined(bucketArn, "/", prefix, "AWSLogs/", path, `/${folder}/`, region, "/2026/01/01/", path.split("/").pop(), `_${folder}_`, region, "_log.json.gz");
        const put = (path: string, folder?: string): Expected => ({
            what: `${CLOUDTRAIL} s3:PutObject on ${logUnder(path, folder)}`,
            against: "bucket policy",
            request: { principal: CLOUDTRAIL, action: "s3:PutObject", resource: logUnder(path, folder), context: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } },
        });
        // AWS-CT-100: GetBucketAcl on the bucket, PutObject under <prefix>/AWSLogs/<account>/ with the owner ACL.
        const expected: Expected[] = [
            { what: `${CLOUDTRAIL} s3:GetBucketAcl on ${bucketArn}`, against: "bucket policy", request: { principal: CLOUDTRAIL, action: "s3:GetBucketAcl", resource: bucketArn, context: source } },
            put(account),
        ];
        if (trail.validation === true) {
            expected.push(put(account, "CloudTrail-Digest"));
        }
        if (organizationTrail) {
            // AWS-CT-101: an organization trail writes every member's logs under AWSLogs/<organization id>/<account>/.
            const organization = organizationId ?? "(the organization id: set this policy's organizationId)";
            const orgPath = (member: string): string => (organizationId === undefined ? joined(undefined) : `${organizationId}/${member}`);
            expected.push({ ...put(orgPath(account)), what: `${CLOUDTRAIL} s3:PutObject under AWSLogs/${organization}/${account}/` });
            expected.push({ ...put(orgPath(ANY_MEMBER)), what: `${CLOUDTRAIL} s3:PutObject under AWSLogs/${organization}/<any member account>/ (shown as ${ANY_MEMBER})` });
        }
        admits(shortfall, bucketDocument(view), expected, `admit the trail's ARN, account and organization under ${prefix}AWSLogs/`);
        const key = targetKey(resource, "kmsKeyId", trail.kmsKeyId, context.keys);
        if (key) {
            const keyArn = knownString(key.props.arn) ?? (typeof trail.kmsKeyId === "string" && trail.kmsKeyId.startsWith("arn:") ? trail.kmsKeyId : joined(undefined));
            const keySource = { "aws:SourceArn": trailArn, "aws:SourceAccount": account };
            // AWS-CT-102: GenerateDataKey* with the trail's encryption context, DescribeKey, and Decrypt under a Bucket Key.
            const keyExpected: Expected[] = [
                { what: `${CLOUDTRAIL} kms:GenerateDataKey`, against: "key policy", request: { principal: CLOUDTRAIL, action: "kms:GenerateDataKey", resource: keyArn, context: { ...keySource, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn } } },
                { what: `${CLOUDTRAIL} kms:DescribeKey`, against: "key policy", request: { principal: CLOUDTRAIL, action: "kms:DescribeKey", resource: keyArn, context: keySource } },
            ];
            const bucketKey = usesBucketKey(view);
            if (bucketKey === true) {
                keyExpected.push({ what: `${CLOUDTRAIL} kms:Decrypt (${describe(view)} uses an S3 Bucket Key)`, against: "key policy", request: { principal: CLOUDTRAIL, action: "kms:Decrypt", resource: keyArn, context: { ...keySource, "kms:EncryptionContext:aws:s3:arn": bucketArn } } });
            } else if (isUnknown(bucketKey)) {
                shortfall.waiting.push(`whether ${describe(view)} uses an S3 Bucket Key, under which key ${key.key.name} must also admit ${CLOUDTRAIL} kms:Decrypt, is not known yet`);
            }
            admits(shortfall, keyDocument(key), keyExpected, `admit ${CLOUDTRAIL} in the policy of key ${key.key.name}, scoped by aws:SourceArn to the trail (and kms:EncryptionContext:aws:cloudtrail:arn for GenerateDataKey*)`);
        }
        results.push({ urn: resource.urn, findings: findingsOf(subject, shortfall) });
    }
    return results;
}

export const cloudTrailDeliveryAdmitted = deliveryStackPolicy<TrailConfig>(
    {
        name: "cloudtrail-delivery-admitted",
        description:
            "Every CloudTrail trail that writes to a bucket of the stack is admitted as CloudTrail makes its calls: the bucket policy lets it check the ACL and write under its key prefix's AWSLogs/ path for its account (and its organization) with the owner ACL, and the stack's key it encrypts with lets it generate data keys, describe the key and, under an S3 Bucket Key, decrypt.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                organizationId: { type: "string", default: "", description: "The organization (o-...) whose trails deliver: the aws:SourceOrgID they send and the AWSLogs/<organization id>/ path of an organization trail." },
            },
        },
        check,
    },
    [],
);
