import { bucketStatements, describe, policyNotKnown, unjoinedNote } from "../lib/buckets";
import { conditionValues, coversAction, coversObjectsOf } from "../lib/policyDocuments";
import { Finding, bucketStackPolicy, pending } from "../lib/rule";

export const bucketDeniesInsecureTransport = bucketStackPolicy(
    {
        name: "s3-bucket-denies-insecure-transport",
        description: "Every S3 bucket has a bucket policy that denies any request made without TLS (aws:SecureTransport false).",
        enforcementLevel: "mandatory",
        check: (view): Finding[] => {
            const { statements, unknown } = bucketStatements(view);
            const denies = statements.some(
                (statement) =>
                    statement.effect === "Deny" &&
                    statement.principals.any &&
                    coversAction(statement, "s3:GetObject") &&
                    coversAction(statement, "s3:PutObject") &&
                    conditionValues(statement, "aws:SecureTransport", /^Bool(IfExists)?$/).includes("false") &&
                    // The bucket's ARN in any partition (aws, aws-cn, aws-us-gov); any resource when the name is not known yet.
                    (view.name === undefined || coversObjectsOf(statement, view.name)),
            );
            if (denies) {
                return [];
            }
            if (unknown.length > 0) {
                return [policyNotKnown(view, unknown)];
            }
            const note = view.policies.length === 0 ? unjoinedNote(view, "policy") : undefined;
            return [
                note
                    ? pending(note)
                    : `${describe(view)} accepts plain-HTTP requests: add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }.`,
            ];
        },
    },
    ["SH S3.5", "s3_bucket_secure_transport_policy", "AwsSolutions-S10"],
);
