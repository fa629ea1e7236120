import { describe } from "../lib/buckets";
import { Statement, conditionValues, coversAction, parseStatements } from "../lib/policyDocuments";
import { bucketStackPolicy } from "../lib/rule";

const DELIVERY_PATHS: Record<string, RegExp> = {
    "cloudtrail.amazonaws.com": /\/AWSLogs\/(\d{12}|o-[a-z0-9]{10,32})\/\*$/,
    "config.amazonaws.com": /\/AWSLogs\/\d{12}\/Config\/\*$/,
};

export const auditLogDeliveriesConfined = bucketStackPolicy({
    name: "audit-log-deliveries-confined",
    description: "In audit-log bucket policies, CloudTrail and Config may write only under their AWSLogs/<account or organization>/ prefix, and only with the bucket-owner-full-control ACL condition.",
    enforcementLevel: "mandatory",
    auditLogBucketsOnly: true,
    check: (view) =>
        view.settings.policy
            .flatMap((policy) => parseStatements(policy.props.policy) ?? [])
            .filter((statement) => statement.effect === "Allow" && coversAction(statement, "s3:PutObject"))
            .flatMap((statement) => deliveryProblems(statement).map((problem) => `${describe(view)}: statement ${statement.sid ?? "(no Sid)"} ${problem}`)),
});

function deliveryProblems(statement: Statement): string[] {
    const problems: string[] = [];
    for (const service of statement.principals.service) {
        const path = DELIVERY_PATHS[service];
        if (!path) {
            continue;
        }
        const loose = statement.resources.filter((resource) => !path.test(resource));
        if (loose.length > 0) {
            problems.push(`lets ${service} write outside its AWSLogs/<account>/ prefix (${loose.join(", ")}): confine Resource to <prefix>/AWSLogs/<account id>${service.startsWith("config") ? "/Config" : ""}/*.`);
        }
        if (!conditionValues(statement, "s3:x-amz-acl", /^StringEquals$/).includes("bucket-owner-full-control")) {
            problems.push(`lets ${service} write without the ACL condition: add Condition StringEquals { "s3:x-amz-acl": "bucket-owner-full-control" }.`);
        }
    }
    return problems;
}
