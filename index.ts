import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentity } from "@pulumi/aws/getCallerIdentity";
import { Provider } from "@pulumi/aws/provider";
import { AuditLogBucket } from "./components/auditLogBucket";
import { CONFIG_NAMESPACE, argsFromStackConfig } from "./components/config";
import { AuditLogBucketArgsError } from "./components/validation";

/** The stack program: one audit-log bucket for the stack's account and region, configured by stacks/Pulumi.<stack>.yaml. */
export = async () => {
    const config = new pulumi.Config(CONFIG_NAMESPACE);
    const region = new pulumi.Config("aws").get("region");
    const accountId = config.get("accountId") ?? (await getCallerIdentity({})).accountId;
    // Every key the stack sets, so a misspelt audit-log-bucket:* key is an error instead of silently ignored.
    const { args, problems, vaultRoleArn } = argsFromStackConfig((key) => config.get(key), region, accountId, pulumi.runtime.allConfig());
    if (problems.length > 0) {
        throw new AuditLogBucketArgsError("audit-logs", problems);
    }
    if (args.vault && vaultRoleArn !== undefined) {
        // The vault account's provider: its region, and a role assumed into it (audit-log-bucket:vaultRoleArn).
        args.vault.provider = new Provider("vault", {
            region: args.vault.region,
            assumeRoles: [{ roleArn: vaultRoleArn, sessionName: "audit-log-vault" }],
            ...(args.vault.accountId !== undefined ? { allowedAccountIds: [args.vault.accountId] } : {}),
        });
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
        ...(args.vault
            ? { vaultBucketName: logs.vaultBucketName, vaultBucketPolicy: logs.vaultBucketPolicyJson, replicationRoleArn: logs.replicationRoleArn, ...(args.encryption === "SSE_KMS" ? { vaultKmsKeyArn: logs.vaultKmsKeyArn } : {}) }
            : {}),
    };
};
