import type { PolicyResource } from "@pulumi/policy";
import { CHANNEL_TYPES, Expected, StackContext, bucketDocument, check as admits, deliveryStackPolicy, describe, emptyShortfall, findingsOf, joined, keyDocument, prefixPath, propsOf, scopeOf, targetBucket, targetKey } from "../lib/deliveries";
import type { Finding } from "../lib/pending";
import { knownString } from "../lib/unknowns";

const CONFIG = "config.amazonaws.com";

export interface ChannelConfig {
    organizationId?: string;
}

function channelRequests(resource: PolicyResource, context: StackContext, config: ChannelConfig): { urn: string; findings: Finding[] } | undefined {
    const props = propsOf(resource);
    const view = targetBucket(resource, "s3BucketName", props.s3BucketName, context.buckets);
    if (!view) {
        return undefined;
    }
    const { account, region, partition } = scopeOf(resource, context.resources);
    const bucketArn = joined("arn:", partition, ":s3:::", view.name);
    const source: Record<string, string> = { "aws:SourceAccount": account };
    const organizationId = knownString(config.organizationId);
    if (organizationId !== undefined) {
        source["aws:SourceOrgID"] = organizationId;
    }
    const snapshot = joined(bucketArn, "/", prefixPath(props.s3KeyPrefix), "AWSLogs/", account, "/Config/", region, "/2026/1/1/ConfigSnapshot/", account, "_Config_", region, "_ConfigSnapshot_20260101T000000Z_x.json.gz");
    // AWS-CFG-100: GetBucketAcl and ListBucket on the bucket, PutObject under <prefix>/AWSLogs/<account>/Config/ with the owner ACL.
    const expected: Expected[] = [
        { what: `${CONFIG} s3:GetBucketAcl on ${bucketArn}`, against: "bucket policy", request: { principal: CONFIG, action: "s3:GetBucketAcl", resource: bucketArn, context: source } },
        { what: `${CONFIG} s3:ListBucket on ${bucketArn}`, against: "bucket policy", request: { principal: CONFIG, action: "s3:ListBucket", resource: bucketArn, context: source } },
        { what: `${CONFIG} s3:PutObject on ${snapshot}`, against: "bucket policy", request: { principal: CONFIG, action: "s3:PutObject", resource: snapshot, context: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" } } },
    ];
    const subject = `delivery channel ${resource.name} delivers to ${describe(view)}`;
    const shortfall = emptyShortfall();
    admits(shortfall, bucketDocument(view), expected, `admit the channel's account under ${prefixPath(props.s3KeyPrefix)}AWSLogs/<account>/Config/`);
    const key = targetKey(resource, "s3KmsKeyArn", props.s3KmsKeyArn, context.keys);
    if (key) {
        const keyArn = knownString(key.props.arn) ?? joined(knownString(props.s3KmsKeyArn));
        // AWS-CFG-101: Config, as its service principal, needs kms:Decrypt and kms:GenerateDataKey, scoped by aws:SourceAccount.
        const keyExpected: Expected[] = ["kms:GenerateDataKey", "kms:Decrypt"].map((action) => ({ what: `${CONFIG} ${action}`, against: "key policy", request: { principal: CONFIG, action, resource: keyArn, context: { "aws:SourceAccount": account } } }));
        admits(shortfall, keyDocument(key), keyExpected, `admit ${CONFIG} kms:Decrypt and kms:GenerateDataKey in the policy of key ${key.key.name}, scoped by aws:SourceAccount`);
    }
    return { urn: resource.urn, findings: findingsOf(subject, shortfall) };
}

export const configDeliveryAdmitted = deliveryStackPolicy<ChannelConfig>(
    {
        name: "config-delivery-admitted",
        description:
            "Every AWS Config delivery channel that writes to a bucket of the stack is admitted as Config makes its calls: the bucket policy lets it check the ACL, list the bucket and write under its key prefix's AWSLogs/ path for its account's Config/ with the owner ACL, and the stack's key it names lets Config generate data keys and decrypt.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                organizationId: { type: "string", default: "", description: "The organization (o-...) whose accounts deliver: the aws:SourceOrgID Config sends." },
            },
        },
        check: (context, config) => context.resources.filter((resource) => CHANNEL_TYPES.includes(resource.type)).flatMap((resource) => channelRequests(resource, context, config) ?? []),
    },
    [],
);
