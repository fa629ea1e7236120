import { Finding, pending, resourcePolicy } from "../lib/rule";
import { TYPES } from "../lib/types";
import { isUnknown } from "../lib/unknowns";
import { PUBLIC_ACCESS_SETTINGS } from "./bucketBlocksPublicAccess";

export const accountBlocksPublicAccess = resourcePolicy(
    {
        name: "s3-account-blocks-public-access",
        description: "An account-level AccountPublicAccessBlock in the stack has all four settings on.",
        enforcementLevel: "mandatory",
        types: TYPES.accountPublicAccessBlock,
        check: (props, name): Finding[] => {
            const off = PUBLIC_ACCESS_SETTINGS.filter((setting) => props[setting] !== true && !isUnknown(props[setting]));
            const unknown = PUBLIC_ACCESS_SETTINGS.filter((setting) => isUnknown(props[setting]));
            return [
                ...(off.length > 0 ? [`${name} leaves public access open for the whole account: set ${off.map((s) => `${s}: true`).join(", ")}.`] : []),
                ...(unknown.length > 0 ? [pending(`${name} sets ${unknown.join(", ")} from values not known yet.`)] : []),
            ];
        },
    },
    ["SH S3.1", "s3_account_level_public_access_blocks"],
);
