import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentity } from "@pulumi/aws/getCallerIdentity";
import { AuditLogBucket } from "./components/auditLogBucket";
import { CONFIG_NAMESPACE, argsFromStackConfig } from "./components/config";
import { AuditLogBucketArgsError } from "./components/validation";

/** The stack program: one audit-log bucket for the stack's account and region, configured by stacks/Pulumi.<stack>.yaml. */
export = async () => {
    const config = new pulumi.Config(CONFIG_NAMESPACE);
    const region = new pulumi.Config("aws").get("region");
    const accountId = config.get("accountId") ?? (await getCallerIdentity({})).accountId;
    // Every key the stack sets, so a misspelt audit-log-bucket:* key is an error instead of silently ignored.
    const { args, problems } = argsFromStackConfig((key) => config.get(key), region, accountId, pulumi.runtime.allConfig());
    if (problems.length > 0) {
        throw new AuditLogBucketArgsError("audit-logs", problems);
    }
    const logs = new AuditLogBucket("audit-logs", args);
    return {
        bucketName: logs.bucketName,
        bucketArn: logs.bucketArn,
        bucketPolicy: logs.bucketPolicyJson,
        prefixes: logs.prefixes,
        ...(args.encryption === "SSE_KMS" ? { kmsKeyArn: logs.kmsKeyArn } : {}),
        ...(args.encryption === "SSE_KMS" && args.kmsKeyArn === undefined ? { keyPolicy: logs.keyPolicyJson } : {}),
        ...(args.athena
            ? {
                  athenaDatabase: logs.athenaDatabaseName,
                  athenaWorkgroup: logs.athenaWorkgroupName,
                  athenaResultsBucket: logs.athenaResultsBucketName,
                  athenaReaderPolicy: logs.athenaReaderPolicyJson,
              }
            : {}),
    };
};
