import { bucketStatements, describe, policyNotKnown } from "../lib/buckets";
import { hasConditionKey } from "../lib/policyDocuments";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";

const SOURCE_KEYS = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID"];

export const auditLogServiceGrantsScoped = bucketStackPolicy({
    name: "audit-log-service-grants-scoped",
    description: "In audit-log bucket policies, every grant to an AWS service principal (cloudtrail, config, ...) is scoped by aws:SourceArn, aws:SourceAccount or aws:SourceOrgID, so no other account's trail or recorder can use it (confused deputy).",
    enforcementLevel: "mandatory",
    auditLogBucketsOnly: true,
    check: (view): Finding[] => {
        const { statements, unknown } = bucketStatements(view);
        const findings: Finding[] = statements
            .filter((statement) => statement.effect === "Allow" && statement.principals.service.length > 0 && !hasConditionKey(statement, SOURCE_KEYS))
            .map(
                (statement) =>
                    `${describe(view)}: statement ${statement.sid ?? "(no Sid)"} grants ${statement.principals.service.join(", ")} ${statement.actions.join(", ")} without a source condition: add aws:SourceArn (the trail), aws:SourceAccount or aws:SourceOrgID.`,
            );
        return unknown.length > 0 ? [...findings, policyNotKnown(view, unknown)] : findings;
    },
});
