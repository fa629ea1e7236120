import { describe } from "../lib/buckets";
import { conditionValues, coversAction, parseStatements, wildcardMatch } from "../lib/policyDocuments";
import { bucketStackPolicy } from "../lib/rule";

export const bucketDeniesInsecureTransport = bucketStackPolicy({
    name: "s3-bucket-denies-insecure-transport",
    description: "Every S3 bucket has a bucket policy that denies any request made without TLS (aws:SecureTransport false).",
    enforcementLevel: "mandatory",
    check: (view) => {
        const policies = [...view.settings.policy.map((policy) => policy.props.policy), view.bucket.props.policy].filter((policy) => policy !== undefined);
        const bucketArn = view.name ? `arn:aws:s3:::${view.name}` : undefined;
        const denies = policies.flatMap((policy) => parseStatements(policy) ?? []).some(
            (statement) =>
                statement.effect === "Deny" &&
                statement.principals.any &&
                (coversAction(statement, "s3:GetObject") && coversAction(statement, "s3:PutObject")) &&
                conditionValues(statement, "aws:SecureTransport", /^Bool(IfExists)?$/).includes("false") &&
                (!bucketArn || statement.resources.some((resource) => wildcardMatch(resource, `${bucketArn}/any-key`))),
        );
        return denies
            ? []
            : [`${describe(view)} accepts plain-HTTP requests: add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }.`];
    },
});
