import { RESTRICTING_CONDITION_KEYS, hasConditionKey, parseStatements } from "../lib/policyDocuments";
import { resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";

export const bucketPolicyNoPublicPrincipal = resourcePolicy({
    name: "s3-policy-no-public-principal",
    description: 'No bucket policy statement allows a public principal ("*" or {"AWS": "*"}) without a condition that restricts it to an account, organization, network or source.',
    enforcementLevel: "mandatory",
    types: [...TYPES.policy, ...TYPES.bucket],
    check: (props, name) => {
        if (props.policy === undefined) {
            return [];
        }
        const statements = parseStatements(props.policy);
        if (!statements) {
            return [`The policy of ${name} is not valid JSON, so it cannot be checked: fix the document.`];
        }
        return statements
            .filter((statement) => statement.effect === "Allow" && statement.principals.any && !hasConditionKey(statement, RESTRICTING_CONDITION_KEYS))
            .map(
                (statement) =>
                    `Statement ${statement.sid ?? "(no Sid)"} of ${name} allows anyone (${statement.actions.join(", ")}): name the principals, or add a condition on one of ${RESTRICTING_CONDITION_KEYS.join(", ")}.`,
            );
    },
});
