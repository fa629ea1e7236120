import * as fs from "fs";
import * as path from "path";
import { partitionOf } from "../../../components/constants";
import type { StackPlan } from "../../offline/plan";
import { mainBucket, markers } from "../planReading";
import { plannedVault } from "../vault";

interface Statement {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

/**
 * tools/verify/iamPolicy.json for one stack: its own bucket names instead of the file's name patterns (the vault's
 * among them), the log prefixes of its audit bucket and vault for the object reads of --integrity and of the vault's
 * replication check, the keys of its account and region and of the vault's, and, for a vault in another account, the
 * vault account's role to assume (`vaultRoleName`, else the file's AuditVerifier). The same document serves the vault
 * account's role: it names the vault's bucket and key.
 */
export function stackIamPolicy(plan: StackPlan, options: { vaultRoleName?: string } = {}): { Version: string; Statement: Statement[] } {
    const template = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "iamPolicy.json"), "utf8")) as { Version: string; Statement: Statement[] };
    const config = plan.stack.config;
    const region = config["aws:region"] ?? "us-east-1";
    const partition = partitionOf(region);
    const account = config[`${plan.stack.project}:accountId`] ?? "*";
    const buckets = plan.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket" && typeof resource.inputs.bucket === "string");
    const main = mainBucket(buckets.filter((bucket) => typeof bucket.inputs.region !== "string" || bucket.inputs.region === region), plan.outputs);
    const vault = main ? plannedVault(plan.resources, main, config, plan.stack.project, account) : undefined;
    const arn = (name: string): string => `arn:${partition}:s3:::${name}`;
    const prefixes = main ? markers(plan.resources, main).map((marker) => marker.prefix) : [];
    const objectBuckets = [main, vault?.bucket].filter((bucket): bucket is NonNullable<typeof bucket> => bucket !== undefined).map((bucket) => bucket.inputs.bucket as string);
    const objects = objectBuckets.flatMap((name) => (prefixes.length > 0 ? prefixes.map((prefix) => `${arn(name)}/${prefix}*`) : [`${arn(name)}/*`]));
    const regions = [...new Set([region, ...(vault ? [vault.region] : [])])];
    const statements = template.Statement.flatMap((statement): Statement[] => {
        switch (statement.Sid) {
            case "ReadStackBucketSettings":
                return [{ ...statement, Resource: buckets.map((bucket) => arn(bucket.inputs.bucket as string)) }];
            case "ReadLogObjects":
                return [{ ...statement, Resource: objects }];
            case "IntegrityDecryptTrailObjectsThroughS3":
                // AWS-CT-304: any account's key of the region, since an organization trail's files may be under the
                // management account's key (whose own key policy must admit the reader too).
                return [{ ...statement, Resource: regions.map((name) => `arn:${partition}:kms:${name}:*:key/*`) }];
            case "ReadStackKey":
                return [{ ...statement, Resource: [`arn:${partition}:kms:${region}:${account}:key/*`, ...(vault ? [`arn:${partition}:kms:${vault.region}:${vault.account}:key/*`] : [])] }];
            case "AssumeVaultVerifierRole":
                // Only for a vault in another account (AWS-STS-701: the caller's policy must grant sts:AssumeRole).
                return vault && vault.account !== account ? [{ ...statement, Resource: `arn:${partition}:iam::${vault.account}:role/${options.vaultRoleName ?? "AuditVerifier"}` }] : [];
            default:
                return [statement];
        }
    });
    return { Version: template.Version, Statement: statements };
}
