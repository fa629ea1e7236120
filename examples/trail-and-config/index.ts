import * as pulumi from "@pulumi/pulumi";
import * as cfg from "@pulumi/aws/cfg";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
// In your own program: import { AuditLogBucket } from "audit-log-bucket";
import { AuditLogBucket } from "../../components";

/**
 * A consumer of the component: one account's audit-log bucket, with a multi-region CloudTrail trail and an AWS
 * Config delivery channel writing to it through the component's outputs.
 */
const config = new pulumi.Config();
const accountId = config.require("accountId");
const region = new pulumi.Config("aws").require("region");
const trailName = "management-events";

const logs = new AuditLogBucket("audit-logs", {
    accountId,
    region,
    encryption: "SSE_KMS",
    // The trail's ARN is known before it exists, so the bucket and key admit exactly this trail.
    cloudTrailArns: [`arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`],
    readerArns: [`arn:aws:iam::${accountId}:role/SecurityAuditor`],
});

// CloudTrail checks the bucket policy and the key policy when the trail is created: depend on the component. The
// bucket uses an S3 Bucket Key, so CreateTrail also needs kms:Decrypt, which the key policy grants this trail
// (AWS-CT-005).
const trail = new cloudtrail.Trail(
    "trail",
    {
        name: trailName,
        s3BucketName: logs.bucketName,
        s3KeyPrefix: "cloudtrail-logs",
        kmsKeyId: logs.kmsKeyArn.apply((arn) => arn ?? ""),
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
    },
    { dependsOn: [logs] },
);

const recorder = new cfg.Recorder("recorder", {
    roleArn: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
});

const channel = new cfg.DeliveryChannel(
    "delivery-channel",
    {
        s3BucketName: logs.bucketName,
        s3KeyPrefix: "config-logs",
        s3KmsKeyArn: logs.kmsKeyArn.apply((arn) => arn ?? ""),
        snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
    },
    { dependsOn: [recorder, logs] },
);

new cfg.RecorderStatus("recorder-status", { name: recorder.name, isEnabled: true }, { dependsOn: [channel] });

export const bucketName = logs.bucketName;
export const trailArn = trail.arn;
