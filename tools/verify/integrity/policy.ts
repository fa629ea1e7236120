import * as fs from "fs";
import * as path from "path";
import { partitionOf } from "../../../components/constants";
import type { StackPlan } from "../../offline/plan";
import { mainBucket, markers } from "../planReading";

interface Statement {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

/**
 * tools/verify/iamPolicy.json for one stack: its own bucket names instead of the file's name patterns, the trail
 * files under its CloudTrail prefix for --integrity's object reads, and the keys of its account and region.
 */
export function stackIamPolicy(plan: StackPlan): { Version: string; Statement: Statement[] } {
    const template = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "iamPolicy.json"), "utf8")) as { Version: string; Statement: Statement[] };
    const config = plan.stack.config;
    const region = config["aws:region"] ?? "us-east-1";
    const partition = partitionOf(region);
    const account = config[`${plan.stack.project}:accountId`] ?? "*";
    const buckets = plan.resources.filter((resource) => resource.type === "aws:s3/bucket:Bucket" && typeof resource.inputs.bucket === "string");
    const main = mainBucket(buckets, plan.outputs);
    const arn = (name: string): string => `arn:${partition}:s3:::${name}`;
    const trailPrefix = main ? (markers(plan.resources, main).find((marker) => marker.service === "cloudTrail")?.prefix ?? "") : "";
    const statements = template.Statement.map((statement): Statement => {
        switch (statement.Sid) {
            case "ReadStackBucketSettings":
                return { ...statement, Resource: buckets.map((bucket) => arn(bucket.inputs.bucket as string)) };
            case "IntegrityReadTrailObjects":
                return { ...statement, Resource: main ? `${arn(main.inputs.bucket as string)}/${trailPrefix}AWSLogs/*` : [] };
            case "IntegrityDecryptTrailObjectsThroughS3":
                // AWS-CT-304: any account's key of the region, since an organization trail's files may be under the
                // management account's key (whose own key policy must admit the reader too).
                return { ...statement, Resource: `arn:${partition}:kms:${region}:*:key/*` };
            case "ReadStackKey":
                return { ...statement, Resource: `arn:${partition}:kms:${region}:${account}:key/*` };
            default:
                return statement;
        }
    });
    return { Version: template.Version, Statement: statements };
}
