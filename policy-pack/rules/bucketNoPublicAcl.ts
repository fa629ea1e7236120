import { at, entries } from "../lib/read";
import { Finding, pending, resourcePolicy } from "../lib/rule";
import { TYPES, isNative } from "../lib/types";
import { isUnknown } from "../lib/unknowns";

const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
// aws-native takes CloudFormation's names for the same canned ACLs.
const PUBLIC_NATIVE_ACLS = ["PublicRead", "PublicReadWrite", "AuthenticatedRead"];
const PUBLIC_GRANTEES = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

export const bucketNoPublicAcl = resourcePolicy(
    {
        name: "s3-no-public-acl",
        description: "No bucket or object ACL (canned or explicit grant) gives public read or write access.",
        enforcementLevel: "mandatory",
        types: [...TYPES.acl, ...TYPES.bucket, ...TYPES.object],
        check: (props, name, type): Finding[] => {
            const findings: Finding[] = [];
            const canned = isNative(type) ? props.accessControl : props.acl;
            if (typeof canned === "string" && (PUBLIC_CANNED_ACLS.includes(canned) || PUBLIC_NATIVE_ACLS.includes(canned))) {
                findings.push(`${name} sets the canned ACL "${canned}", which makes it public: remove the ACL (use "private", or better BucketOwnerEnforced ownership).`);
            } else if (isUnknown(canned)) {
                findings.push(pending(`${name} sets its canned ACL from a value not known yet.`));
            }
            const grants = [
                ...entries(at(props.accessControlPolicy, "grants")).map((grant) => ({ uri: at(grant, "grantee", "uri"), permission: at(grant, "permission") })),
                ...entries(props.grants).map((grant) => ({ uri: at(grant, "uri"), permission: entries(at(grant, "permissions")).join("/") })),
            ];
            for (const grant of grants) {
                if (typeof grant.uri === "string" && PUBLIC_GRANTEES.includes(grant.uri)) {
                    findings.push(`${name} grants ${grant.permission ?? "access"} to ${grant.uri.split("/").pop()}: remove the grant.`);
                } else if (isUnknown(grant.uri)) {
                    findings.push(pending(`${name} has an ACL grant to a grantee not known yet.`));
                }
            }
            return findings;
        },
    },
    ["SH S3.2", "SH S3.3", "CKV_AWS_20", "CKV_AWS_57", "s3_bucket_public_write_acl", "s3_bucket_public_list_acl"],
);
