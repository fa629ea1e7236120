import { bucketStatements, describe, policyNotKnown } from "../lib/buckets";
import { Statement, conditionValues, coversAction } from "../lib/policyDocuments";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

const DELIVERY_PATHS: Record<string, RegExp> = {
    // An account's trail, an organization trail, or one member account's share of it (a central log archive).
    "cloudtrail.amazonaws.com": /\/AWSLogs\/(\d{12}|o-[a-z0-9]{10,32}(\/\d{12})?)\/\*$/,
    // An account's Config, or each member's own under the policy variable ${aws:SourceAccount} (AWS-IAM-002).
    "config.amazonaws.com": /\/AWSLogs\/(\d{12}|\$\{aws:SourceAccount\})\/Config\/\*$/,
};

/**
 * Config of every member account of a central log archive writes under `AWSLogs/<member>/Config/`: a wildcard for
 * the account is confined only when the statement is also scoped to one organization by `aws:SourceOrgID`.
 */
const ORGANIZATION_CONFIG_PATH = /\/AWSLogs\/\*\/Config\/\*$/;

export const auditLogDeliveriesConfined = bucketStackPolicy({
    name: "audit-log-deliveries-confined",
    description: "In audit-log bucket policies, CloudTrail and Config may write only under their AWSLogs/<account or organization>/ prefix, and only with the bucket-owner-full-control ACL condition.",
    enforcementLevel: "mandatory",
    auditLogBucketsOnly: true,
    check: (view): Finding[] => {
        const { statements, unknown } = bucketStatements(view);
        const findings: Finding[] = statements
            .filter((statement) => statement.effect === "Allow" && coversAction(statement, "s3:PutObject"))
            .flatMap((statement) => deliveryProblems(statement).map((problem) => `${describe(view)}: statement ${statement.sid ?? "(no Sid)"} ${problem}`))
            .map((problem) => (problem.includes(NOT_KNOWN) ? pending(problem) : problem));
        return unknown.length > 0 ? [...findings, policyNotKnown(view, unknown)] : findings;
    },
});

const NOT_KNOWN = "to a resource not known yet";

function deliveryProblems(statement: Statement): string[] {
    const problems: string[] = [];
    for (const service of statement.principals.service) {
        const path = DELIVERY_PATHS[service];
        if (!path) {
            continue;
        }
        const organizationScoped = service === "config.amazonaws.com" && conditionValues(statement, "aws:SourceOrgID", /^StringEquals$/).some((value) => /^o-[a-z0-9]{10,32}$/.test(value));
        const loose = statement.resources.filter((resource) => !isUnknown(resource) && !path.test(resource) && !(organizationScoped && ORGANIZATION_CONFIG_PATH.test(resource)));
        if (statement.resources.some(isUnknown)) {
            problems.push(`lets ${service} write ${NOT_KNOWN}.`);
        }
        if (loose.length > 0) {
            problems.push(`lets ${service} write outside its AWSLogs/<account>/ prefix (${loose.join(", ")}): confine Resource to <prefix>/AWSLogs/<account id>${service.startsWith("config") ? "/Config" : ""}/*.`);
        }
        if (!conditionValues(statement, "s3:x-amz-acl", /^StringEquals$/).includes("bucket-owner-full-control")) {
            problems.push(`lets ${service} write without the ACL condition: add Condition StringEquals { "s3:x-amz-acl": "bucket-owner-full-control" }.`);
        }
    }
    return problems;
}
