import { resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";

const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

interface Grant {
    grantee?: { uri?: string };
    permission?: string;
}

export const bucketNoPublicAcl = resourcePolicy({
    name: "s3-no-public-acl",
    description: "No bucket or object ACL (canned or explicit grant) gives public read or write access.",
    enforcementLevel: "mandatory",
    types: [...TYPES.acl, ...TYPES.bucket, ...TYPES.object],
    check: (props, name) => {
        const problems: string[] = [];
        if (typeof props.acl === "string" && PUBLIC_CANNED_ACLS.includes(props.acl)) {
            problems.push(`${name} sets the canned ACL "${props.acl}", which makes it public: remove the ACL (use "private", or better BucketOwnerEnforced ownership).`);
        }
        const grants = [
            ...(((props.accessControlPolicy as { grants?: Grant[] } | undefined)?.grants ?? []) as Grant[]),
            ...((props.grants ?? []) as { uri?: string; permissions?: string[] }[]).map((grant) => ({ grantee: { uri: grant.uri }, permission: (grant.permissions ?? []).join("/") })),
        ];
        for (const grant of grants) {
            if (grant.grantee?.uri && PUBLIC_GRANTEES.includes(grant.grantee.uri)) {
                problems.push(`${name} grants ${grant.permission ?? "access"} to ${grant.grantee.uri.split("/").pop()}: remove the grant.`);
            }
        }
        return problems;
    },
});
